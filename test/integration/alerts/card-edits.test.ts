import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsDeps } from '../../../src/app/alerts/deps.js';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { createAlertsWorker } from '../../../src/queue/alerts-worker.js';
import { createRedisCardEditGate } from '../../../src/queue/card-edit-gate.js';
import { eventually, sleep } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

/**
 * Reports joining a live alert: the first change of a window edits the cards at once, the
 * later ones share ONE edit at the window's end with the newest content; new cards are never
 * held. The window is long (a minute) and the clock frozen, so every join of a test falls in
 * one window whose job the test releases itself (`promote`): nothing here depends on how fast
 * the machine is.
 */
const WINDOW = 60_000;

describe('card edits are throttled per alert', () => {
  let h: AlertsHarness;
  let deps: AlertsDeps;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    const frozen = new Date();
    deps = { ...h.deps, clock: () => frozen, cardEditDelayMs: WINDOW };
    h.workers.push(createAlertsWorker({ ...deps, queues: h.queues }));
  });
  afterAll(async () => h?.close());

  const windowJobs = async (group: number): Promise<Job[]> =>
    (await h.alertsQueue.getJobs(['delayed', 'waiting', 'prioritized', 'active'])).filter((j) => j?.name === 'cards' && j.data.issueGroupId === group);
  const editsTo = (chatId: bigint) => h.fake.callsOf('editMessageText', chatId).filter((c) => c.ok);
  const leaders = () => h.org.branchLeaders;

  /** Raises an alert on a fresh group and waits until both branch leaders hold its card. */
  async function raiseAndDeliver(): Promise<{ alertId: number; group: number }> {
    const { org } = h;
    const group = await newIssueGroup(h);
    const first = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    const outcome = await evaluateReport(deps, first.id);
    if (outcome.type !== 'raised') throw new Error(`expected a raised alert, got ${outcome.type}`);
    await eventually(async () => {
      const rs = await h.repos.alerts.recipientMessages(outcome.alertId);
      return rs.length === 2 && rs.every((r) => r.messageId !== null);
    });
    return { alertId: outcome.alertId, group };
  }

  async function join(group: number, i: number): Promise<string> {
    const { org } = h;
    const r = await analysedReport(h, {
      memberId: org.collaborator.id,
      unitId: org.branch.id,
      level: 'critical',
      issueGroupId: group,
      content: `Báo cáo bổ sung số ${i}: người dân tiếp tục tập trung <${i}>.`,
    });
    expect((await evaluateReport(deps, r.id)).type).toBe('updated');
    return r.reference;
  }

  it('the first join edits at once; the joins after it within the window share one edit carrying the latest content', async () => {
    const { alertId, group } = await raiseAndDeliver();
    const refs = [await join(group, 2)];
    await eventually(() => leaders().every((l) => editsTo(l.chatId!).length === 1));
    for (const l of leaders()) expect(String(editsTo(l.chatId!)[0]!.payload.text)).toContain('Reports:</b> 2 from 1');
    await eventually(async () => (await windowJobs(group)).length === 0); // the leading edit's job is done

    for (let i = 3; i <= 6; i++) refs.push(await join(group, i));
    // four more changes: one job waiting for the window's end, no edit sent meanwhile
    const jobs = await windowJobs(group);
    expect(jobs).toHaveLength(1);
    expect(await jobs[0]!.getState()).toBe('delayed');
    await sleep(200);
    for (const l of leaders()) expect(editsTo(l.chatId!)).toHaveLength(1);

    await jobs[0]!.promote();
    await eventually(() => leaders().every((l) => editsTo(l.chatId!).length === 2));
    for (const l of leaders()) {
      const card = h.fake.callsOf('sendMessage', l.chatId!).find((c) => String(c.payload.text).includes(`#${alertId}`))!;
      const last = editsTo(l.chatId!)[1]!;
      expect(last.payload.message_id).toBe((card.result as { message_id: number }).message_id);
      expect(String(last.payload.text)).toContain('Reports:</b> 6 from 1');
      expect(String(last.payload.text)).toContain('&lt;6&gt;');
      expect(String(last.payload.text)).toContain(refs.at(-1)!);
    }
    // every message is recorded: two edit rows per recipient, both sent
    const cards = (await h.repos.alerts.liveCards(`group-${group}`)).map((c) => `card-${c.id}-`);
    const edits = (await h.repos.deliveries.list({ kind: 'alert_edit' })).filter((d) => cards.some((k) => d.idempotencyKey.startsWith(k)));
    expect(edits.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent']);

    // the window's job opened the next window: a change now waits for its end, and is not lost
    refs.push(await join(group, 7));
    const next = await windowJobs(group);
    expect(next).toHaveLength(1);
    await next[0]!.promote();
    await eventually(() => leaders().every((l) => editsTo(l.chatId!).length === 3));
    for (const l of leaders()) expect(String(editsTo(l.chatId!)[2]!.payload.text)).toContain(refs.at(-1)!);
  });

  it('an evaluation that died after storing the figures, before queuing the edit, still gets the cards edited when it runs again', async () => {
    const { org } = h;
    const { alertId, group } = await raiseAndDeliver();
    const content = 'Báo cáo bổ sung: người dân vẫn tập trung <sau sự cố>.';
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group, content });
    // what the first attempt wrote before it died
    await h.repos.alerts.updateStats(alertId, { reportCount: 2, unitCount: 1, latestQuote: content, level: 'critical' });
    expect((await evaluateReport(deps, r.id)).type).toBe('unchanged');
    await eventually(() => leaders().every((l) => editsTo(l.chatId!).some((c) => String(c.payload.text).includes(r.reference))));
  });

  it('a held edit never delays a new alert card', async () => {
    const a = await raiseAndDeliver();
    await join(a.group, 2); // leads: edited at once
    await eventually(async () => (await windowJobs(a.group)).length === 0);
    await join(a.group, 3); // held until the window's end
    const held = await windowJobs(a.group);
    expect(held).toHaveLength(1);
    await eventually(async () => (await h.repos.deliveries.list({ kind: 'alert_edit' })).every((d) => d.status === 'sent' || d.status === 'failed'));
    const editsBefore = leaders().map((l) => editsTo(l.chatId!).length);

    // a new alert reaches the same leaders while the first alert's edit is still held
    const b = await raiseAndDeliver();
    expect(b.alertId).not.toBe(a.alertId);
    expect(await held[0]!.getState()).toBe('delayed');
    expect(leaders().map((l) => editsTo(l.chatId!).length)).toEqual(editsBefore);
    await held[0]!.promote();
    await eventually(() => leaders().every((l, i) => editsTo(l.chatId!).length === editsBefore[i]! + 1));
  });
});

describe('the Redis card edit gate', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
  });
  afterAll(async () => h?.close());

  it('lets one change lead per window, tells the others when it opened, and opens again once it ends', async () => {
    const gate = createRedisCardEditGate(h.redis, h.queues.prefix);
    const opened = await Promise.all([gate.open(1, 1000, 300), gate.open(1, 1001, 300), gate.open(1, 1002, 300)]);
    expect(opened.filter((o) => o.lead)).toHaveLength(1);
    const leadAt = 1000 + opened.findIndex((o) => o.lead);
    expect(opened.filter((o) => !o.lead)).toEqual([
      { lead: false, openedAt: leadAt },
      { lead: false, openedAt: leadAt },
    ]);
    expect(await gate.open(2, 1003, 300)).toEqual({ lead: true }); // other alerts have their own windows
    await gate.restart(1, 5000, 300);
    expect(await gate.open(1, 5001, 300)).toEqual({ lead: false, openedAt: 5000 });
    await sleep(400); // the window (300 ms of Redis time) has expired
    expect(await gate.open(1, 9000, 300)).toEqual({ lead: true });
  });
});
