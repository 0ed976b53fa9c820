/**
 * Dashboard figures on PostgreSQL with 1,000,000 reports over 1,000 units and one year
 * (bench/dashboard-data.ts builds them once): the overview page for the root (an admin, and a
 * leader of the root unit) and for a 25-unit committee; the search page (text + two filters,
 * first page); a CSV and an XLSX export with the process' peak resident memory. Pages go through
 * the whole web stack in process (session, scope, SQL, charts, templates) with `app.inject`;
 * exports over a real socket, read as a browser would. Prints figures; asserts nothing.
 *
 *   npx tsx bench/dashboard.ts [runs=40] [--xlsx-rows 1000000] [--only overview|search|export]
 */
import { randomBytes } from 'node:crypto';
import { issueLoginToken } from '../src/app/dashboard/login.js';
import { parseConfig } from '../src/config.js';
import type { Member } from '../src/domain/types.js';
import { FakeBotApi } from '../src/fake-telegram/index.js';
import { silentLogger } from '../src/logger.js';
import { createRuntime } from '../src/compose/runtime.js';
import { createServer } from '../src/web/create-server.js';
import { dashboardRoutes, webDashboardDepsFromRuntime } from '../src/compose/web.js';
import { WebClient } from '../test/web/harness.js';
import { TEST_REDIS_URL } from '../test/support/db.js';
import { BENCH_URL, openBenchData } from './dashboard-data.js';
import { fmt, percentile, performance } from './support.js';

const runs = Number(process.argv[2] ?? 40);
const xlsxRowsArg = process.argv.indexOf('--xlsx-rows');
const xlsxRows = xlsxRowsArg > 0 ? Number(process.argv[xlsxRowsArg + 1]) : 1_000_000;
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const part = (name: string) => only === null || only === name;

const data = await openBenchData(1_000_000, false, (s) => console.log(`  data: ${s}`));
await data.close();
const parsed = parseConfig({ DATABASE_URL: BENCH_URL, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://bench.local' });
if (!parsed.ok) throw new Error(parsed.problems.join('; '));
const rt = await createRuntime(parsed.config, { queuePrefix: `bench-web-${randomBytes(3).toString('hex')}`, fakeTelegram: new FakeBotApi(), logger: silentLogger() });
const web = await webDashboardDepsFromRuntime(rt);
const app = await createServer({ logger: silentLogger(), checks: [], plugins: [dashboardRoutes(web)] });
await app.ready();

async function signIn(m: Member): Promise<WebClient> {
  const issued = await issueLoginToken({ tokens: web.dashboard.tokens, members: web.dashboard.members, audit: web.dashboard.audit, clock: rt.clock }, m);
  if (!issued.ok) throw new Error(issued.error);
  const c = new WebClient(app);
  await c.get(`/login/${issued.value.token}`);
  await c.post('/login', { token: issued.value.token });
  return c;
}

const member = async (sql: string) => (await rt.repos.members.get((await rt.db.sql.query<{ id: number }>(sql))[0]!.id))!;
const admin = await member(`SELECT id FROM "Member" WHERE role = 'admin' LIMIT 1`);
const rootLeader = await member(`SELECT m.id FROM "Member" m JOIN "Unit" u ON u.id = m."unitId" WHERE m.role = 'leader' AND u.depth = 0 LIMIT 1`);
const committeeLeader = await member(`SELECT m.id FROM "Member" m JOIN "Unit" u ON u.id = m."unitId" WHERE m.role = 'leader' AND u.depth = 1 ORDER BY u.id LIMIT 1`);
const [{ size }] = (await rt.db.sql.query<{ size: number }>(`SELECT count(*)::int AS size FROM "UnitClosure" WHERE "ancestorId" = $1`, [committeeLeader.unitId])) as [{ size: number }];
const [{ reports, units }] = (await rt.db.sql.query<{ reports: number; units: number }>(`SELECT (SELECT count(*)::int FROM "Report") AS reports, (SELECT count(*)::int FROM "Unit") AS units`)) as [{ reports: number; units: number }];
console.log(`dashboard bench: ${reports.toLocaleString('en')} reports, ${units} units, committee of ${size} units; ${runs} runs per page after 5 warm-up runs`);

async function page(name: string, c: WebClient, url: string): Promise<void> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i < runs + 5; i += 1) {
    const t = performance.now();
    const res = await c.get(url);
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i === 0) first = ms;
    if (i >= 5) times.push(ms);
  }
  console.log(`${name.padEnd(58)} p50 ${fmt(percentile(times, 50)).padStart(6)} ms   p95 ${fmt(percentile(times, 95)).padStart(6)} ms   max ${fmt(Math.max(...times))} ms   first ${fmt(first)} ms`);
}

