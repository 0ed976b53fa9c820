/**
 * A card that would freeze (issue 15): its message is gone (the leader deleted it, so editing it
 * answers "message to edit not found"), or its send was interrupted between Telegram's answer
 * and the record (`outcome_unknown`: the leader may or may not have it). Either way a fresh copy
 * is sent and later edits go to the copy, at most MAX_RESENDS times per card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { alertDeliveryObserver, MAX_RESENDS } from '../../../src/app/alerts/observer.js';
import { eventually } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

describe('alert cards that would freeze are sent again', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const leader = () => h.org.branchLeaders[0]!;
  const sends = (alertId: number) => h.fake.callsOf('sendMessage', leader().chatId!).filter((c) => c.ok && String(c.payload.text).includes(`#${alertId}</b>`));
  const edits = () => h.fake.callsOf('editMessageText', leader().chatId!).filter((c) => c.ok);

  async function raised(): Promise<{ group: number; alertId: number }> {
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'critical', issueGroupId: group });
    const out = await evaluateReport({ ...h.deps, cardEditDelayMs: 0 }, r.id);
    if (out.type !== 'raised') throw new Error(out.type);
    await eventually(() => sends(out.alertId).length === 1);
    return { group, alertId: out.alertId };
  }

  async function join(group: number, text: string): Promise<string> {
    const r = await analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'normal', issueGroupId: group, content: text });
    await evaluateReport({ ...h.deps, cardEditDelayMs: 0 }, r.id);
    return r.reference;
  }

  it('an edit that finds no message sends a fresh card, which the next edits update', async () => {
    const { group, alertId } = await raised();
    h.fake.failNext((m, p) => m === 'editMessageText' && String(p.chat_id) === String(leader().chatId), { code: 400, description: 'Bad Request: message to edit not found' });
    const first = await join(group, 'Người dân vẫn tập trung đông <một>.');
    await eventually(() => sends(alertId).length === 2);
    expect(String(sends(alertId)[1]!.payload.text)).toContain(first);
    const second = await join(group, 'Người dân vẫn tập trung đông <hai>.');
    await eventually(() => edits().some((c) => String(c.payload.text).includes(second)));
    const copyId = (sends(alertId)[1]!.result as { message_id: number }).message_id;
    expect(edits().at(-1)!.payload.message_id).toBe(copyId);
  });

  it('a send whose outcome is unknown is sent again, a bounded number of times', async () => {
    const { group, alertId } = await raised();
    const card = (await h.repos.alerts.liveCards(`group-${group}`)).find((c) => c.memberId === leader().id)!;
    const observe = alertDeliveryObserver({ ...h.deps, cardResendDelaysMs: [50, 100, 150] });
    for (let i = 0; i < MAX_RESENDS + 2; i++) {
      const current = (await h.repos.alerts.card(card.id))!;
      await observe({ type: 'failed', idempotencyKey: current.deliveryKey!, deliveryId: 0, reason: 'outcome_unknown: attempt 1 was interrupted between the call and its record; not resent (at-most-once)' });
      await eventually(async () => (await h.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE status IN ('pending', 'sending')`))[0]!.n === 0);
    }
    expect(sends(alertId)).toHaveLength(1 + MAX_RESENDS);
    expect((await h.repos.alerts.card(card.id))!.deliveryKey).toBe(`card-${card.id}-r${MAX_RESENDS}`);
  });
});
