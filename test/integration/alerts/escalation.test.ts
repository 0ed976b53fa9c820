import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge } from '../../../src/app/alerts/actions.js';
import { enqueueAlertEvaluation } from '../../../src/queue/jobs/alerts.js';
import { eventually, sleep } from '../delivery/harness.js';
import { BACKENDS } from '../../support/backends.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, setShortDelays, type AlertsHarness } from './harness.js';

const DELAY = 700;

describe.each(BACKENDS)('a critical report climbs the tree until someone acknowledges it (%s backend)', (backend) => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness({ backend });
    await disableQuietHours(h);
    await setShortDelays(h, h.org.bloc.id, DELAY);
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const cardsTo = (chatId: bigint) => h.fake.callsOf('sendMessage', chatId).filter((c) => c.ok && String(c.payload.text).includes('#'));

  it('reaches exactly the branch leaders, then the committee, then the bloc', async () => {
    const { org } = h;
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, r.id);
    await eventually(() => org.branchLeaders.every((l) => cardsTo(l.chatId!).length === 1));
    // nobody above yet, nobody elsewhere
    expect(cardsTo(org.committeeLeader.chatId!)).toHaveLength(0);
    expect(cardsTo(org.blocLeader.chatId!)).toHaveLength(0);
    const card = cardsTo(org.branchLeaders[0]!.chatId!)[0]!;
    expect(card.payload.parse_mode).toBe('HTML');
    expect(String(card.payload.text)).toContain('Chi bộ Bệnh viện &lt;A&gt;');
    expect(String(card.payload.text)).toContain('&lt;ngay mai&gt;');
    expect(String(card.payload.text)).toContain(r.reference);

    await eventually(() => cardsTo(org.committeeLeader.chatId!).length === 1, 10_000);
    expect(cardsTo(org.blocLeader.chatId!)).toHaveLength(0);
    await eventually(() => cardsTo(org.blocLeader.chatId!).length === 1, 10_000);
    for (const m of [org.otherLeader, org.collaborator, org.admin]) expect(h.fake.callsOf('sendMessage', m.chatId!)).toHaveLength(0);
    const alert = (await h.repos.alerts.byReport(r.id))!;
    expect(alert.escalationStep).toBe(2);
    expect(alert.nextEscalationAt).toBeNull();
    const kinds = (await h.repos.alerts.events([alert.id])).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'escalated')).toHaveLength(2);
    expect(kinds).toContain('raised');
    await eventually(async () => (await h.repos.alerts.events([alert.id])).filter((e) => e.kind === 'sent').length === 4);
  });

  it('an acknowledgement at the first level stops everything for that alert', async () => {
    const { org } = h;
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, r.id);
    const leader = org.branchLeaders[1]!;
    await eventually(async () => (await h.repos.alerts.byReport(r.id)) !== null);
    const alert = (await h.repos.alerts.byReport(r.id))!;
    const isThisAlert = (c: { payload: Record<string, unknown> }) => String(c.payload.text ?? '').includes(`#${alert.id}`);
    await eventually(() => h.fake.callsOf('sendMessage', leader.chatId!).some(isThisAlert));
    const outcome = await acknowledge(h.deps, leader, alert.id, 'en');
    expect(outcome.type).toBe('done');
    // every recipient's card is edited to say who took it; the reporter is told without names
    await eventually(() => org.branchLeaders.every((l) => h.fake.callsOf('editMessageText', l.chatId!).some((c) => isThisAlert(c) && String(c.payload.text).includes(leader.displayName))));
    await eventually(() => h.fake.textsTo(org.collaborator.chatId!).some((t) => t.includes(r.reference)));
    const reporterText = h.fake.textsTo(org.collaborator.chatId!).find((t) => t.includes(r.reference))!;
    expect(reporterText).not.toContain(leader.displayName);
    const before = h.fake.calls.filter(isThisAlert).length;
    await sleep(DELAY * 3);
    expect(h.fake.calls.filter(isThisAlert).length).toBe(before);
    expect(h.fake.callsOf('sendMessage', org.committeeLeader.chatId!).filter(isThisAlert)).toHaveLength(0);
    expect((await h.repos.alerts.get(alert.id))!.status).toBe('acknowledged');
    expect(await h.alertsQueue.getJob(`escalate-${alert.id}-1`)).toBeUndefined();
  });

  it('an acknowledgement after one escalation stops the climb to the bloc', async () => {
    const { org } = h;
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: org.collaborator.id, unitId: org.branch.id, level: 'critical', issueGroupId: group });
    await enqueueAlertEvaluation(h.alertsQueue, r.id);
    await eventually(async () => (await h.repos.alerts.byReport(r.id)) !== null);
    const alert = (await h.repos.alerts.byReport(r.id))!;
    const isThisAlert = (c: { payload: Record<string, unknown> }) => String(c.payload.text ?? '').includes(`#${alert.id}`);
    await eventually(() => h.fake.callsOf('sendMessage', org.committeeLeader.chatId!).some(isThisAlert), 10_000);
    expect((await acknowledge(h.deps, org.committeeLeader, alert.id, 'en')).type).toBe('done');
    await sleep(DELAY * 3);
    expect(h.fake.callsOf('sendMessage', org.blocLeader.chatId!).filter(isThisAlert)).toHaveLength(0);
    const kinds = (await h.repos.alerts.events([alert.id])).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'escalated')).toHaveLength(1);
    expect(kinds).toContain('acknowledged');
  });
});
