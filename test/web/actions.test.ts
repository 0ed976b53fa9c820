/**
 * What leaders change from the dashboard, over HTTP with the real use cases: alert actions
 * (the chat card is edited at the fake Bot API), issue-group title/merge/move (audited, within
 * scope only), topic corrections (a ReportTopic row of origin `leader`), invites (subtree and
 * role rules, deep link and QR, revoke), admin settings, taxonomy and schedules, the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startParts } from '../../src/compose/parts.js';
import { enqueueAlertEvaluation } from '../../src/queue/jobs/alerts.js';
import { QUEUES } from '../../src/queue/names.js';
import { eventually } from '../integration/delivery/harness.js';
import { groupOf, openWebHarness, type WebHarness } from './harness.js';

describe('dashboard actions', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await openWebHarness();
    await h.rt.repos.settings.set(null, 'quietStart', '00:00');
    await h.rt.repos.settings.set(null, 'quietEnd', '00:00');
    await startParts(h.rt, ['alerts', 'delivery']);
  });
  afterAll(() => h?.close());

  const audit = async (action: string) => (await h.rt.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = $1`, [action]))[0]!.n;

  it('acknowledges an alert from the web with the chat buttons\u2019 use case: the leader\u2019s Telegram card is edited', async () => {
    const r = await h.report({ member: h.org.nurse, content: 'Công nhân bức xúc vì nợ lương, rủ nhau kéo đến trụ sở sáng mai.', level: 'critical', topic: 'workplace' });
    await groupOf(h, 'Nợ lương bệnh viện', [r.id]);
    await enqueueAlertEvaluation(h.rt.queues.queue(QUEUES.alerts), r.id);
    const chat = Number(h.org.hospitalLeader.telegramUserId);
    await eventually(() => h.fake.callsOf('sendMessage', chat).length > 0, 15_000);
    const alert = (await h.rt.repos.alerts.byReport(r.id))!;
    const c = await h.signIn(h.org.healthLeader); // the committee above: not notified yet, sees it in its subtree
    const page = await c.get(`/alerts/${alert.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Tiếp nhận');
    const res = await c.post(`/alerts/${alert.id}/ack`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/alerts/${alert.id}?notice=alert_ack`);
    expect((await h.rt.repos.alerts.get(alert.id))!.status).toBe('acknowledged');
    await eventually(() => h.fake.callsOf('editMessageText', chat).some((call) => String(call.payload.text).includes('Lãnh đạo Y tế')), 15_000);
    const after = await c.get(`/alerts/${alert.id}?notice=alert_ack`);
    expect(after.body).toContain('Đã tiếp nhận. Những người nhận khác đã được thông báo.');
    expect(after.body).toContain('đã tiếp nhận');
    expect((await c.post(`/alerts/${alert.id}/ack`)).location).toBe(`/alerts/${alert.id}?problem=already_acknowledged`);
    const outsider = await h.signIn(h.org.educationLeader);
    expect((await outsider.get(`/alerts/${alert.id}`)).status).toBe(404);
    expect((await outsider.post(`/alerts/${alert.id}/resolve`)).location).toBe(`/alerts/${alert.id}?problem=alert_refused`);
    expect((await h.rt.repos.alerts.get(alert.id))!.status).toBe('acknowledged');
    expect((await c.post(`/alerts/${alert.id}/resolve`)).location).toBe(`/alerts/${alert.id}?notice=alert_resolve`);
    const past = await c.get('/alerts?view=past');
    expect(past.body).toContain(`/alerts/${alert.id}`);
  });

  it('renames, merges and moves within the subtree, audited; refuses groups reaching outside it', async () => {
    const a = await h.report({ member: h.org.nurse, content: 'Bệnh nhân phàn nàn thiếu thuốc bảo hiểm ở khoa nội.' });
    const b = await h.report({ member: h.org.nurse, content: 'Thiếu thuốc bảo hiểm y tế, người bệnh phải tự mua ngoài.' });
    const x = await h.report({ member: h.org.teacher, content: 'Phụ huynh lo học phí tăng.' });
    const g1 = await groupOf(h, 'Thiếu thuốc', [a.id]);
    const g2 = await groupOf(h, 'Thuốc BHYT', [b.id]);
    const mixed = await groupOf(h, 'Nhóm lẫn', [x.id]);
    await h.rt.db.sql.query(`UPDATE "Report" SET "issueGroupId" = $1 WHERE id = $2`, [mixed, (await h.report({ member: h.org.nurse, content: 'Một báo cáo y tế.' })).id]);
    const c = await h.signIn(h.org.healthLeader);
    await c.get(`/groups/${g1}`);
    expect((await c.post(`/groups/${g1}/title`, { title: 'Thiếu thuốc bảo hiểm y tế' })).location).toBe(`/groups/${g1}?notice=group_renamed`);
    expect((await c.post(`/groups/${g1}/title`, { title: 'x' })).location).toBe(`/groups/${g1}?problem=invalid_title`);
    const [row] = await h.rt.db.sql.query<{ title: string; titleEdited: boolean }>(`SELECT title, "titleEdited" FROM "IssueGroup" WHERE id = $1`, [g1]);
    expect(row).toEqual({ title: 'Thiếu thuốc bảo hiểm y tế', titleEdited: true });
    expect(await audit('issue_group.rename')).toBe(1);
    expect((await c.post(`/groups/${g2}/merge`, { targetId: String(g1) })).location).toBe(`/groups/${g1}?notice=groups_merged`);
    expect((await h.rt.db.sql.query<{ g: number }>(`SELECT "issueGroupId" AS g FROM "Report" WHERE id = $1`, [b.id]))[0]!.g).toBe(g1);
    expect(await audit('issue_group.merge')).toBe(1);
    expect((await c.post(`/groups/${mixed}/merge`, { targetId: String(g1) })).location).toBe(`/groups/${mixed}?problem=group_outside_scope`);
    expect((await c.post(`/reports/${a.id}/group`, { groupId: String(mixed) })).location).toBe(`/reports/${a.id}?notice=report_moved`);
    expect(await audit('issue_group.move_report')).toBe(1);
    expect((await c.post(`/reports/${x.id}/group`, { groupId: String(g1) })).location).toBe(`/reports/${x.id}?problem=report_not_found`);
    expect((await c.post(`/groups/${g1}/merge`, { targetId: 'abc' })).status).toBe(400);
  });

  it('records a topic correction as a leader tag that feeds the training data', async () => {
    const r = await h.report({ member: h.org.nurse, content: 'Giá xăng tăng làm chi phí đi lại của nhân viên y tế tăng.', topic: 'health' });
    const c = await h.signIn(h.org.hospitalLeader);
    await c.get(`/reports/${r.id}`);
    expect((await c.post(`/reports/${r.id}/topic`, { topic: 'economy' })).location).toBe(`/reports/${r.id}?notice=topic_corrected`);
    const tags = await h.rt.db.sql.query<{ origin: string; topicSlug: string; createdById: number }>(`SELECT origin::text, "topicSlug", "createdById" FROM "ReportTopic" WHERE "reportId" = $1 AND origin = 'leader'`, [r.id]);
    expect(tags).toEqual([{ origin: 'leader', topicSlug: 'economy', createdById: h.org.hospitalLeader.id }]);
    expect(await audit('report.topic_correction')).toBe(1);
    expect((await c.post(`/reports/${r.id}/topic`, { topic: 'no_such_topic' })).location).toBe(`/reports/${r.id}?problem=unknown_topic`);
  });

  it('creates invites inside the subtree only, never above the creator\u2019s role, with a deep link and a QR code; revokes them', async () => {
    const c = await h.signIn(h.org.healthLeader);
    await c.get('/invites');
    const made = await c.post('/invites', { unitId: String(h.org.hospital.id), role: 'collaborator', days: '7', maxUses: '5', label: 'Đợt <1>' });
    expect(made.status).toBe(200);
    expect(made.body).toMatch(/https:\/\/t\.me\/pulse_test_bot\?start=[A-Z0-9-]{14}/);
    expect(made.body).toContain('src="data:image/svg+xml;base64,');
    expect(made.body).toContain('Đợt &lt;1&gt;');
    const admin = await c.post('/invites', { unitId: String(h.org.hospital.id), role: 'admin' });
    expect(admin.status).toBe(403);
    expect(admin.body).toContain('Không thể mời vai trò cao hơn vai trò của bạn.');
    const above = await c.post('/invites', { unitId: String(h.org.school.id), role: 'collaborator' });
    expect(above.status).toBe(403);
    expect(above.body).toContain('Đơn vị không thuộc phạm vi của bạn.');
    const [invite] = await h.rt.db.sql.query<{ id: number; role: string }>(`SELECT id, role::text FROM "Invite" WHERE label = 'Đợt <1>'`);
    expect(invite!.role).toBe('collaborator');
    const other = await h.signIn(h.org.educationLeader);
    await other.get('/invites');
    expect((await other.post(`/invites/${invite!.id}/revoke`)).location).toBe('/invites?problem=invite_not_found');
    expect((await c.post(`/invites/${invite!.id}/revoke`)).location).toBe('/invites?notice=invite_revoked');
    expect(await audit('invite.create')).toBe(1);
    expect(await audit('invite.revoke')).toBe(1);
  });

  it('offers a leader no role above their own in the invite form', async () => {
    const c = await h.signIn(h.org.healthLeader);
    await c.get('/invites');
    const page = (await c.get('/invites')).body;
    expect(page).not.toContain('value="admin"');
  });

  it('lets an admin edit settings, a unit schedule and a topic, all audited and shown in the audit log', async () => {
    const c = await h.signIn(h.org.admin);
    await c.get('/admin');
    expect((await c.post('/admin/settings', { unitId: String(h.org.health.id), key: 'escalationCriticalMinutes', value: '15' })).location).toBe(`/admin?unit=${h.org.health.id}&notice=setting_saved`);
    expect((await h.rt.repos.settings.effective(h.org.hospital.id)).escalationCriticalMinutes).toBe(15);
    expect((await c.post('/admin/settings', { unitId: '', key: 'urgencyHigh', value: '500' })).location).toBe('/admin?problem=invalid_setting_value');
    expect((await c.post('/admin/settings', { unitId: '', key: 'nope', value: '1' })).location).toBe('/admin?problem=unknown_setting');
    expect((await c.post('/admin/settings', { unitId: String(h.org.health.id), key: 'escalationCriticalMinutes', value: '' })).location).toContain('notice=setting_saved');
    expect((await h.rt.repos.settings.effective(h.org.hospital.id)).escalationCriticalMinutes).toBe(30);
    expect((await c.post(`/admin/units/${h.org.health.id}/schedule`, { timezone: 'Asia/Bangkok', digestTime: '08:15' })).location).toContain('notice=schedule_saved');
    expect((await h.rt.repos.units.get(h.org.health.id))!.digestTime).toBe('08:15');
    expect((await c.post(`/admin/units/${h.org.health.id}/schedule`, { timezone: 'Mars/Olympus', digestTime: '08:15' })).location).toContain('problem=invalid_timezone');
    expect((await c.post('/admin/topics/health', { nameVi: 'Y tế', nameEn: 'Health care', keywords: 'bệnh viện, thuốc', sensitive: 'on', active: 'on' })).location).toContain('notice=topic_saved');
    const health = (await h.rt.repos.topics.list(false)).find((t) => t.slug === 'health')!;
    expect(health).toMatchObject({ nameEn: 'Health care', sensitive: true, keywords: ['bệnh viện', 'thuốc'] });
    const log = await c.get('/admin/audit?action=setting.');
    expect(log.status).toBe(200);
    expect(log.body).toContain('setting.set');
    expect(log.body).toContain('setting.unset');
    expect(log.body).not.toContain('topic.update');
    expect((await c.get('/admin/audit')).body).toContain('topic.update');
  });
});
