/**
 * buildDigest: the use case that turns "leader X (or unit U), period P, date D" into a
 * DigestModel for the leader's whole subtree, from the scoped digest read model (ports.ts).
 * Everything shown to the leader is redacted text, counts or names of their own subtree; an
 * issue group's title is the stored one only when every report of the group lies in the
 * subtree, otherwise it is derived from the subtree's reports (issue-groups/scoped-title.ts).
 */
import type { Clock } from '../../domain/clock.js';
import { NotFoundError } from '../../domain/errors.js';
import type { AlertLine, DigestModel, InactiveMember, TopicLine } from '../../domain/digest/model.js';
import { digestWindow, sevenDayBuckets, type DigestPeriod, type PeriodWindow } from '../../domain/digest/periods.js';
import { subtreeOf } from '../../domain/scope.js';
import { displayLocalDate, formatLocalDate, localDateOf, type LocalDate } from '../../domain/zoned-time.js';
import { findDefaultTopic } from '../../domain/taxonomy.js';
import type { Member, Unit } from '../../domain/types.js';
import { MOODS, isMood, type Mood } from '../../domain/vocabulary.js';
import { scopedTitle } from '../issue-groups/scoped-title.js';
import type { DigestMembers, DigestReadModel, DigestSettings, DigestUnits, HeadlineCounts, OpenAlertRow, ScopedDigestReads, TopicMoodRow } from './ports.js';

/** What buildDigest needs. */
export interface DigestDeps {
  read: DigestReadModel;
  units: DigestUnits;
  members: DigestMembers;
  settings: DigestSettings;
  clock: Clock;
}

/** Who the digest is for: a leader (their unit's subtree) or a unit directly (operators). */
export type DigestTarget = { memberId: number; unitId?: undefined } | { unitId: number; memberId?: undefined };

export interface BuildDigestInput {
  period: DigestPeriod;
  /** A local date inside the period (calendar periods); defaults to today in the unit's zone. */
  date?: LocalDate;
}

const DAY = 86_400_000;

/** Resolves the member (if any) and the unit whose subtree the digest covers. */
export async function resolveTarget(deps: DigestDeps, target: DigestTarget): Promise<{ member: Member | null; unit: Unit }> {
  const member = target.memberId !== undefined ? await deps.members.get(target.memberId) : null;
  if (target.memberId !== undefined && !member) throw new NotFoundError('member', { memberId: target.memberId });
  const unitId = member ? member.unitId : target.unitId!;
  const unit = await deps.units.get(unitId);
  if (!unit) throw new NotFoundError('unit', { unitId });
  return { member, unit };
}

/** Builds the digest of a leader's (or unit's) subtree for a period. */
export async function buildDigest(deps: DigestDeps, input: DigestTarget & BuildDigestInput): Promise<DigestModel> {
  const { unit } = await resolveTarget(deps, input);
  const now = deps.clock();
  const window = digestWindow(input.period, input.date ?? localDateOf(now, unit.timezone), now, unit.timezone);
  return buildDigestForWindow(deps, unit, window);
}

/** Builds the digest of a unit's subtree for an explicit window (the scheduler already knows it). */
export async function buildDigestForWindow(deps: DigestDeps, unit: Unit, window: PeriodWindow): Promise<DigestModel> {
  const [read, settings] = await Promise.all([deps.read.scoped(subtreeOf(unit.id)), deps.settings.effective(unit.id)]);
  const w = { from: window.from, to: window.to, prevFrom: window.previous.from, prevTo: window.previous.to };
  const silentSince = new Date(window.to.getTime() - 7 * DAY);
  const inactiveSince = new Date(window.to.getTime() - settings.reminderDays * DAY);
  const buckets = sevenDayBuckets(window.lastDate, unit.timezone);
  const [head, tm, names, groups, alerts, props, silent, inactive, volume] = await Promise.all([
    read.headline(w),
    read.topicMoodCounts(w),
    deps.read.topicNames(),
    read.topIssueGroups(w),
    read.openAlerts(),
    read.proposals(w),
    read.silentUnits(silentSince, window.to),
    read.inactiveCollaborators(inactiveSince, window.to),
    read.volume(buckets),
  ]);
  const days = Math.max(1, (window.to.getTime() - window.from.getTime()) / DAY);
  const titleOf = (g: { id: number; title: string; outside: number }) => scopedTitle(g, () => read.groupTexts(g.id));
  return {
    unit: { id: unit.id, name: unit.name },
    period: window.period,
    key: window.key,
    tz: unit.timezone,
    from: window.from,
    to: window.to,
    firstDate: displayLocalDate(window.firstDate),
    lastDate: displayLocalDate(window.lastDate),
    headline: toHeadline(head, days),
    ...mixes(tm, names),
    groups: await Promise.all(groups.map(async (g) => ({ id: g.id, title: await titleOf(g), count: g.n, units: g.units, previous: g.prev, quotes: g.quotes ?? [] }))),
    alerts: await alertLines(read, alerts),
    proposals: props.map((p) => ({ reference: p.reference, unitName: p.unit_name, text: p.text })),
    silentUnits: { items: silent.map((s) => ({ id: s.id, name: s.name })), total: silent[0]?.total ?? 0 },
    inactiveMembers: { items: inactive.map(toInactive), total: inactive[0]?.total ?? 0, days: settings.reminderDays },
    volume7: buckets.map((b, i) => ({ date: formatLocalDate(b.date), count: volume[i] ?? 0 })),
  };
}