const [adminC, rootC, committeeC] = [await signIn(admin), await signIn(rootLeader), await signIn(committeeLeader)];
// the overview keeps closed days once computed (OverviewDay): start with none, so "first" is a cold view
if (part('overview')) await rt.db.sql.query(`DELETE FROM "OverviewDay"`);
if (part('overview')) for (const days of [30, 7, 90]) {
  await page(`overview ${days} days, root (admin, every unit)`, adminC, `/?days=${days}`);
  await page(`overview ${days} days, root (leader of the root unit)`, rootC, `/?days=${days}`);
  await page(`overview ${days} days, committee (${size} units)`, committeeC, `/?days=${days}`);
}
if (part('overview')) {
  await page('overview 365 days, root (admin)', adminC, '/?days=365');
  await page(`overview 365 days, committee (${size} units)`, committeeC, '/?days=365');
}

const searches: [string, string][] = [
  ['"gia xang" + topic + mood, root (admin)', '/reports?q=gia+xang&topic=economy&mood=worried'],
  ['"gia xang" + topic + mood, committee', '/reports?q=gia+xang&topic=economy&mood=worried'],
  ['"nguoi dan" (common) + topic + urgency, root (admin)', '/reports?q=nguoi+dan&topic=health&urgency=high'],
  ['"bệnh viện" (accents) + mood + dates, root (admin)', '/reports?q=b%E1%BB%87nh+vi%E1%BB%87n&mood=angry&from=2026-06-01&to=2026-11-30'],
  ['"luong" + unit + topic, root leader', `/reports?q=luong&unit=${committeeLeader.unitId}&topic=workplace`],
];
if (part('search')) for (const [name, url] of searches) await page(`search ${name}`, name.includes('committee') ? committeeC : name.includes('root leader') ? rootC : adminC, url);

/** Streams an export over a real socket; rows/s and the peak resident memory of this process. */
async function exportRun(kind: 'csv' | 'xlsx', query: string): Promise<void> {
  const base = await app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const res = await fetch(`${base}/reports/export.${kind}?${query}`, { headers: { cookie: [...adminC.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ') } });
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (kind === 'csv') for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) newlines += 1;
  }
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const rows = kind === 'csv' ? newlines - 1 : await countRows(query);
  console.log(
    `export ${kind.toUpperCase()} ${query || '(everything)'}: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s; resident memory ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB (server and client in this process)`,
  );
}

async function countRows(query: string): Promise<number> {
  const m = /from=([\d-]+)/.exec(query);
  const rows = await rt.db.sql.query<{ n: number }>(m ? `SELECT count(*)::int AS n FROM "Report" WHERE "createdAt" >= $1::date` : `SELECT count(*)::int AS n FROM "Report"`, m ? [m[1]] : []);
  return rows[0]!.n;
}

/** A `from=` covering about `rows` of the year's reports (newest first). */
const fromFor = (rows: number) => (rows >= reports ? '' : `from=${new Date(Date.now() - Math.round((rows / reports) * 365) * 86_400_000).toISOString().slice(0, 10)}`);
if (part('export')) {
  // Two sizes: a flat peak means memory does not grow with the rows exported.
  await exportRun('csv', fromFor(100_000));
  await exportRun('csv', '');
  await exportRun('xlsx', fromFor(Math.min(xlsxRows, 100_000)));
  if (xlsxRows > 100_000) await exportRun('xlsx', fromFor(xlsxRows));
}

await app.close();
await web.close();
await rt.shutdown('bench');
process.exit(0);
