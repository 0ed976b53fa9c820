/**
 * `evaluateReport`: after a report's analysis commits, decide whether it raises a new alert or
 * updates the live alert of its issue group. One live alert per group (the `openKey` unique
 * column): an update recomputes count, units, newest quote and references from the database
 * (so running it twice changes nothing) and EDITS the messages already sent (coalesced per
 * window: card-edits.ts).
 */
import type { AlertRecord, AlertReport } from '../../db/repositories/alerts-repository.js';
import { decideTrigger, levelFor, maxLevel } from '../../domain/alerts.js';
import type { Settings } from '../../domain/settings.js';
import { scheduleCardEdits } from './card-edits.js';
import type { AlertsDeps } from './deps.js';
import { dispatchStep } from './escalate.js';

export type EvaluateOutcome =
  | { type: 'raised'; alertId: number }
  | { type: 'updated'; alertId: number }
  | { type: 'unchanged'; alertId: number }
  | { type: 'no_alert'; reason: 'not_found' | 'not_analysed' | 'withdrawn' | 'below_threshold' };

/** Raises or updates the alert for an analysed report (idempotent). */
export async function evaluateReport(deps: AlertsDeps, reportId: number): Promise<EvaluateOutcome> {
  const report = await deps.repos.alerts.reportForAlert(reportId);
  if (!report) return { type: 'no_alert', reason: 'not_found' };
  if (report.status === 'withdrawn') return { type: 'no_alert', reason: 'withdrawn' };
  if (report.status !== 'analysed') return { type: 'no_alert', reason: 'not_analysed' };
  const existing = (await deps.repos.alerts.byReport(report.id)) ?? (report.issueGroupId ? await deps.repos.alerts.liveForGroup(report.issueGroupId) : null);
  if (existing) return refreshAlert(deps, existing);
  const settings = await deps.repos.settings.effective(report.unitId);
  const window = report.issueGroupId
    ? await deps.repos.alerts.groupWindow(report.issueGroupId, new Date(report.createdAt.getTime() - settings.fastSpreadHours * 3600_000))
    : { reports: 1, units: 1 };
  const trigger = decideTrigger(
    { urgencyLevel: report.urgencyLevel, topicSensitive: report.topicSensitive, groupReportsInWindow: window.reports, groupUnitsInWindow: window.units },
    settings,
  );
  if (!trigger) return { type: 'no_alert', reason: 'below_threshold' };
  return raise(deps, report, trigger, settings);
}

async function raise(deps: AlertsDeps, report: AlertReport, trigger: NonNullable<ReturnType<typeof decideTrigger>>, settings: Settings): Promise<EvaluateOutcome> {
  const now = deps.clock();
  const stats = await coveredStats(deps, { issueGroupId: report.issueGroupId, reportId: report.id }, levelFor(trigger, report.urgencyLevel));
  const alert = await deps.repos.alerts.create({
    issueGroupId: report.issueGroupId,
    reportId: report.id,
    unitId: report.unitId,
    trigger,
    level: stats.level,
    reasons: report.urgencyReasons ?? [],
    latestQuote: stats.latestQuote ?? report.redactedContent,
    reportCount: stats.reportCount,
    unitCount: stats.unitCount,
    createdAt: now,
  });
  if (!alert) {
    // Another evaluation raised the group's alert first: this report updates it instead.
    const live = report.issueGroupId ? await deps.repos.alerts.liveForGroup(report.issueGroupId) : null;
    if (!live) throw new Error(`alert for group ${report.issueGroupId} vanished while raising`);
    return refreshAlert(deps, live);
  }
  deps.logger.info({ alertId: alert.id, reportId: report.id, unitId: report.unitId, level: alert.level, trigger }, 'alert raised');
  await deps.repos.alerts.addEvent(alert.id, 'raised', null, { reportId: report.id, trigger, level: alert.level }, now);
  // What this evaluation already read is handed on: the first cards go out without reading it again.
  await dispatchStep(deps, alert.id, 0, false, {
    alert,
    settings: { unitId: report.unitId, settings },
    card: { report, references: stats.references, actorName: null },
  });
  return { type: 'raised', alertId: alert.id };
}

interface CoveredStats {
  /** References of the covered reports, oldest first. */
  references: string[];
  reportCount: number;
  unitCount: number;
  latestQuote: string | null;
  level: 'high' | 'critical';
}

async function coveredStats(deps: AlertsDeps, a: Pick<AlertRecord, 'issueGroupId' | 'reportId'>, level: 'high' | 'critical'): Promise<CoveredStats> {
  const covered = await deps.repos.alerts.coveredReports(a);
  const newest = [...covered].reverse().find((r) => r.redactedContent);
  return {
    references: covered.map((r) => r.reference),
    reportCount: Math.max(1, covered.length),
    unitCount: Math.max(1, new Set(covered.map((r) => r.unitId)).size),
    latestQuote: newest?.redactedContent ?? null,
    level: covered.reduce<'high' | 'critical'>((l, r) => maxLevel(l, r.urgencyLevel as 'normal' | 'high' | 'critical' | null), level),
  };
}

/**
 * Recomputes an alert's figures, stores them when they changed and schedules the edit of every
 * recipient's message (throttled per alert, see card-edits.ts).
 */
export async function refreshAlert(deps: AlertsDeps, alert: AlertRecord): Promise<EvaluateOutcome> {
  const stats = await coveredStats(deps, alert, alert.level);
  const same = stats.reportCount === alert.reportCount && stats.unitCount === alert.unitCount && stats.latestQuote === alert.latestQuote && stats.level === alert.level;
  if (same) {
    // The figures may have been stored by an attempt that died before queuing the edit: make
    // sure it is queued (an edit already recorded for these figures is not sent again).
    await scheduleCardEdits(deps, alert.id);
    return { type: 'unchanged', alertId: alert.id };
  }
  await deps.repos.alerts.updateStats(alert.id, { reportCount: stats.reportCount, unitCount: stats.unitCount, latestQuote: stats.latestQuote, level: stats.level });
  await deps.repos.alerts.addEvent(alert.id, 'updated', null, { reportCount: stats.reportCount, unitCount: stats.unitCount }, deps.clock());
  await scheduleCardEdits(deps, alert.id);
  return { type: 'updated', alertId: alert.id };
}