/**
 * One line per issue group: of an issue's alerts at several levels of the subtree, the one
 * scoped highest (it covers the others); alerts without a group stand alone.
 */
async function alertLines(read: ScopedDigestReads, rows: OpenAlertRow[]): Promise<AlertLine[]> {
  const top = new Map<string, OpenAlertRow>();
  for (const r of rows) {
    const key = r.group_id === null ? `a${r.id}` : `g${r.group_id}`;
    const seen = top.get(key);
    if (!seen || r.unit_depth < seen.unit_depth) top.set(key, r);
  }
  const kept = rows.filter((r) => top.get(r.group_id === null ? `a${r.id}` : `g${r.group_id}`) === r);
  return Promise.all(kept.map(async (a) => toAlertLine(a, a.group_id === null || a.title === null ? a.title : await scopedTitle({ title: a.title, outside: a.outside }, () => read.groupTexts(a.group_id!)))));
}

function toHeadline(head: HeadlineCounts, days: number): DigestModel['headline'] {
  return {
    reports: { current: head.reports, previous: head.prev_reports },
    collaborators: { current: head.members, previous: head.prev_members },
    units: { current: head.units, previous: head.prev_units },
    avgPerDay7: head.avg_reports / 7,
    perDay: head.reports / days,
  };
}

function toAlertLine(a: OpenAlertRow, title: string | null): AlertLine {
  return {
    id: a.id, level: a.level, trigger: a.trigger, status: a.status, title, reference: a.reference,
    unitName: a.unit_name, reportCount: a.report_count, unitCount: a.unit_count, createdAt: new Date(a.created_ms),
  };
}

function toInactive(m: Awaited<ReturnType<ScopedDigestReads['inactiveCollaborators']>>[number]): InactiveMember {
  return { id: m.id, name: m.name, unitName: m.unit_name, lastReportAt: m.last_ms === null ? null : new Date(m.last_ms) };
}

/** Folds the (topic, mood, window) counts into the mood mix, ranked topics and the chart matrix. */
function mixes(rows: TopicMoodRow[], names: { slug: string; nameVi: string; nameEn: string }[]) {
  const moods = Object.fromEntries(MOODS.map((m) => [m, 0])) as Record<Mood, number>;
  const topics = new Map<string, TopicLine>();
  const topicMoods = new Map<string, { slug: string; mood: Mood; count: number }>();
  const nameOf = (slug: string) => {
    const n = names.find((x) => x.slug === slug) ?? findDefaultTopic(slug);
    return { nameVi: n?.nameVi ?? slug, nameEn: n?.nameEn ?? slug };
  };
  for (const r of rows) {
    const line = topics.get(r.topic) ?? { slug: r.topic, ...nameOf(r.topic), count: 0, previous: 0 };
    if (r.cur) line.count += r.n;
    else line.previous += r.n;
    topics.set(r.topic, line);
    if (!r.cur || !isMood(r.mood)) continue;
    moods[r.mood] += r.n;
    const key = `${r.topic}/${r.mood}`;
    const cell = topicMoods.get(key) ?? { slug: r.topic, mood: r.mood, count: 0 };
    cell.count += r.n;
    topicMoods.set(key, cell);
  }
  const ranked = [...topics.values()].filter((x) => x.count > 0).sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
  return { moods, topics: ranked, topicMoods: [...topicMoods.values()] };
}
