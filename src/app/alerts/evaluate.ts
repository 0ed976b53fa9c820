/**
 * `evaluateReport`: after a report's analysis commits, decide which alerts it raises and which
 * live alerts it updates. An alert is about one issue group within one unit's subtree (its
 * scope): a critical report, or a high one on a sensitive topic, raises an alert scoped to its
 * own unit; a fast-spreading group raises one scoped to the lowest unit whose subtree shows the
 * spread. One live alert per (group, scope) (the `openKey` unique column). Every live alert
 * whose scope contains the report is updated: its figures are recomputed from the database
 * (so running this twice changes nothing) and the cards showing it are edited.
 */
import { decideTrigger, levelFor, maxLevel, type AlertTrigger } from '../../domain/alerts.js';
import type { Settings } from '../../domain/settings.js';
import type { Unit } from '../../domain/types.js';
import { coveredFigures } from './card.js';
import { editAllCards, scheduleCardEdits } from './card-edits.js';
import type { AlertsDeps } from './deps.js';
import { dispatchStep } from './escalate.js';
import type { AlertRecord, AlertReport } from './ports.js';

export type EvaluateOutcome =
  | { type: 'raised'; alertId: number; alertIds: number[] }
  | { type: 'updated'; alertId: number }
  | { type: 'unchanged'; alertId: number }
  | { type: 'no_alert'; reason: 'not_found' | 'not_analysed' | 'withdrawn' | 'below_threshold' };

/** An alert the report should raise: its trigger and the unit whose subtree it covers. */
interface Raise {
  trigger: AlertTrigger;
  scope: Unit;
}

/** Raises or updates the alerts for an analysed report (idempotent); records that it was evaluated. */
export async function evaluateReport(deps: AlertsDeps, reportId: number): Promise<EvaluateOutcome> {
  const outcome = await evaluate(withinOneEvaluation(deps), reportId);
  if (outcome.type !== 'no_alert' || outcome.reason === 'below_threshold') await deps.alerts.markEvaluated(reportId, deps.clock());
  return outcome;
}

/**
 * The deps of one evaluation, reading each unit's ancestry and settings and each report once:
 * raising, dispatching the first step and drawing the cards ask for them again, and nothing of
 * them changes within the few milliseconds of one evaluation (alerts' own state is always read afresh).
 */
function withinOneEvaluation(deps: AlertsDeps): AlertsDeps {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, read().catch((e: unknown) => { cache.delete(key); throw e; }));
    return cache.get(key) as Promise<T>;
  };
  return {
    ...deps,
    units: { ...deps.units, ancestry: (id) => once(`ancestry-${id}`, () => deps.units.ancestry(id)) },
    settings: { ...deps.settings, effective: (id) => once(`settings-${id}`, () => deps.settings.effective(id)) },
    alerts: { ...deps.alerts, reportForAlert: (id) => once(`report-${id}`, () => deps.alerts.reportForAlert(id)) },
  };
}

async function evaluate(deps: AlertsDeps, reportId: number): Promise<EvaluateOutcome> {
  const report = await deps.alerts.reportForAlert(reportId);
  if (!report) return { type: 'no_alert', reason: 'not_found' };
  if (report.status === 'withdrawn') return { type: 'no_alert', reason: 'withdrawn' };
  if (report.status !== 'analysed') return { type: 'no_alert', reason: 'not_analysed' };
  const [ancestry, settings, before, live] = await Promise.all([
    deps.units.ancestry(report.unitId),
    deps.settings.effective(report.unitId),
    deps.alerts.raisedBy(report.id),
    report.issueGroupId !== null ? deps.alerts.liveCovering(report.issueGroupId, report.unitId) : Promise.resolve([]),
  ]);
  const raised: number[] = [];
  for (const r of await raisesFor(deps, report, ancestry, settings)) {
    if (before.some((a) => a.unitId === r.scope.id)) continue; // raised by an earlier run of this evaluation
    // The group already has a live alert in this scope: the report updates it below (the
    // unique open key would refuse a second one; this spares the attempt's reads).
    if (live.some((a) => a.unitId === r.scope.id)) continue;
    const id = await raise(deps, report, r);
    if (id !== null) raised.push(id);
  }
  // An earlier run that raised an alert and died before its first step was dispatched: finish it.
  for (const a of before) if (a.status === 'open' && a.dispatchedStep === null && a.heldUntil === null) await dispatchStep(deps, a.id, a.escalationStep);
  const updated = await refreshCovering(deps, report, raised, raised.length ? null : live);
  if (raised.length) return { type: 'raised', alertId: raised[0]!, alertIds: raised };
  if (updated.changed !== null) return { type: 'updated', alertId: updated.changed };
  if (updated.any !== null) return { type: 'unchanged', alertId: updated.any };
  const own = before[0];
  return own ? { type: 'unchanged', alertId: own.id } : { type: 'no_alert', reason: 'below_threshold' };
}

/**
 * The alerts the report calls for: critical or high-on-sensitive at its own unit; fast spread at
 * the lowest unit (the report's own, then up the tree) whose subtree holds enough reports of
 * the group from enough units within the window.
 */
