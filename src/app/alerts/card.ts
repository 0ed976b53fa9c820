/**
 * A leader's card about one subject (an issue group): what it shows is computed for the
 * reader's scope only — the live alerts of the group whose scope lies in the reader's subtree,
 * plus those the card already showed — so a card never carries a reference, quote, unit or
 * count from outside the reader's subtree. Rendering is pure; loading reads the store.
 */
import { createHash } from 'node:crypto';
import { alertCardVars, encodeAlertCallback, formatReasons, parseReasons, type AlertAction, type AlertStatus } from '../../domain/alerts.js';
import { scopeOf, type Scope } from '../../domain/scope.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { InlineKeyboard } from '../ports/messages.js';
import type { AlertsDeps } from './deps.js';
import type { AlertRecord, AlertReport, CardRecord, CoveredReport } from './ports.js';

export interface RenderedCard {
  text: string;
  reply_markup: InlineKeyboard;
}

/** What one reader's card shows, before it is put into words. */
export interface CardView {
  /** The alerts shown (all inside the reader's scope), oldest first. */
  alerts: AlertRecord[];
  /** The alert whose report, reasons and buttons lead the card: the most severe, then the oldest. */
  primary: AlertRecord;
  report: AlertReport | null;
  status: AlertStatus;
  level: 'high' | 'critical';
  references: string[];
  reportCount: number;
  unitCount: number;
  quote: string;
  /** Unit names from the root down to the lowest unit above every alert shown. */
  unitPath: string[];
  actorName: string | null;
}

const LIVE: readonly AlertStatus[] = ['open', 'acknowledged'];

/** The status a card shows: open while any alert is open, then taken up, then how it closed. */
export function cardStatus(alerts: readonly Pick<AlertRecord, 'status'>[]): AlertStatus {
  const has = (s: AlertStatus) => alerts.some((a) => a.status === s);
  if (has('open')) return 'open';
  if (has('acknowledged')) return 'acknowledged';
  return has('resolved') ? 'resolved' : 'false_alarm';
}

/** Most severe first, then oldest. */
const byPrecedence = (a: AlertRecord, b: AlertRecord) => (a.level === b.level ? a.id - b.id : a.level === 'critical' ? -1 : 1);

/** The newest acknowledgement or closing among the alerts: who took it, shown to recipients. */
function latestActor(alerts: readonly AlertRecord[]): number | null {
  let best: { at: number; id: number } | null = null;
  for (const a of alerts) {
    for (const [at, id] of [[a.closedAt, a.closedById], [a.acknowledgedAt, a.acknowledgedById]] as const) {
      if (at && id !== null && (!best || at.getTime() > best.at)) best = { at: at.getTime(), id };
    }
  }
  return best?.id ?? null;
}

/** Figures over covered reports (each report once). */
export function coveredFigures(covered: readonly CoveredReport[]): Pick<CardView, 'references' | 'reportCount' | 'unitCount'> & { quote: string | null } {
  const newest = [...covered].reverse().find((r) => r.redactedContent);
  return {
    references: covered.map((r) => r.reference),
    reportCount: Math.max(1, covered.length),
    unitCount: Math.max(1, new Set(covered.map((r) => r.unitId)).size),
    quote: newest?.redactedContent ?? null,
  };
}

/** The alerts a reader may see on a card of `subject`: live ones in scope plus those shown before, still in scope. */
async function alertsForReader(deps: AlertsDeps, subject: string, scope: Scope, shownIds: readonly number[]): Promise<AlertRecord[]> {
  const [live, shown] = await Promise.all([deps.alerts.liveInScope(subject, scope), deps.alerts.getManyInScope(shownIds, scope)]);
  const all = new Map<number, AlertRecord>();
  for (const a of [...shown, ...live]) all.set(a.id, a);
  return [...all.values()].sort((a, b) => a.id - b.id);
}

/** The lowest unit whose subtree holds every alert shown, as names from the root down. */
async function commonPath(deps: AlertsDeps, alerts: readonly AlertRecord[]): Promise<string[]> {
  const paths = (await deps.units.getMany([...new Set(alerts.map((a) => a.unitId))])).map((u) => u.path);
  const first = paths[0] ?? [];
  let depth = 0;
  while (depth < first.length && paths.every((p) => p[depth] === first[depth])) depth += 1;
  const common = first.slice(0, depth);
  const byId = new Map((await deps.units.getMany(common)).map((u) => [u.id, u.name]));
  return common.map((id) => byId.get(id) ?? '');
}

/**
 * Loads what a reader's card shows: null when nothing is left in the reader's scope (the
 * member left the subtree, or was deactivated).
 */
