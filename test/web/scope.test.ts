/**
 * Scope on every page, result and export (the scoping issue's generator, extended to the
 * dashboard): each unit's reports carry a marker; for every viewer, every page they can open —
 * and every id they could guess — shows no marker, unit name or person from outside their
 * subtree, while search and exports show every marker inside it. Hostile text (HTML, bidi
 * overrides, formula prefixes) shows as text.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Unit } from '../../src/domain/types.js';
import { groupOf, openWebHarness, type WebClient, type WebHarness } from './harness.js';

const MARK: Record<string, string> = { bloc: 'MKBLOC', health: 'MKHEALTH', hospital: 'MKHOSPITAL', education: 'MKEDU', school: 'MKSCHOOL' };
const HOSTILE = '<img src=x onerror=alert(1)> \u202Eevil\u202C =HYPERLINK("http://x") ';

describe('every dashboard page reads through the viewer scope', () => {
  let h: WebHarness;
  const ids: { reports: Record<string, number>; groups: Record<string, number>; alerts: Record<string, number> } = { reports: {}, groups: {}, alerts: {} };
  const authors = (): Record<string, Member> => ({ bloc: h.org.blocLeader, health: h.org.healthLeader, hospital: h.org.nurse, education: h.org.educationLeader, school: h.org.teacher });
  const units = (): Record<string, Unit> => ({ bloc: h.org.bloc, health: h.org.health, hospital: h.org.hospital, education: h.org.education, school: h.org.school });
  /** The unit keys each viewer's subtree holds. */
  const sees = (): [string, Member, string[]][] => [
    ['admin', h.org.admin, Object.keys(MARK)],
    ['bloc leader', h.org.blocLeader, Object.keys(MARK)],
    ['health leader', h.org.healthLeader, ['health', 'hospital']],
    ['hospital leader', h.org.hospitalLeader, ['hospital']],
    ['education leader', h.org.educationLeader, ['education', 'school']],
  ];

  beforeAll(async () => {
    h = await openWebHarness();
    for (const [key, author] of Object.entries(authors())) {
      const r = await h.report({ member: author, content: `${MARK[key]} báo động về lương ${HOSTILE}`, level: 'critical', topic: 'workplace', proposal: `${MARK[key]}-PROPOSAL` });
      ids.reports[key] = r.id;
    }
    // A group across two committees (its title carries the school's marker) and one inside the hospital.
    ids.groups.mixed = await groupOf(h, `${MARK.school} nhóm chung`, [ids.reports.hospital!, ids.reports.school!]);
    const solo = await h.report({ member: h.org.nurse, content: 'MKHOSPITAL thứ hai về lương' });
    ids.groups.hospital = await groupOf(h, 'MKHOSPITAL nhóm riêng', [solo.id]);
    for (const key of ['hospital', 'school']) {
      const a = await h.rt.repos.alerts.create({
        issueGroupId: ids.groups.mixed,
        reportId: ids.reports[key]!,
        unitId: units()[key]!.id,
        coversFrom: null,
        trigger: 'critical_report',
        level: 'critical',
        reasons: [{ code: 'trigger', points: 40, detail: `${MARK[key]} lý do` }],
        latestQuote: `${MARK[key]} quote`,
        reportCount: 1,
        unitCount: 1,
        createdAt: new Date(),
      });
      ids.alerts[key] = a!.id;
    }
    await h.rt.db.sql.query(`INSERT INTO "Invite" ("codeHash", "unitId", role, "expiresAt", label) VALUES ('h1', $1, 'collaborator', now() + interval '1 day', 'MKSCHOOL-INVITE')`, [h.org.school.id]);
  });
  afterAll(() => h?.close());

  const forbiddenFor = (visible: string[]) => {
    const out: string[] = [];
    for (const key of Object.keys(MARK).filter((k) => !visible.includes(k))) {
      out.push(MARK[key]!);
      out.push(units()[key]!.name.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    if (!visible.includes('school')) out.push('Giáo viên');
    if (!visible.includes('hospital')) out.push('Y tá');
    return out;
  };

  async function xlsxText(c: WebClient, url: string): Promise<string> {
    const res = await c.bytes(url);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value ?? ''))));
    return cells.join('\n');
  }

  it.each([0, 1, 2, 3, 4])('viewer %#: no page, result or export shows anything from outside the subtree', async (i) => {
    const [, viewer, visible] = sees()[i]!;
    const c = await h.signIn(viewer);
    const forbidden = forbiddenFor(visible);
    const pages = ['/', '/?days=365', '/reports', '/reports?q=bao+dong', '/reports?q=MK', '/groups?days=365', '/alerts', '/alerts?view=past', '/units', '/invites'];
    pages.push(...Object.values(units()).map((u) => `/units?unit=${u.id}`), ...Object.values(units()).map((u) => `/units/${u.id}/members`));
    pages.push(...Object.values(ids.reports).map((id) => `/reports/${id}`), ...Object.values(ids.groups).map((id) => `/groups/${id}`), ...Object.values(ids.alerts).map((id) => `/alerts/${id}`));
    for (const url of pages) {
      const res = await c.get(url);
      expect([200, 404], url).toContain(res.status);
      for (const word of forbidden) expect(res.body, `${url} shows ${word}`).not.toContain(word);
      expect(res.body, url).not.toContain('<img src=x');
      expect(res.body, url).not.toContain('\u202E');
    }
    for (const key of Object.keys(MARK)) {
      const status = (await c.get(`/reports/${ids.reports[key]}`)).status;
      expect(status, `report of ${key}`).toBe(visible.includes(key) ? 200 : 404);
    }
    const search = await c.get('/reports?q=mk');
    for (const key of visible) expect(search.body, `search finds ${key}`).toContain(MARK[key]!);
    const csv = (await c.get('/reports/export.csv')).body;
    const xlsx = await xlsxText(c, '/reports/export.xlsx');
    for (const word of forbidden.filter((w) => w.startsWith('MK'))) {
      expect(csv).not.toContain(word);
      expect(xlsx).not.toContain(word);
    }
    for (const key of visible) {
      expect(csv).toContain(MARK[key]!);
      expect(xlsx).toContain(MARK[key]!);
    }
  });

  it('shows the group title to a viewer only when their scope covers every report of it', async () => {
    const admin = await h.signIn(h.org.admin);
    expect((await admin.get(`/groups/${ids.groups.mixed}`)).body).toContain('MKSCHOOL nhóm chung');
    const health = await h.signIn(h.org.healthLeader);
    const page = await health.get(`/groups/${ids.groups.mixed}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('MKHOSPITAL');
    expect(page.body).not.toContain('MKSCHOOL');
    expect(page.body).not.toContain('action="/groups/' + ids.groups.mixed + '/title"');
    expect((await health.post(`/groups/${ids.groups.mixed}/title`, { title: 'Đổi tên trái phép' })).location).toContain('problem=group_outside_scope');
    const [g] = await h.rt.db.sql.query<{ title: string }>(`SELECT title FROM "IssueGroup" WHERE id = $1`, [ids.groups.mixed]);
    expect(g!.title).toBe('MKSCHOOL nhóm chung');
  });

  it('keeps leaders out of the admin pages', async () => {
    const c = await h.signIn(h.org.blocLeader);
    for (const url of ['/admin', '/admin/audit', '/admin/queues']) expect((await c.get(url)).status, url).toBe(403);
    expect((await c.post('/admin/settings', { key: 'urgencyHigh', value: '10', unitId: '' })).status).toBe(403);
    const admin = await h.signIn(h.org.admin);
    expect((await admin.get('/admin')).status).toBe(200);
    expect((await admin.get('/admin/audit')).status).toBe(200);
  });
});

