/**
 * Reports that no live alert covers although they joined an issue group with a live alert in
 * another subtree: before alerts were scoped (issue 10), such a report updated the other
 * subtree's alert and its own leaders were never alerted. The alerts worker evaluates them
 * again at start (evaluation is idempotent), so that they raise the alert they call for.
 */
import type { AlertsDeps } from './deps.js';
import { evaluateReport } from './evaluate.js';

export interface UncoveredReports {
  /** Analysed reports in groups with a live alert, created since that alert's coverage began, that no live alert's scope contains. */
  uncoveredInLiveGroups(limit: number): Promise<number[]>;
}

/** Evaluates every such report once; returns how many alerts that raised. */
export async function reconcileAlertScopes(deps: AlertsDeps & { uncovered: UncoveredReports }, limit = 500): Promise<number> {
  let raised = 0;
  for (const reportId of await deps.uncovered.uncoveredInLiveGroups(limit)) {
    const outcome = await evaluateReport(deps, reportId);
    if (outcome.type === 'raised') raised += outcome.alertIds.length;
  }
  if (raised) deps.logger.info({ raised }, 'alerts raised for reports no alert covered');
  return raised;
}
