/**
 * Reports that no live alert covers although they joined an issue group with a live alert in
 * another subtree: before alerts were scoped (issue 10), such a report updated the other
 * subtree's alert and its own leaders were never alerted. The alerts worker evaluates them
 * again at start (evaluation is idempotent), so that they raise the alert they call for.
 */
import { editAllCards } from './card-edits.js';
import type { AlertsDeps } from './deps.js';
import { DispatchBusy, dispatchStep, runStepJob } from './escalate.js';
import { evaluateReport } from './evaluate.js';

export interface UncoveredReports {
  /** Analysed reports in groups with a live alert, created since that alert's coverage began, that no live alert's scope contains. */
  uncoveredInLiveGroups(limit: number): Promise<number[]>;
  /** Subjects that have live cards. */
  subjectsWithLiveCards(limit: number): Promise<string[]>;
}

/**
 * Evaluates every such report once, then brings every live card to what its reader may see
 * (a card made before scoping may still show another subtree's figures; a card already right
 * is not edited). Returns how many alerts that raised.
 */
export async function reconcileAlertScopes(deps: AlertsDeps & { uncovered: UncoveredReports }, limit = 500): Promise<number> {
  let raised = 0;
  for (const reportId of await deps.uncovered.uncoveredInLiveGroups(limit)) {
    const outcome = await evaluateReport(deps, reportId);
    if (outcome.type === 'raised') raised += outcome.alertIds.length;
  }
  for (const subject of await deps.uncovered.subjectsWithLiveCards(limit)) await editAllCards(deps, subject);
  if (raised) deps.logger.info({ raised }, 'alerts raised for reports no alert covered');
  return raised;
}

/** How long a stalled step waits before the reconciler takes it over (a dispatch may still be running). */
export const REDRIVE_GRACE_MS = 60_000;

export interface RedriveSummary {
  /** Steps dispatched again (interrupted raises or escalations, holds past their end). */
  redispatched: number;
  /** Escalations run that were overdue (their job lost or failed for good). */
  escalated: number;
}

/**
 * The database says what must still happen to every open alert; this makes it happen. An alert
 * raised without its cards queued, an escalation interrupted or overdue, a quiet-hour hold past
 * its end: each is dispatched again (idempotent: a leader who already has the card gets no
 * second one). Runs when the alerts worker starts and then every minute.
 */
export async function redriveAlerts(deps: AlertsDeps, opts: { graceMs?: number; take?: number } = {}): Promise<RedriveSummary> {
  const { undispatched, overdue } = await deps.alerts.stalled(deps.clock(), opts.graceMs ?? REDRIVE_GRACE_MS, opts.take ?? 200);
  const summary: RedriveSummary = { redispatched: 0, escalated: 0 };
  // an alert whose dispatch is running elsewhere is left to it (and to the next run)
  const busy = (e: unknown) => {
    if (e instanceof DispatchBusy) return deps.logger.info({ alertId: e.alertId }, 'stalled alert left to the dispatch running');
    throw e;
  };
  for (const alert of undispatched) {
    try {
      await dispatchStep(deps, alert.id, alert.escalationStep, alert.heldUntil !== null);
      summary.redispatched += 1;
    } catch (e) {
      busy(e);
    }
  }
  for (const alert of overdue) {
    if (undispatched.some((a) => a.id === alert.id)) continue;
    try {
      if ((await runStepJob(deps, { kind: 'escalate', alertId: alert.id, step: alert.escalationStep + 1 })) === 'done') summary.escalated += 1;
    } catch (e) {
      busy(e);
    }
  }
  if (summary.redispatched || summary.escalated) deps.logger.warn({ ...summary }, 'stalled alerts driven on');
  return summary;
}
