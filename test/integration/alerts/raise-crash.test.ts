/**
 * A crash at any boundary of raising an alert (issue 15): the alert row committed but no card
 * queued, a card opened but not sent, a delivery recorded without its job, the step not marked
 * dispatched. Whether the evaluation job is retried or failed for good (then the reconciler
 * takes over), every leader of the scope gets exactly one card and the escalation still climbs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsDeps } from '../../../src/app/alerts/deps.js';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { redriveAlerts, REDRIVE_GRACE_MS } from '../../../src/app/alerts/reconcile.js';
import { createDeliveryService } from '../../../src/delivery/service.js';
import { eventually } from '../delivery/harness.js';
import { analysedReport, aroundMethod, disableQuietHours, newIssueGroup, openAlertsHarness, setShortDelays, type AlertsHarness } from './harness.js';

const DELAY = 800;
class Killed extends Error {}

/** Wraps one method of an object: the `nth` call dies before or after doing its work. */
function dieAt<T extends object>(target: T, method: keyof T, when: 'before' | 'after', nth = 1): T {
  let calls = 0;
  return aroundMethod(target, method, async (call) => {
    calls += 1;
    if (calls === nth && when === 'before') throw new Killed(`killed before ${String(method)}`);
    const out = await call();
    if (calls === nth && when === 'after') throw new Killed(`killed after ${String(method)}`);
    return out;
  });
}

type Boundary = [string, (d: AlertsDeps, h: AlertsHarness) => AlertsDeps];
const BOUNDARIES: Boundary[] = [
  ['after the alert row commits', (d) => ({ ...d, alerts: dieAt(d.alerts, 'create', 'after') })],
  ['after the first card row, before its message is queued', (d) => ({ ...d, alerts: dieAt(d.alerts, 'openCard', 'after') })],
  ['after the first card is queued', (d) => ({ ...d, messages: dieAt(d.messages, 'enqueue', 'after') })],
  ['with the delivery row written but its job never added', (d, h) => ({ ...d, messages: createDeliveryService({ deliveries: h.repos.deliveries, queue: dieAt(h.deliveryQueue, 'add', 'before'), clock: d.clock }) })],
  ['after every card is queued, before the step is marked dispatched', (d) => ({ ...d, alerts: dieAt(d.alerts, 'setEscalation', 'before') })],
];

describe('an alert raise interrupted at any boundary still reaches every leader once and climbs', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    await setShortDelays(h, h.org.bloc.id, DELAY);
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const cardsOf = (chatId: bigint, alertId: number) => h.fake.callsOf('sendMessage', chatId).filter((c) => c.ok && String(c.payload.text).includes(`#${alertId}</b>`));

  describe.each([
    ['the evaluation job is retried', async (_h: AlertsHarness, reportId: number) => void (await evaluateReport(_h.deps, reportId))],
    ['the job failed for good and the reconciler takes over', async (_h: AlertsHarness) => void (await redriveAlerts({ ..._h.deps, clock: () => new Date(Date.now() + REDRIVE_GRACE_MS + 1000) }))],
  ] as const)('when %s', (_how, recover) => {
    it.each(BOUNDARIES)('killed %s', async (_where, kill) => {
      const { org } = h;
      const group = await newIssueGroup(h);
      const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
      await expect(evaluateReport(kill(h.deps, h), r.id)).rejects.toBeInstanceOf(Killed);
      const alert = (await h.repos.alerts.byReport(r.id))!;
      expect(alert.dispatchedStep).toBeNull();

      await recover(h, r.id);
      for (const leader of org.branchLeaders) await eventually(() => cardsOf(leader.chatId!, alert.id).length === 1);
      expect((await h.repos.alerts.get(alert.id))!).toMatchObject({ dispatchedStep: 0, escalationStep: 0 });
      // nothing more comes on a second recovery, and the ladder climbs on time
      await recover(h, r.id);
      await eventually(() => cardsOf(org.committeeLeader.chatId!, alert.id).length === 1, 10_000);
      for (const leader of org.branchLeaders) expect(cardsOf(leader.chatId!, alert.id)).toHaveLength(1);
      await eventually(async () => (await h.repos.alerts.get(alert.id))!.escalationStep === 1);
    });
  });

  it('an escalation whose job was lost is run by the reconciler once it is overdue', async () => {
    const { org } = h;
    // A delay long enough that the escalation job cannot have started before it is removed
    // (with 800 ms, a loaded machine could start it first and race the reconciler).
    const delay = 60_000;
    await setShortDelays(h, h.org.bloc.id, delay);
    try {
      const group = await newIssueGroup(h);
      const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
      await evaluateReport(h.deps, r.id);
      const alert = (await h.repos.alerts.byReport(r.id))!;
      expect(await h.alertsQueue.remove(`escalate-${alert.id}-1`)).toBe(1);
      const later = new Date(Date.now() + delay + REDRIVE_GRACE_MS + 1000);
      expect((await redriveAlerts({ ...h.deps, clock: () => later })).escalated).toBeGreaterThanOrEqual(1);
      await eventually(() => cardsOf(org.committeeLeader.chatId!, alert.id).length === 1);
      await eventually(async () => (await h.repos.alerts.get(alert.id))!.escalationStep === 1);
    } finally {
      await setShortDelays(h, h.org.bloc.id, DELAY);
    }
  });
});
