/**
 * Readies a freshly started alerts process before it takes jobs. Measured here (2 cores): the
 * first raise in a new process takes 450–850 ms against 30–100 ms once warm — database
 * connections are opened on demand, every query shape is prepared on its first use and the code
 * is not optimised yet — and an alert burst right after a deploy or a restart would pay that on
 * every job running in parallel. The warm-up runs the reads of the raise and update paths in
 * parallel (opening the connections), all on ids that match nothing: it writes no row, no job
 * and no message.
 */
import { EVERYTHING } from '../../domain/scope.js';
import type { AlertsDeps } from './deps.js';
import { evaluateReport } from './evaluate.js';

const NONE = -1;

async function readsOnce(deps: AlertsDeps): Promise<void> {
  const { alerts, settings, units, members } = deps;
  await Promise.all([
    evaluateReport(deps, NONE),
    alerts.raisedBy(NONE),
    alerts.liveFor(NONE, NONE),
    alerts.liveCovering(NONE, NONE),
    alerts.liveInScope('group--1', EVERYTHING),
    alerts.spreadByAncestor(NONE, NONE, new Date(0)),
    alerts.coveredReports([NONE]),
    alerts.get(NONE),
    alerts.getMany([NONE]),
    alerts.liveCard('group--1', NONE),
    alerts.liveCards('group--1'),
    settings.effective(NONE),
    units.ancestry(NONE),
    members.leadersOf(NONE),
    members.get(NONE),
  ]);
}

/** Warms the alerts paths; `parallel` copies at once open that many database connections. */
export async function warmUpAlerts(deps: AlertsDeps, parallel = 8): Promise<void> {
  await Promise.all(Array.from({ length: parallel }, () => readsOnce(deps)));
}
