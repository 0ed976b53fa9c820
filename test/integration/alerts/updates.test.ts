import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markFalseAlarm } from '../../../src/app/alerts/actions.js';
import { enqueueAlertEvaluation } from '../../../src/queue/jobs/alerts.js';
import { eventually, sleep } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

describe('one live alert per issue group', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  it('ten reports on one issue group from one subtree produce one alert and one message per leader, kept up to date by edits', async () => {
    const { org } = h;
    const group = await newIssueGroup(h);
    const first = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, first.id);
    const refs = [first.reference];
    for (let i = 1; i < 10; i++) {
      const r = await analysedReport(h, {
        memberId: org.collaborator.id,
        unitId: org.branch.id,
        level: i % 2 ? 'critical' : 'normal',
        issueGroupId: group,
        content: `Báo cáo số ${i + 1}: người dân tiếp tục phản ánh <${i + 1}>.`,
      });
      refs.push(r.reference);
      await enqueueAlertEvaluation(h.alertsQueue, r.id);
    }
    await eventually(async () => (await h.repos.alerts.liveFor(group, h.org.branch.id))?.reportCount === 10, 30_000);
    const alerts = await h.db.prisma.alert.findMany({ where: { issueGroupId: group } });
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.unitCount).toBe(1);
    const mark = `#${alert.id}`;
    for (const leader of org.branchLeaders) {
      // what the leader's card shows last (its send, when it went out after every report was in, or its latest edit)
      const shown = () => h.fake.calls.filter((c) => c.ok && String(c.payload.chat_id) === String(leader.chatId) && (c.method === 'sendMessage' || c.method === 'editMessageText')).at(-1);
      await eventually(() => String(shown()?.payload.text ?? '').includes('Reports:</b> 10 from 1'), 30_000);
      const sends = h.fake.callsOf('sendMessage', leader.chatId!).filter((c) => String(c.payload.text).includes(mark));
      expect(sends).toHaveLength(1);
      const messageId = (sends[0]!.result as { message_id: number }).message_id;
      const edits = h.fake.callsOf('editMessageText', leader.chatId!).filter((c) => c.ok);
      expect(edits.every((c) => c.payload.message_id === messageId)).toBe(true);
      const last = String(shown()!.payload.text);
      expect(last).toContain('&lt;10&gt;');
      expect(last).toContain(refs.at(-1)!);
    }
    // running an evaluation again changes nothing
    const before = h.fake.calls.length;
    await h.alertsQueue.add('evaluate', { kind: 'evaluate', reportId: first.id }, { jobId: `evaluate-again-${first.id}` });
    await sleep(600);
    expect(h.fake.calls.length).toBe(before);
    expect((await h.repos.alerts.events([alert.id])).filter((e) => e.kind === 'raised')).toHaveLength(1);
  });

  it('a fast-spreading group of calm reports raises a high alert for the lowest unit whose subtree shows the spread', async () => {
    const { org } = h;
    await h.repos.settings.set(null, 'fastSpreadReports', 4);
    await h.repos.settings.set(null, 'fastSpreadUnits', 3);
    const group = await newIssueGroup(h);
    const plan = [org.branch.id, org.branch.id, org.otherBranch.id, org.committee.id];
    const ids: number[] = [];
    for (const unitId of plan.slice(0, 3)) ids.push((await analysedReport(h, { memberId: org.collaborator.id, unitId, level: 'normal', issueGroupId: group })).id);
    for (const id of ids) await enqueueAlertEvaluation(h.alertsQueue, id);
    await eventually(async () => ((await h.alertsQueue.getJobCounts('completed')).completed ?? 0) >= 3 && ((await h.alertsQueue.getJobCounts('active', 'waiting')).waiting ?? 0) === 0);
    await sleep(300);
    // three reports from two units: below the threshold (4 reports from 3 units)
    expect(await h.db.prisma.alert.count({ where: { issueGroupId: group } })).toBe(0);
    const fourth = await analysedReport(h, { memberId: org.collaborator.id, unitId: plan[3]!, level: 'normal', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, fourth.id);
    // the branch, its committee and the other branch meet only at the bloc: the bloc's alert
    await eventually(async () => (await h.repos.alerts.liveFor(group, org.bloc.id)) !== null);
    const alert = (await h.repos.alerts.liveFor(group, org.bloc.id))!;
    expect(alert).toMatchObject({ trigger: 'fast_spread', level: 'high', reportCount: 4, unitCount: 3 });
    expect(await h.db.prisma.alert.count({ where: { issueGroupId: group } })).toBe(1);
    await eventually(() => h.fake.callsOf('sendMessage', org.blocLeader.chatId!).some((c) => String(c.payload.text).includes(`#${alert.id}`)));
    for (const l of [...org.branchLeaders, org.committeeLeader, org.otherLeader]) expect(h.fake.callsOf('sendMessage', l.chatId!).some((c) => String(c.payload.text).includes(`#${alert.id}`))).toBe(false);
  });

  it('a false alarm closes the alert, frees its group, and a later report raises a fresh alert covering only new reports', async () => {
    const { org } = h;
    const group = await newIssueGroup(h);
    const first = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, first.id);
    await eventually(async () => (await h.repos.alerts.liveFor(group, h.org.branch.id)) !== null);
    const alert = (await h.repos.alerts.liveFor(group, h.org.branch.id))!;
    await eventually(async () => (await h.repos.alerts.recipients(alert.id)).length === 2);
    const outcome = await markFalseAlarm(h.deps, org.branchLeaders[0]!, alert.id, 'en');
    expect(outcome.type).toBe('done');
    expect(await h.repos.alerts.get(alert.id)).toMatchObject({ status: 'false_alarm', openKey: null, closedById: org.branchLeaders[0]!.id });
    expect((await h.repos.alerts.events([alert.id])).map((e) => e.kind)).toContain('false_alarm');
    // a false alarm does not tell the reporter that leadership took it up
    await sleep(300);
    expect(h.fake.textsTo(org.collaborator.chatId!).some((t) => t.includes(first.reference))).toBe(false);

    await sleep(20); // the next report is strictly after the closure
    const next = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, next.id);
    await eventually(async () => (await h.repos.alerts.liveFor(group, h.org.branch.id)) !== null);
    const fresh = (await h.repos.alerts.liveFor(group, h.org.branch.id))!;
    expect(fresh.id).not.toBe(alert.id);
    expect(fresh).toMatchObject({ reportId: next.id, reportCount: 1 });
  });
});
