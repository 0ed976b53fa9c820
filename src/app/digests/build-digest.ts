/**
 * buildDigest: the use case that turns "leader X (or unit U), period P, date D" into a
 * DigestModel for the leader's whole subtree, by SQL aggregation (src/app/digests/queries.ts).
 * Everything shown to the leader is redacted text, counts or names of their own subtree.
 */
import type { SqlExecutor } from '../../db/sql.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import { NotFoundError } from '../../domain/errors.js';
import type { AlertLine, DigestModel, InactiveMember, TopicLine } from '../../domain/digest/model.js';
import { digestWindow, sevenDayBuckets, type DigestPeriod, type PeriodWindow } from '../../domain/digest/periods.js';
import { displayLocalDate, formatLocalDate, localDateOf, type LocalDate } from '../../domain/zoned-time.js';
import { findDefaultTopic } from '../../domain/taxonomy.js';
import type { Member, Unit } from '../../domain/types.js';
import { MOODS, isMood, type Mood } from '../../domain/vocabulary.js';
import * as q from './queries.js';

/** What buildDigest needs. */
export interface DigestDeps {
  sql: Pick<SqlExecutor, 'query'>;
  repos: Pick<Repositories, 'units' | 'members' | 'settings'>;
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
  const member = target.memberId !== undefined ? await deps.repos.members.get(target.memberId) : null;
  if (target.memberId !== undefined && !member) throw new NotFoundError('member', { memberId: target.memberId });
  const unitId = member ? member.unitId : target.unitId!;
  const unit = await deps.repos.units.get(unitId);
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

/** Builds the digest for an explicit window (the scheduler already knows it). */
export async function buildDigestForWindow(deps: DigestDeps, unit: Unit, window: PeriodWindow): Promise<DigestModel> {
  const [unitIds, settings] = await Promise.all([q.subtreeUnitIds(deps.sql, unit.id), deps.repos.settings.effective(unit.id)]);
  const w: q.Windows = { unitIds, from: window.from, to: window.to, prevFrom: window.previous.from, prevTo: window.previous.to };
  const silentSince = new Date(window.to.getTime() - 7 * DAY);
  const inactiveSince = new Date(window.to.getTime() - settings.reminderDays * DAY);
  const buckets = sevenDayBuckets(window.lastDate, unit.timezone);
  const [head, tm, names, groups, alerts, props, silent, inactive, volume] = await Promise.all([
    q.headlineCounts(deps.sql, w),
    q.topicMoodCounts(deps.sql, w),
    q.topicNames(deps.sql),
    q.topIssueGroups(deps.sql, w),
    q.openAlerts(deps.sql, unitIds),
    q.proposals(deps.sql, w),
    q.silentUnits(deps.sql, unitIds, silentSince, window.to),
    q.inactiveCollaborators(deps.sql, unitIds, inactiveSince, window.to),
    q.bucketCounts(deps.sql, unitIds, buckets),
  ]);
  const days = Math.max(1, (window.to.getTime() - window.from.getTime()) / DAY);
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
    groups: groups.map((g) => ({ id: g.id, title: g.title, count: g.n, units: g.units, previous: g.prev, quotes: g.quotes ?? [] })),
    alerts: alerts.map(toAlertLine),
    proposals: props.map((p) => ({ reference: p.reference, unitName: p.unit_name, text: p.text })),
    silentUnits: { items: silent.map((s) => ({ id: s.id, name: s.name })), total: silent[0]?.total ?? 0 },
    inactiveMembers: { items: inactive.map(toInactive), total: inactive[0]?.total ?? 0, days: settings.reminderDays },
    volume7: buckets.map((b, i) => ({ date: formatLocalDate(b.date), count: volume[i] ?? 0 })),
  };
}

type Row<F extends (...a: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];
type TopicMoodRow = Row<typeof q.topicMoodCounts>;

function toHeadline(head: Record<string, number>, days: number): DigestModel['headline'] {
  return {
    reports: { current: head.reports!, previous: head.prev_reports! },
    collaborators: { current: head.members!, previous: head.prev_members! },
    units: { current: head.units!, previous: head.prev_units! },
    avgPerDay7: head.avg_reports! / 7,
    perDay: head.reports! / days,
  };
}

function toAlertLine(a: Row<typeof q.openAlerts>): AlertLine {
  return {
    id: a.id, level: a.level, trigger: a.trigger, status: a.status, title: a.title, reference: a.reference,
    unitName: a.unit_name, reportCount: a.report_count, unitCount: a.unit_count, createdAt: new Date(a.created_ms),
  };
}

function toInactive(m: Row<typeof q.inactiveCollaborators>): InactiveMember {
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
