/**
 * Report search (diacritic- and case-insensitive, exact accents first, filters, pages, the URL
 * as the search), report detail (redacted text; the original for admins only), exports of
 * exactly the current search (CSV with BOM, formula injection neutralised; XLSX read back), and
 * bad parameters on every page: a clear 400 naming the parameter, never a 500.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebHarness, type WebClient, type WebHarness } from './harness.js';

const DAY = 86_400_000;

describe('report search and exports', () => {
  let h: WebHarness;
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    h = await openWebHarness();
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
    ids = {
      exact: (await h.report({ member: h.org.nurse, content: 'Nhân viên BÁO ĐỘNG về tình trạng quá tải ở khoa cấp cứu.', createdAt: at(5), mood: 'worried', topic: 'health' })).id,
      plain: (await h.report({ member: h.org.nurse, content: 'Tin nhắn bao dong gui tu so 0912345678 lan truyen.', createdAt: at(1), mood: 'angry', topic: 'security_defense' })).id,
      storm: (await h.report({ member: h.org.nurse, content: 'Người dân lo bão đông người đi sơ tán.', createdAt: at(2), mood: 'worried', topic: 'environment_disasters', level: 'high' })).id,
      formula: (await h.report({ member: h.org.nurse, content: '=HYPERLINK("http://evil.example","bấm vào") và "dấu ngoặc", dấu phẩy', createdAt: at(3), topic: 'other' })).id,
      school: (await h.report({ member: h.org.teacher, content: 'Giáo viên báo động về bạo lực học đường.', createdAt: at(1), topic: 'education' })).id,
      pending: (await h.report({ member: h.org.nurse, content: 'Báo động chưa phân tích: số điện thoại 0987654321.', status: 'received', createdAt: at(0.5) })).id,
      withdrawn: (await h.report({ member: h.org.nurse, content: 'Báo động đã rút lại.', status: 'withdrawn', createdAt: at(0.7) })).id,
    };
    for (let i = 0; i < 30; i += 1) await h.report({ member: h.org.nurse, content: `Ý kiến số ${i} về giá điện tăng.`, createdAt: at(10 + i), topic: 'economy', mood: 'skeptical' });
  });
  afterAll(() => h?.close());

  const refs = (body: string) => [...body.matchAll(/href="\/reports\/(\d+)"/g)].map((m) => Number(m[1]));

  it('finds "bao dong" in every spelling, case-insensitive, exact accents first', async () => {
    const c = await h.signIn(h.org.healthLeader);
    const folded = refs((await c.get('/reports?q=bao+dong')).body);
    expect(folded).toEqual(expect.arrayContaining([ids.exact, ids.plain, ids.storm]));
    expect(folded).not.toContain(ids.school); // another committee
    expect(folded).not.toContain(ids.pending); // no redacted text yet: never searched on the original
    expect(folded).not.toContain(ids.withdrawn);
    expect(folded[0]).toBe(ids.plain); // typed without accents: the text without accents matches exactly
    const accented = refs((await c.get('/reports?q=b%C3%A1o+%C4%91%E1%BB%99ng')).body);
    expect(accented[0]).toBe(ids.exact); // "báo động" as typed, whatever the case, before "bao dong" and "bão đông"
    expect(accented.slice(1)).toEqual([ids.plain, ids.storm]);
    expect(refs((await c.get('/reports?q=%22BAO+DONG%22')).body)).toEqual(expect.arrayContaining([ids.exact, ids.plain]));
  });

  it('filters by unit, topic, mood, urgency, status and dates, and pages through the results', async () => {
    const c = await h.signIn(h.org.blocLeader);
    expect(refs((await c.get(`/reports?q=bao+dong&unit=${h.org.education.id}`)).body)).toEqual([ids.school]);
    expect(refs((await c.get('/reports?topic=environment_disasters')).body)).toEqual([ids.storm]);
    expect(refs((await c.get('/reports?q=bao&mood=angry')).body)).toEqual([ids.plain]);
    expect(refs((await c.get('/reports?urgency=high')).body)).toEqual([ids.storm]);
    expect(refs((await c.get('/reports?status=received')).body)).toEqual([ids.pending]);
    const from = new Date(Date.now() - 2.5 * DAY).toISOString().slice(0, 10);
    const to = new Date(Date.now() - 1.5 * DAY).toISOString().slice(0, 10);
    expect(refs((await c.get(`/reports?q=bao+dong&from=${from}&to=${to}`)).body)).toEqual([ids.storm]);
    const first = await c.get('/reports?topic=economy&mood=skeptical');
    expect(refs(first.body)).toHaveLength(25);
    expect(first.body).toContain('href="/reports?topic=economy&amp;mood=skeptical&amp;page=2"');
    const second = await c.get('/reports?topic=economy&mood=skeptical&page=2');
    expect(refs(second.body)).toHaveLength(5);
    expect(refs(second.body).some((id) => refs(first.body).includes(id))).toBe(false);
    expect(second.body).not.toContain('rel="next"');
    // The search is its URL: the form shows it back filled in.
    expect(second.body).toContain('<option value="economy" selected>');
  });

  it('shows the redacted text to leaders and the original to admins only', async () => {
    await h.rt.db.sql.query(`UPDATE "Report" SET "redactedContent" = replace(content, '0912345678', '[phone]') WHERE id = $1`, [ids.plain]);
    const leader = await h.signIn(h.org.hospitalLeader);
    const page = (await leader.get(`/reports/${ids.plain}`)).body;
    expect(page).toContain('[phone]');
    expect(page).not.toContain('0912345678');
    expect(page).toContain('kéo đến trụ sở (+40)');
    expect(page).toContain('tâm trạng');
    const pending = (await leader.get(`/reports/${ids.pending}`)).body;
    expect(pending).not.toContain('0987654321');
    const admin = await h.signIn(h.org.admin);
    expect((await admin.get(`/reports/${ids.plain}`)).body).toContain('0912345678');
    expect((await admin.get(`/reports/${ids.pending}`)).body).toContain('0987654321');
  });

  it('exports exactly the current search as CSV (BOM, quoting, no formulas) and XLSX', async () => {
    const c = await h.signIn(h.org.healthLeader);
    const csv = await c.bytes('/reports/export.csv?q=bao+dong');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(String(csv.headers['content-disposition'])).toMatch(/attachment; filename="pulse-reports-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Mã,Thời gian,Đơn vị');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      (await h.rt.db.sql.query<{ reference: string }>(`SELECT reference FROM "Report" WHERE id = ANY($1::int[]) ORDER BY "createdAt" DESC`, [[ids.exact, ids.plain, ids.storm]])).map((r) => r.reference),
    );
    const all = (await c.bytes('/reports/export.csv?topic=other')).body.toString('utf8');
    expect(all).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"") và ""dấu ngoặc"", dấu phẩy"`);
    const xlsx = await c.bytes('/reports/export.xlsx?topic=other');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const text = sheet.getRow(2).getCell(12).value;
    expect(text).toBe(`'=HYPERLINK("http://evil.example","bấm vào") và "dấu ngoặc", dấu phẩy`);
    expect(sheet.getRow(2).getCell(12).formula).toBeUndefined();
    expect(await h.rt.db.sql.query(`SELECT 1 FROM "AuditLog" WHERE action = 'report.export_xlsx'`)).toHaveLength(1);
  });

  it('answers a clear 400 naming the parameter for bad values, never a 500', async () => {
    const c = await h.signIn(h.org.admin);
    const cases: [string, string][] = [
      ['/reports?mood=furious', 'mood'],
      ['/reports?topic=nope', 'topic'],
      ['/reports?urgency=1', 'urgency'],
      ['/reports?status=deleted', 'status'],
      ['/reports?from=2026-02-30', 'from'],
      ['/reports?from=2026-05-02&to=2026-05-01', 'to'],
      ['/reports?page=0', 'page'],
      ['/reports?page=201', 'page'],
      ['/reports?page=1e3', 'page'],
      ['/reports?unit=-1', 'unit'],
      ['/reports?unit=99999999999', 'unit'],
      [`/reports?q=${'a'.repeat(201)}`, 'q'],
      ['/reports?qq=typo', 'qq'],
      ['/reports/export.csv?mood=x', 'mood'],
      ['/reports/abc', 'id'],
      ['/reports/0', 'id'],
      ['/reports/3000000000', 'id'],
      ['/?days=12', 'days'],
      ['/groups?days=x', 'days'],
      ['/groups?page=-2', 'page'],
      ['/groups/1.5', 'id'],
      ['/alerts?view=all', 'view'],
      ['/alerts/%27', 'id'],
      ['/units?unit=abc', 'unit'],
      ['/units/x/members', 'id'],
      ['/invites?page=x', 'page'],
      ['/admin?unit=x', 'unit'],
      ['/admin/audit?action=DROP%20TABLE', 'action'],
      ['/signed-out?reason=x', 'reason'],
    ];
    for (const [url, param] of cases) {
      const res = await c.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body, url).toContain(param);
    }
    await c.get('/');
    const posts: [string, Record<string, string>][] = [
      ['/alerts/1/explode', {}],
      ['/alerts/x/ack', {}],
      ['/groups/1/merge', { targetId: '' }],
      ['/reports/1/group', { groupId: 'x' }],
      ['/invites', { unitId: 'x', role: 'leader' }],
      ['/invites', { unitId: String(h.org.health.id), role: 'boss' }],
      ['/invites', { unitId: String(h.org.health.id), role: 'leader', days: '9999' }],
      ['/admin/settings', { unitId: 'x', key: 'urgencyHigh', value: '1' }],
      ['/language', { lang: 'fr' }],
    ];
    for (const [url, form] of posts) expect((await c.post(url, form)).status, url).toBe(400);
    const json = await h.app.inject({ method: 'POST', url: '/language', payload: '{"lang":', headers: { 'content-type': 'application/json', cookie: cookieOf(c) } });
    expect(json.statusCode).toBeLessThan(500);
    expect((await h.client().get('/no/such/page')).status).toBe(404);
  });
});

const cookieOf = (c: WebClient) => [...c.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
