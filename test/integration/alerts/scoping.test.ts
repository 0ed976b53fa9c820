/**
 * The two reproductions of issue 10 with two sibling committees (A: "Sở Y tế" with its branch,
 * B: "Sở Giáo dục" with its branch) under one bloc: a near-identical report from B joins the
 * issue group alerted in A. B's leaders get their own alert, A's leaders never see B's reports,
 * A's acknowledgement does not stop B's escalation nor message B's collaborator, and the bloc's
 * leader, where both climb, holds one card for the issue covering both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge } from '../../../src/app/alerts/actions.js';
import type { Member } from '../../../src/domain/types.js';
import { enqueueAlertEvaluation } from '../../../src/queue/jobs/alerts.js';
import { eventually, seedMember, sleep } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, setShortDelays, type AlertsHarness } from './harness.js';

const DELAY = 900;
const A_TEXT = 'Hàng trăm người dân tập trung trước trụ sở phường phản đối thu hồi đất ở xã Alpha, có ý kiến kéo lên tỉnh.';
const B_TEXT = 'Hàng trăm người dân tập trung trước trụ sở phường phản đối thu hồi đất ở xã Bravo, có ý kiến kéo lên tỉnh.';

describe('alerts across sibling subtrees sharing one issue group', () => {
  let h: AlertsHarness;
  let bLeader: Member;
  let bCollaborator: Member;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    await setShortDelays(h, h.org.bloc.id, DELAY);
    bLeader = await seedMember(h.repos, h.org.otherBranch.id, 'leader', 'Branch B leader');
    bCollaborator = await seedMember(h.repos, h.org.otherBranch.id, 'collaborator', 'Collaborator B');
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const cards = (m: Member) => h.fake.calls.filter((c) => c.ok && String(c.payload.chat_id) === String(m.chatId) && (c.method === 'sendMessage' || c.method === 'editMessageText'));
  const sentCards = (m: Member) => h.fake.callsOf('sendMessage', m.chatId!).filter((c) => c.ok && String(c.payload.text).includes('#'));
  const everything = (m: Member) => cards(m).map((c) => String(c.payload.text)).join('\n');

  async function twoReports(): Promise<{ group: number; a: { id: number; reference: string }; b: { id: number; reference: string } }> {
    const { org } = h;
    const group = await newIssueGroup(h, 'Người dân tập trung phản đối thu hồi đất ở xã Bravo');
    const a = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group, content: A_TEXT });
    await enqueueAlertEvaluation(h.alertsQueue, a.id);
    await eventually(async () => (await h.repos.alerts.liveFor(group, org.branch.id)) !== null);
    const b = await analysedReport(h, { memberId: bCollaborator.id, unitId: org.otherBranch.id, level: 'critical', issueGroupId: group, content: B_TEXT });
    await enqueueAlertEvaluation(h.alertsQueue, b.id);
    await eventually(async () => (await h.repos.alerts.liveFor(group, org.otherBranch.id)) !== null);
    return { group, a, b };
  }

  it("raises B's own alert for B's leader; A's leaders never see B's quote, reference or units, and A's acknowledgement leaves B alone", async () => {
    const { org } = h;
    const { group, a, b } = await twoReports();
    const alertA = (await h.repos.alerts.liveFor(group, org.branch.id))!;
    const alertB = (await h.repos.alerts.liveFor(group, org.otherBranch.id))!;
    expect(alertB.id).not.toBe(alertA.id);
    expect(alertB).toMatchObject({ reportId: b.id, reportCount: 1, unitCount: 1 });
    expect(alertA).toMatchObject({ reportCount: 1, unitCount: 1 });

    await eventually(() => sentCards(bLeader).some((c) => String(c.payload.text).includes(b.reference)));
    for (const leader of org.branchLeaders) await eventually(() => sentCards(leader).some((c) => String(c.payload.text).includes(a.reference)));
    await sleep(300);
    for (const leader of org.branchLeaders) {
      const seen = everything(leader);
      expect(seen).not.toContain(b.reference);
      expect(seen).not.toContain('Bravo');
      expect(seen).not.toContain(org.otherBranch.name);
      expect(seen).not.toContain('Reports:</b> 2');
    }
    expect(everything(bLeader)).not.toContain(a.reference);
    expect(everything(bLeader)).not.toContain('Alpha');

    // A's leader acknowledges: A's alert only; B's goes on and B's collaborator hears nothing
    expect((await acknowledge(h.deps, org.branchLeaders[0]!, alertA.id, 'en')).type).toBe('done');
    expect((await h.repos.alerts.get(alertA.id))!.status).toBe('acknowledged');
    expect((await h.repos.alerts.get(alertB.id))!.status).toBe('open');
    await eventually(() => h.fake.textsTo(org.collaborator.chatId!).some((t) => t.includes(a.reference)));
    await eventually(async () => (await h.repos.alerts.get(alertB.id))!.escalationStep >= 1, 10_000);
    await eventually(() => h.fake.callsOf('sendMessage', org.otherLeader.chatId!).some((c) => String(c.payload.text).includes(b.reference)), 10_000);
    expect(h.fake.textsTo(bCollaborator.chatId!).some((t) => t.includes(b.reference))).toBe(false);
    expect(everything(org.otherLeader)).not.toContain(a.reference);
  });

  it('the bloc leader, reached by both, holds one card for the issue covering both, and their acknowledgement covers both', async () => {
    const { org } = h;
    const { group, a, b } = await twoReports();
    const alertA = (await h.repos.alerts.liveFor(group, org.branch.id))!;
    const alertB = (await h.repos.alerts.liveFor(group, org.otherBranch.id))!;
    await eventually(async () => (await h.repos.alerts.get(alertA.id))!.escalationStep === 2 && (await h.repos.alerts.get(alertB.id))!.escalationStep === 2, 15_000);
    await eventually(() => cards(org.blocLeader).some((c) => String(c.payload.text).includes(a.reference) && String(c.payload.text).includes(b.reference)), 10_000);
    const ofThisIssue = h.fake.callsOf('sendMessage', org.blocLeader.chatId!).filter((c) => c.ok && [a.reference, b.reference].some((r) => String(c.payload.text).includes(r)));
    expect(ofThisIssue).toHaveLength(1);
    const last = cards(org.blocLeader).filter((c) => String(c.payload.text).includes(b.reference)).at(-1)!;
    expect(String(last.payload.text)).toContain('Reports:</b> 2 from 2 units');

    expect((await acknowledge(h.deps, org.blocLeader, alertB.id, 'en')).type).toBe('done');
    expect((await h.repos.alerts.get(alertA.id))!.status).toBe('acknowledged');
    expect((await h.repos.alerts.get(alertB.id))!.status).toBe('acknowledged');
    await eventually(() => h.fake.textsTo(bCollaborator.chatId!).some((t) => t.includes(b.reference)));
    await eventually(() => h.fake.textsTo(org.collaborator.chatId!).some((t) => t.includes(a.reference)));
  });

  it('an alert reaching a leader whose card shows only alerts already taken up arrives as a new message, not a silent edit', async () => {
    const { org } = h;
    const { group, a } = await twoReports();
    const alertA = (await h.repos.alerts.liveFor(group, org.branch.id))!;
    await eventually(async () => (await h.repos.alerts.recipientMessages(alertA.id)).some((r) => r.memberId === org.blocLeader.id && r.messageId !== null), 15_000);
    expect((await acknowledge(h.deps, org.blocLeader, alertA.id, 'en')).type).toBe('done');
    const before = sentCards(org.blocLeader).length;
    // a new critical report from the committee itself: its own alert, which climbs to the bloc
    const c = await analysedReport(h, { memberId: org.committeeLeader.id, unitId: org.committee.id, level: 'critical', issueGroupId: group, content: A_TEXT });
    await enqueueAlertEvaluation(h.alertsQueue, c.id);
    await eventually(() => sentCards(org.committeeLeader).some((m) => String(m.payload.text).includes(c.reference)));
    await eventually(() => sentCards(org.blocLeader).length === before + 1, 10_000);
    const fresh = String(sentCards(org.blocLeader).at(-1)!.payload.text);
    expect(fresh).toContain(c.reference);
    expect(fresh).toContain(a.reference);
  });
});