export async function loadCardView(deps: AlertsDeps, reader: Member, subject: string, shownIds: readonly number[]): Promise<CardView | null> {
  if (!reader.active) return null;
  const alerts = await alertsForReader(deps, subject, scopeOf(reader), shownIds);
  if (alerts.length === 0) return null;
  const primary = [...alerts].sort(byPrecedence)[0]!;
  const actorId = latestActor(alerts);
  const [covered, report, unitPath, actor] = await Promise.all([
    deps.alerts.coveredReports(alerts.map((a) => a.id)),
    deps.alerts.reportForAlert(primary.reportId),
    commonPath(deps, alerts),
    actorId !== null ? deps.members.get(actorId) : null,
  ]);
  const figures = coveredFigures(covered);
  return {
    alerts,
    primary,
    report,
    status: cardStatus(alerts),
    level: alerts.some((a) => a.level === 'critical') ? 'critical' : 'high',
    references: figures.references,
    reportCount: figures.reportCount,
    unitCount: figures.unitCount,
    quote: figures.quote ?? report?.redactedContent ?? '',
    unitPath,
    actorName: actor?.displayName ?? null,
  };
}

/** The buttons a card shows: all four while open, fewer once acknowledged or closed. */
export function alertKeyboard(deps: Pick<AlertsDeps, 't'>, alertId: number, status: AlertStatus, lang: Language): InlineKeyboard {
  const actions: AlertAction[] =
    status === 'open' ? ['ack', 'resolve', 'false_alarm', 'details'] : status === 'acknowledged' ? ['resolve', 'false_alarm', 'details'] : ['details'];
  const button = (a: AlertAction) => ({ text: deps.t(lang, `alerts-button-${a.replace('_', '-')}`), callback_data: encodeAlertCallback(alertId, a) });
  const rows = actions.length === 4 ? [actions.slice(0, 2), actions.slice(2)] : [actions];
  return { inline_keyboard: rows.map((r) => r.map(button)) };
}

/** Puts a view into words for one reader's language (no I/O). */
export function renderCard(deps: Pick<AlertsDeps, 't'>, view: CardView, lang: Language): RenderedCard {
  const { report, primary } = view;
  const tOr = (key: string, fallback: string) => {
    const s = deps.t(lang, key);
    return s === key || s === '' ? fallback : s;
  };
  const reasons = parseReasons(primary.reasons);
  const reasonsLine = formatReasons(reasons, (r) => tOr(`alerts-reason-${r.code.replace(/_/g, '-')}`, r.detail ?? r.code));
  const topicName = (lang === 'en' ? report?.topicNameEn : report?.topicNameVi) ?? report?.topicSlug ?? '—';
  const vars = alertCardVars(
    {
      alertId: primary.id,
      level: view.level,
      status: view.status,
      trigger: primary.trigger,
      reasons,
      unitPath: view.unitPath,
      topicName,
      mood: report?.finalMood ? deps.t(lang, `alerts-mood-${report.finalMood}`) : '—',
      spread: report?.spread ? deps.t(lang, `alerts-spread-${report.spread}`) : '—',
      quote: view.quote,
      references: view.references,
      reportCount: view.reportCount,
      unitCount: view.unitCount,
      actorName: view.actorName,
    },
    reasonsLine || '—',
  );
  const head = deps.t(lang, `alerts-card-${view.level}`, vars);
  const body = deps.t(lang, 'alerts-card', vars);
  const status = view.status === 'open' ? '' : `\n\n${deps.t(lang, `alerts-card-status-${view.status.replace('_', '-')}`, vars)}`;
  return { text: `${head}\n${body}${status}`, reply_markup: alertKeyboard(deps, primary.id, view.status, lang) };
}

/** A short hash of what a card shows: the same state twice is one edit. */
export function cardVersion(card: { text: string; reply_markup: unknown }): string {
  return createHash('sha256').update(card.text).update(JSON.stringify(card.reply_markup)).digest('base64url').slice(0, 16);
}

/** True while any alert the view shows is live (open or acknowledged). */
export const viewIsLive = (view: CardView) => view.alerts.some((a) => LIVE.includes(a.status));

/** Loads and renders a reader's card in their language; null when nothing is in their scope. */
export async function renderReaderCard(
  deps: AlertsDeps,
  reader: Member,
  card: Pick<CardRecord, 'subject' | 'alertIds'>,
  lang: Language = reader.language ?? 'vi',
): Promise<{ view: CardView; rendered: RenderedCard } | null> {
  const view = await loadCardView(deps, reader, card.subject, card.alertIds);
  if (!view) return null;
  return { view, rendered: renderCard(deps, view, lang) };
}
