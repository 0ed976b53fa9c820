/**
 * The dashboard in real Chromium (Debian's, driven by playwright-core): sign in by the bot's
 * link, search without diacritics and open a report, acknowledge an alert and see its card
 * edited at the fake Bot API, export CSV and XLSX and read them back, switch language, on a
 * phone-sized and a desktop window; axe-core checks labels, contrast and the rest of its rules;
 * no page trips its CSP. Screenshots go to tmp/screenshots/dashboard (outside git).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLoginToken } from '../../src/app/dashboard/login.js';
import { loginUrl } from '../../src/bot/features/dashboard-login.js';
import { startParts } from '../../src/compose/parts.js';
import { enqueueAlertEvaluation } from '../../src/queue/jobs/alerts.js';
import { QUEUES } from '../../src/queue/names.js';
import { eventually } from '../integration/delivery/harness.js';
import { groupOf, openWebHarness, type WebHarness } from '../web/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../tmp/screenshots/dashboard');
const AXE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const DAY = 86_400_000;

describe('the dashboard in Chromium', () => {
  let h: WebHarness;
  let base: string;
  let browser: Browser;
  let alertId: number;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await openWebHarness({ publicUrl: 'http://127.0.0.1' });
    await h.rt.repos.settings.set(null, 'quietStart', '00:00');
    await h.rt.repos.settings.set(null, 'quietEnd', '00:00');
    await startParts(h.rt, ['alerts', 'delivery']);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const moods = ['worried', 'angry', 'skeptical', 'neutral', 'supportive'] as const;
    const topics = ['economy', 'health', 'workplace', 'education'];
    for (let i = 0; i < 40; i += 1) {
      await h.report({ member: i % 4 === 3 ? h.org.teacher : h.org.nurse, content: `Ý kiến ${i}: người dân bàn về giá điện và viện phí tăng.`, mood: moods[i % 5], topic: topics[i % 4], createdAt: new Date(Date.now() - (i % 28) * DAY - 3600_000) });
    }
    await h.report({ member: h.org.nurse, content: 'Nhân viên y tế BÁO ĐỘNG về tình trạng quá tải <b>khoa cấp cứu</b>.', mood: 'worried', topic: 'health', createdAt: new Date(Date.now() - 2 * DAY) });
    const critical = await h.report({ member: h.org.nurse, content: 'Công nhân bức xúc vì nợ lương, rủ nhau kéo đến trụ sở sáng mai.', level: 'critical', mood: 'angry', topic: 'workplace', createdAt: new Date(Date.now() - 3600_000) });
    await groupOf(h, 'Nợ lương ở bệnh viện', [critical.id]);
    await enqueueAlertEvaluation(h.rt.queues.queue(QUEUES.alerts), critical.id);
    await eventually(() => h.fake.callsOf('sendMessage', Number(h.org.hospitalLeader.telegramUserId)).length > 0, 20_000);
    alertId = (await h.rt.repos.alerts.byReport(critical.id))!.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function signedInPage(viewport: { width: number; height: number }, who = h.org.healthLeader): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    const issued = await issueLoginToken({ tokens: h.web.dashboard.tokens, members: h.web.dashboard.members, audit: h.web.dashboard.audit, clock: h.rt.clock }, who);
    if (!issued.ok) throw new Error(issued.error);
    await page.goto(loginUrl(base, issued.value.token));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  /** axe-core in the page (injected by the test through the devtools protocol, the page's CSP is left as it is). */
  async function axe(page: Page): Promise<{ id: string; impact: string | null; nodes: number }[]> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: AXE });
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `axe.run(document).then((r) => JSON.stringify({ passed: r.passes.map((p) => p.id), violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) }))`,
      awaitPromise: true,
      returnByValue: true,
    });
    const out = JSON.parse(String(result.value)) as { passed: string[]; violations: { id: string; impact: string | null; nodes: number }[] };
    // The checks this test is about did run (and passed), page by page.
    expect(out.passed).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'document-title']));
    if (await page.locator('input:not([type=hidden]), select, textarea').count()) expect(out.passed).toContain('label');
    return out.violations;
  }

  it('signs in by the link, shows the overview with its charts, on a phone', async () => {
    const page = await signedInPage({ width: 390, height: 844 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tổng quan');
    expect(await page.locator('img.chart').count()).toBe(3);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(390 + 1); // nothing wider than the phone (tables scroll inside their box)
    await page.screenshot({ path: `${SHOTS}/overview-phone.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });

  it('searches without diacritics, opens a report, exports CSV and XLSX and reads them back, switches language', async () => {
    const page = await signedInPage({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByLabel('Từ khóa', { exact: false }).fill('bao dong');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/\/reports\?q=bao\+dong/);
    const results = page.locator('ol.results li');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('BÁO ĐỘNG');
    expect(await results.first().textContent()).toContain('<b>khoa cấp cứu</b>'); // hostile markup shows as text
    await page.screenshot({ path: `${SHOTS}/search.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    const csv = readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').trim().split('\r\n')).toHaveLength(2);
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'XLSX' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsxDownload.path()) as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getRow(2).getCell(12).value)).toContain('BÁO ĐỘNG');
    await results.first().getByRole('link').first().click();
    await page.waitForURL(/\/reports\/\d+$/);
    expect(await page.locator('blockquote.text').first().textContent()).toContain('quá tải');
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    expect(await page.getByRole('link', { name: 'Back to the search' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.context().close();
  });

  it('acknowledges an alert; the leader\u2019s Telegram card is edited at the fake Bot API', async () => {
    const page = await signedInPage({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Cảnh báo' }).first().click();
    await page.getByRole('link', { name: `#${alertId}` }).click();
    await page.screenshot({ path: `${SHOTS}/alert.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.waitForURL(/notice=alert_ack/);
    expect(await page.getByRole('status').textContent()).toContain('Đã tiếp nhận');
    const chat = Number(h.org.hospitalLeader.telegramUserId);
    await eventually(() => h.fake.callsOf('editMessageText', chat).some((c) => String(c.payload.text).includes('Lãnh đạo Y tế')), 15_000);
    for (const path of ['/groups', '/units', '/invites']) {
      await page.goto(`${base}${path}`);
      expect(await axe(page), path).toEqual([]);
    }
    await page.screenshot({ path: `${SHOTS}/invites.png`, fullPage: true });
    await page.context().close();
  });

  it('shows admins the queue monitor, under the same CSP', async () => {
    const page = await signedInPage({ width: 1280, height: 900 }, h.org.admin);
    await page.getByRole('link', { name: 'Quản trị' }).click();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: 'Theo dõi hàng đợi' }).click();
    await page.waitForURL(/\/admin\/queues/);
    await page.getByText('delivery', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/queues.png` });
    await page.context().close();
  });

  it('trips no Content Security Policy on any page (the queue monitor: only its third-party font is blocked)', () => {
    expect(cspViolations.filter((v) => !v.includes('/admin/queues'))).toEqual([]);
    for (const v of cspViolations.filter((x) => x.includes('/admin/queues'))) expect(v).toContain('fonts.googleapis.com');
  });
});