async function raisesFor(deps: AlertsDeps, report: AlertReport, ancestry: readonly Unit[], settings: Settings): Promise<Raise[]> {
  const own = decideTrigger({ urgencyLevel: report.urgencyLevel, topicSensitive: report.topicSensitive, groupReportsInWindow: 0, groupUnitsInWindow: 0 }, settings);
  const out: Raise[] = own && ancestry[0] ? [{ trigger: own, scope: ancestry[0] }] : [];
  if (report.issueGroupId === null) return out;
  const since = new Date(report.createdAt.getTime() - settings.fastSpreadHours * 3_600_000);
  const windows = await deps.alerts.spreadByAncestor(report.issueGroupId, report.unitId, since);
  for (const unit of ancestry) {
    const w = windows.get(unit.id) ?? { reports: 0, units: 0 };
    const spread = decideTrigger({ urgencyLevel: null, topicSensitive: false, groupReportsInWindow: w.reports, groupUnitsInWindow: w.units }, settings);
    if (!spread) continue;
    if (!out.some((r) => r.scope.id === unit.id)) out.push({ trigger: spread, scope: unit });
    break;
  }
  return out;
}

/** Raises one alert and reaches its scope's leaders; null when the group already has a live alert there. */
async function raise(deps: AlertsDeps, report: AlertReport, r: Raise): Promise<number | null> {
  const now = deps.clock();
  const coversFrom = report.issueGroupId !== null ? await deps.alerts.previousClose(report.issueGroupId, r.scope.id) : null;
  const spec = { issueGroupId: report.issueGroupId, reportId: report.id, unitId: r.scope.id, coversFrom };
  const covered = await deps.alerts.coverageOf(spec);
  const figures = coveredFigures(covered);
  const alert = await deps.alerts.create({
    ...spec,
    trigger: r.trigger,
    level: covered.reduce<'high' | 'critical'>((l, c) => maxLevel(l, c.urgencyLevel), levelFor(r.trigger, report.urgencyLevel)),
    reasons: report.urgencyReasons ?? [],
    latestQuote: figures.quote ?? report.redactedContent,
    reportCount: figures.reportCount,
    unitCount: figures.unitCount,
    createdAt: now,
  });
  if (!alert) return null; // another evaluation raised it first: this report updates it below
  deps.logger.info({ alertId: alert.id, reportId: report.id, scopeUnitId: r.scope.id, level: alert.level, trigger: r.trigger }, 'alert raised');
  await deps.alerts.addEvent(alert.id, 'raised', null, { reportId: report.id, trigger: r.trigger, level: alert.level, unitId: r.scope.id }, now);
  await dispatchStep(deps, alert.id, 0);
  return alert.id;
}

/** Recomputes an alert's own figures (its scope only); true when they changed. */
async function refreshStats(deps: AlertsDeps, alert: AlertRecord): Promise<boolean> {
  const covered = await deps.alerts.coveredReports([alert.id]);
  const f = coveredFigures(covered);
  const level = covered.reduce<'high' | 'critical'>((l, r) => maxLevel(l, r.urgencyLevel), alert.level);
  const same = f.reportCount === alert.reportCount && f.unitCount === alert.unitCount && f.quote === alert.latestQuote && level === alert.level;
  if (same) return false;
  await deps.alerts.updateStats(alert.id, { reportCount: f.reportCount, unitCount: f.unitCount, latestQuote: f.quote, level });
  return true;
}

/**
 * Updates every live alert whose scope contains the report, then has the cards edited (the
 * edit is scheduled even when nothing changed: an attempt that died after storing the figures
 * must not leave the cards behind; an edit to the same state is not queued twice).
 */
async function refreshCovering(
  deps: AlertsDeps,
  report: AlertReport,
  justRaised: number[],
  liveBefore: AlertRecord[] | null,
): Promise<{ changed: number | null; any: number | null }> {
  if (report.issueGroupId === null) return { changed: null, any: null };
  let changed: number | null = null;
  let any: number | null = null;
  // The live alerts read before any raise are still the ones to update when nothing was raised.
  const live = (liveBefore ?? (await deps.alerts.liveCovering(report.issueGroupId, report.unitId))).filter((a) => !justRaised.includes(a.id));
  for (const alert of live) {
    any ??= alert.id;
    if (await refreshStats(deps, alert)) {
      changed ??= alert.id;
      await deps.alerts.addEvent(alert.id, 'updated', null, { reportId: report.id }, deps.clock());
    }
  }
  if (live.length) await scheduleCardEdits(deps, live[0]!, [report.unitId]);
  // A new alert also shows on the cards that readers above already hold for the group (their
  // scope contains it): edited at once, outside the throttle (one raise per group and scope).
  else if (justRaised.length) await editAllCards(deps, `group-${report.issueGroupId}`, [report.unitId]);
  return { changed, any };
}

/** Recomputes one alert's figures and edits its cards (the CLI and tests use it). */
export async function refreshAlert(deps: AlertsDeps, alert: AlertRecord): Promise<EvaluateOutcome> {
  const changed = await refreshStats(deps, alert);
  await scheduleCardEdits(deps, alert);
  return { type: changed ? 'updated' : 'unchanged', alertId: alert.id };
}
