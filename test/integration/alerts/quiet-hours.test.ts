import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { eventually, sleep } from '../delivery/harness.js';
import { analysedReport, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

/** 23:15 in Ho Chi Minh City (UTC+7), inside the default quiet hours 22:00–06:30. */
const NIGHT = new Date('2026-11-26T16:15:00Z');
const MORNING = new Date('2026-11-26T23:30:00Z');

describe('quiet hours', () => {
  let h: AlertsHarness;
  let now = NIGHT;
  beforeAll(async () => {
    h = await openAlertsHarness({ clock: () => now });
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  it('hold a high alert until the end of quiet hours, then send it', async () => {
    const { org } = h;
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'high', topicSlug: 'anti_corruption', issueGroupId: await newIssueGroup(h) });
    const outcome = await evaluateReport(h.deps, r.id);
    expect(outcome.type).toBe('raised');
    const alertId = (outcome as { alertId: number }).alertId;
    const alert = (await h.repos.alerts.get(alertId))!;
    expect(alert.level).toBe('high');
    expect(alert.heldUntil?.toISOString()).toBe(MORNING.toISOString());
    expect((await h.repos.alerts.events([alertId])).map((e) => e.kind)).toEqual(['raised', 'held']);
    const job = (await h.alertsQueue.getJob(`release-${alertId}-0`))!;
    expect(job.delay).toBe(MORNING.getTime() - NIGHT.getTime());
    await sleep(300);
    for (const l of org.branchLeaders) expect(h.fake.callsOf('sendMessage', l.chatId!)).toHaveLength(0);

    now = MORNING; // the morning comes: the delayed release job fires
    await job.promote();
    await eventually(() => org.branchLeaders.every((l) => h.fake.callsOf('sendMessage', l.chatId!).some((c) => String(c.payload.text).includes(`#${alertId}`))));
    const after = (await h.repos.alerts.get(alertId))!;
    expect(after.heldUntil).toBeNull();
    expect(after.nextEscalationAt?.toISOString()).toBe(new Date(MORNING.getTime() + 120 * 60_000).toISOString());
  });

  it('let a critical alert through at once', async () => {
    now = NIGHT;
    const { org } = h;
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.otherBranch.id, level: 'critical', issueGroupId: await newIssueGroup(h) });
    const leader = await h.repos.members.create({ telegramUserId: 777_001n, displayName: 'Night leader', role: 'leader', unitId: org.otherBranch.id, language: 'en' });
    const outcome = await evaluateReport(h.deps, r.id);
    const alertId = (outcome as { alertId: number }).alertId;
    await eventually(() => h.fake.callsOf('sendMessage', leader.chatId!).some((c) => String(c.payload.text).includes(`#${alertId}`)));
    expect((await h.repos.alerts.get(alertId))!.heldUntil).toBeNull();
    expect((await h.repos.alerts.events([alertId])).map((e) => e.kind)).not.toContain('held');
  });
});
