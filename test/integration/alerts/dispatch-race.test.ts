/**
 * Two dispatches of the same alert step at once (an escalation job running late while the
 * reconciler takes the step over; a retry next to the first attempt): the leader still gets one
 * card. Without the dispatch lease the second found the first's fresh card before its recipient
 * row, took it for a card of alerts already taken up, retired it and sent another.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsDeps } from '../../../src/app/alerts/deps.js';
import { DISPATCH_LEASE_MS, DispatchBusy, runStepJob } from '../../../src/app/alerts/escalate.js';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { redriveAlerts, REDRIVE_GRACE_MS } from '../../../src/app/alerts/reconcile.js';
import { eventually } from '../delivery/harness.js';
import { analysedReport, aroundMethod, disableQuietHours, newIssueGroup, openAlertsHarness, setShortDelays, type AlertsHarness } from './harness.js';

/** Every call of `method` waits `ms` before doing its work. */
const slowed = <T extends object>(target: T, method: keyof T, ms: number): T =>
  aroundMethod(target, method, async (call) => {
    await sleep(ms);
    return call();
  });

describe('concurrent dispatches of one alert', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    // long enough that the worker's own escalation job never runs during the test
    await setShortDelays(h, h.org.bloc.id, ESCALATION_DELAY);
    h.startAlertsWorker();
  });
  const ESCALATION_DELAY = 120_000;
  afterAll(async () => h?.close());

  const cardsOf = (chatId: bigint, alertId: number) => h.fake.callsOf('sendMessage', chatId).filter((c) => c.ok && String(c.payload.text).includes(`#${alertId}</b>`));

  /** A critical report of the branch, in an issue group of its own. */
  const criticalReport = async () => analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'critical', issueGroupId: await newIssueGroup(h) });

  /** An alert raised at step 0 whose escalation job is removed (the test runs the escalation itself). */
  async function raisedWithoutEscalationJob() {
    const r = await criticalReport();
    await evaluateReport(h.deps, r.id);
    const alert = (await h.repos.alerts.byReport(r.id))!;
    await h.alertsQueue.remove(`escalate-${alert.id}-1`);
    return alert;
  }

  it('two escalations of the same step at once send the next leader one card, and the step is recorded', async () => {
    const { org } = h;
    const alert = await raisedWithoutEscalationJob();
    const slow: AlertsDeps = { ...h.deps, alerts: slowed(h.deps.alerts, 'addRecipient', 400) };
    const first = runStepJob(slow, { kind: 'escalate', alertId: alert.id, step: 1 });
    await sleep(150);
    // the second is told to retry later (a job's backoff); by then the step is recorded
    await expect(runStepJob(slow, { kind: 'escalate', alertId: alert.id, step: 1 })).rejects.toBeInstanceOf(DispatchBusy);
    expect(await first).toBe('done');
    expect(await runStepJob(slow, { kind: 'escalate', alertId: alert.id, step: 1 })).toBe('stale');
    await eventually(() => cardsOf(org.committeeLeader.chatId!, alert.id).length >= 1);
    await sleep(1000);
    expect(cardsOf(org.committeeLeader.chatId!, alert.id)).toHaveLength(1);
    expect(await h.repos.alerts.get(alert.id)).toMatchObject({ escalationStep: 1, dispatchedStep: 1 });
  });

  it('a dispatch that failed drops its lease: the retry goes at once', async () => {
    const { org } = h;
    const r = await criticalReport();
    const failing: AlertsDeps = { ...h.deps, messages: { ...h.deps.messages, enqueue: async () => Promise.reject(new Error('queue down')) } };
    await expect(evaluateReport(failing, r.id)).rejects.toThrow('queue down');
    await evaluateReport(h.deps, r.id);
    const alert = (await h.repos.alerts.byReport(r.id))!;
    for (const leader of org.branchLeaders) await eventually(() => cardsOf(leader.chatId!, alert.id).length === 1);
    expect(await h.repos.alerts.get(alert.id)).toMatchObject({ escalationStep: 0, dispatchedStep: 0 });
  });

  it('a lease left by a dead process lapses', async () => {
    const { org } = h;
    const alert = await raisedWithoutEscalationJob();
    // a process took the lease and died
    expect(await h.repos.alerts.claimDispatch(alert.id, new Date(), DISPATCH_LEASE_MS)).toBe(true);
    await expect(runStepJob(h.deps, { kind: 'escalate', alertId: alert.id, step: 1 })).rejects.toBeInstanceOf(DispatchBusy);
    expect((await h.repos.alerts.get(alert.id))!.escalationStep).toBe(0);
    const later = new Date(Date.now() + DISPATCH_LEASE_MS + 1000);
    await runStepJob({ ...h.deps, clock: () => later }, { kind: 'escalate', alertId: alert.id, step: 1 });
    await eventually(() => cardsOf(org.committeeLeader.chatId!, alert.id).length === 1);
    expect((await h.repos.alerts.get(alert.id))!.escalationStep).toBe(1);
  });

  it('the reconciler leaves an alert whose dispatch holds the lease, and takes it over once the lease lapsed', async () => {
    const { org } = h;
    const alert = await raisedWithoutEscalationJob();
    const overdue = new Date(Date.now() + ESCALATION_DELAY + REDRIVE_GRACE_MS + 1000);
    expect(await h.repos.alerts.claimDispatch(alert.id, overdue, DISPATCH_LEASE_MS)).toBe(true);
    await redriveAlerts({ ...h.deps, clock: () => overdue });
    expect((await h.repos.alerts.get(alert.id))!.escalationStep).toBe(0);
    expect(cardsOf(org.committeeLeader.chatId!, alert.id)).toHaveLength(0);
    const lapsed = new Date(overdue.getTime() + DISPATCH_LEASE_MS + 1000);
    await redriveAlerts({ ...h.deps, clock: () => lapsed });
    expect((await h.repos.alerts.get(alert.id))!.escalationStep).toBe(1);
    await eventually(() => cardsOf(org.committeeLeader.chatId!, alert.id).length === 1);
  });
});
