/**
 * Readies a freshly started alerts process before it takes jobs. Measured here (2 cores): the
 * first raise in a new process takes 450–850 ms against 30–100 ms once warm — database
 * connections are opened on demand, every query shape is prepared on its first use and the code
 * is not optimised yet — and an alert burst right after a deploy or a restart would pay that on
 * every job running in parallel. The warm-up runs the reads of the raise and update paths in
 * parallel (opening the connections) and renders a card in each language, all on ids that match
 * nothing: it writes no row, no job and no message.
 */
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { renderAlertCard } from './card.js';
import type { AlertsDeps } from './deps.js';
import { evaluateReport } from './evaluate.js';

const NONE = -1;

/** An alert that exists nowhere, for rendering a card without a row. */
const phantom: AlertRecord = {
  id: NONE,
  issueGroupId: NONE,
  openKey: null,
  reportId: NONE,
  unitId: NONE,
  trigger: 'critical_report',
  level: 'critical',
  status: 'open',
  reasons: [{ code: 'mood', points: 25 }],
  currentUnitId: NONE,
  escalationStep: 0,
  nextEscalationAt: null,
  heldUntil: null,
  reportCount: 1,
  unitCount: 1,
  latestQuote: '',
  acknowledgedById: null,
  acknowledgedAt: null,
  closedById: null,
  closedAt: null,
  createdAt: new Date(0),
};

async function readsOnce(deps: AlertsDeps): Promise<void> {
  const { alerts, settings, units, members, deliveries } = deps.repos;
  await Promise.all([
    evaluateReport(deps, NONE),
    alerts.byReport(NONE),
    alerts.liveForGroup(NONE),
    alerts.groupWindow(NONE, new Date(0)),
    alerts.coveredReports({ id: NONE, issueGroupId: NONE, reportId: NONE }),
    alerts.get(NONE),
    alerts.recipients(NONE),
    settings.effective(NONE),
    units.ancestry(NONE),
    members.leadersOf(NONE),
    members.get(NONE),
    deliveries.byKey('warm-up'),
  ]);
}

/** Warms the alerts paths; `parallel` copies at once open that many database connections. */
export async function warmUpAlerts(deps: AlertsDeps, parallel = 8): Promise<void> {
  await Promise.all(Array.from({ length: parallel }, () => readsOnce(deps)));
  for (const lang of ['vi', 'en'] as const) await renderAlertCard(deps, phantom, lang);
}
