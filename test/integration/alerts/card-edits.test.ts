import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardEditWindowEnd } from '../../../src/app/alerts/card-edits.js';
import type { AlertsDeps } from '../../../src/app/alerts/deps.js';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { eventually } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

/**
 * Reports joining a live alert edit its cards at most once per window, with the newest content;
 * new cards are never held. The window is long (a minute) and the clock frozen at the start of
 * the alert's window, so every join of a test falls in one window whose job the test releases
 * itself (`promote`): nothing here depends on how fast the machine is.
 */
const WINDOW = 60_000;

describe('card edits are coalesced per window', () => {
  let h: AlertsHarness;
  let deps: AlertsDeps;
  let frozen = new Date();
  /** Freezes the clock at the first millisecond of the alert's current window. */
  const startOfWindow = (alertId: number) => {
    frozen = new Date(cardEditWindowEnd(alertId, Date.now(), WINDOW) - WINDOW + 1);
  };
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    deps = { ...h.deps, clock: () => frozen, cardEditDelayMs: WINDOW };
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const cardsJobs = async (alertId: number): Promise<Job[]> =>
    (await h.alertsQueue.getJobs(['delayed', 'waiting', 'prioritized', 'active'])).filter((j) => j?.name === 'cards' && j.data.alertId === alertId);
  const editsTo = (chatId: bigint) => h.fake.callsOf('editMessageText', chatId).filter((c) => c.ok);

  /** Raises an alert on a fresh group and waits until both branch leaders hold its card. */
  async function raiseAndDeliver(): Promise<{ alertId: number; group: number }> {
    const { org } = h;
    const group = await newIssueGroup(h);
    const first = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    const outcome = await evaluateReport(deps, first.id);
    if (outcome.type !== 'raised') throw new Error(`expected a raised alert, got ${outcome.type}`);
    startOfWindow(outcome.alertId);
    await eventually(async () => (await h.repos.alerts.recipients(outcome.alertId)).every((r) => r.messageId !== null) && (await h.repos.alerts.recipients(outcome.alertId)).length === 2);
    return { alertId: outcome.alertId, group };
  }

  async function join(group: number, i: number): Promise<string> {
    const { org } = h;
    const r = await analysedReport(h, {
      memberId: org.collaborator.id,
      unitId: i % 2 ? org.otherBranch.id : org.branch.id,
      level: 'critical',
      issueGroupId: group,
      content: `Báo cáo bổ sung số ${i}: người dân tiếp tục tập trung <${i}>.`,
    });
    expect((await evaluateReport(deps, r.id)).type).toBe('updated');
    return r.reference;
  }

  it('many reports joining within one window give one edit per recipient, carrying the latest content', async () => {
    const { org } = h;
    const { alertId, group } = await raiseAndDeliver();
    const refs: string[] = [];
    for (let i = 2; i <= 6; i++) refs.push(await join(group, i));

    // five changes, one pending edit job for the window, no edit sent yet
    const jobs = await cardsJobs(alertId);
    expect(jobs).toHaveLength(1);
    expect(await jobs[0]!.getState()).toBe('delayed');
    for (const l of org.branchLeaders) expect(editsTo(l.chatId!)).toHaveLength(0);

    await jobs[0]!.promote();
    await eventually(() => org.branchLeaders.every((l) => editsTo(l.chatId!).length === 1));
    await eventually(async () => (await cardsJobs(alertId)).length === 0);
    for (const l of org.branchLeaders) {
      const [edit] = editsTo(l.chatId!);
      const card = h.fake.callsOf('sendMessage', l.chatId!).find((c) => String(c.payload.text).includes(`#${alertId}`))!;
      expect(edit!.payload.message_id).toBe((card.result as { message_id: number }).message_id);
      expect(String(edit!.payload.text)).toContain('Reports:</b> 6 from 2');
      expect(String(edit!.payload.text)).toContain('&lt;6&gt;');
      expect(String(edit!.payload.text)).toContain(refs.at(-1)!);
    }
    // every message is recorded: exactly one edit row per recipient for the window
    const edits = (await h.repos.deliveries.list({ kind: 'alert_edit' })).filter((d) => d.idempotencyKey.startsWith(`alert-${alertId}-`));
    expect(edits).toHaveLength(2);
    expect(edits.every((d) => d.status === 'sent')).toBe(true);

    // a change after the window's job ran is not lost: it schedules the window again
    refs.push(await join(group, 7));
    const again = await cardsJobs(alertId);
    expect(again).toHaveLength(1);
    await again[0]!.promote();
    await eventually(() => org.branchLeaders.every((l) => editsTo(l.chatId!).length === 2));
    for (const l of org.branchLeaders) expect(String(editsTo(l.chatId!)[1]!.payload.text)).toContain(refs.at(-1)!);
  });

  it('a held edit never delays a new alert card', async () => {
    const { org } = h;
    const a = await raiseAndDeliver();
    await join(a.group, 2);
    const held = await cardsJobs(a.alertId);
    expect(held).toHaveLength(1);
    const editsBefore = org.branchLeaders.map((l) => editsTo(l.chatId!).length);

    // a new alert in another group reaches its leaders while the first alert's edit is still held
    const b = await raiseAndDeliver();
    expect(b.alertId).not.toBe(a.alertId);
    expect(await held[0]!.getState()).toBe('delayed');
    expect(org.branchLeaders.map((l) => editsTo(l.chatId!).length)).toEqual(editsBefore);
    await held[0]!.promote();
    await eventually(() => org.branchLeaders.every((l, i) => editsTo(l.chatId!).length === editsBefore[i]! + 1));
  });
});

describe('card edit windows', () => {
  it('end within one window after now, at a phase of their own per alert', () => {
    const now = 1_800_000_123_456;
    const ends = Array.from({ length: 50 }, (_, i) => cardEditWindowEnd(i + 1, now, 1500));
    for (const end of ends) {
      expect(end).toBeGreaterThan(now);
      expect(end).toBeLessThanOrEqual(now + 1500);
    }
    // a later moment of the same window shares its end; the next window ends one window later
    expect(cardEditWindowEnd(7, ends[6]! - 1, 1500)).toBe(ends[6]);
    expect(cardEditWindowEnd(7, ends[6]!, 1500)).toBe(ends[6]! + 1500);
    // fifty alerts fall due at (nearly) fifty different instants, not all at once
    expect(new Set(ends).size).toBeGreaterThanOrEqual(45);
  });
});
