/**
 * What one alert evaluation costs, in SQL statements and CPU: N critical reports from N
 * different branches (each raises its own alert, as in bench/alert-latency.ts), then N reports
 * joining those alerts (the update path), evaluated one at a time on the real repositories
 * (PostgreSQL, the Redis backend's queues). Counts statements at the pg driver (Prisma's and
 * the raw SQL alike) and this process's CPU per evaluation. Prints figures; asserts nothing.
 *   npx tsx bench/alert-raise-cost.ts [N=40]
 */
import pg from 'pg';
import { evaluateReport } from '../src/app/alerts/index.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness } from '../test/integration/alerts/harness.js';
import { seedMember } from '../test/integration/delivery/harness.js';

const n = Number(process.argv[2] ?? 40);
const counts = new Map<string, number>();
let statements = 0;
const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  const first = args[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? '');
  const key = text.replace(/\s+/g, ' ').slice(0, 90);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.apply(this, args);
} as typeof pg.Client.prototype.query;

const h = await openAlertsHarness();
await disableQuietHours(h);
const branches: { unit: { id: number }; collaborator: { id: number } }[] = [];
for (let i = 0; i < n; i++) {
  const unit = await h.repos.units.create({ name: `Chi bộ ${i}`, parentId: h.org.committee.id });
  await seedMember(h.repos, unit.id, 'leader', `Leader ${i}`);
  branches.push({ unit, collaborator: await seedMember(h.repos, unit.id, 'collaborator', `C ${i}`) });
}
const group = await newIssueGroup(h);

async function measure(label: string, make: (i: number) => Promise<number>) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await make(i));
  counts.clear();
  statements = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcomes = new Map<string, number>();
  for (const id of ids) {
    const o = await evaluateReport(h.deps, id);
    outcomes.set(o.type, (outcomes.get(o.type) ?? 0) + 1);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label}: ${n} evaluations (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}); per evaluation ${(statements / n).toFixed(1)} statements, ${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms CPU here, ${(wall / n).toFixed(1)} ms wall`);
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 12))) console.log(`   ${(v / n).toFixed(2)}×  ${k}`);
}

await measure('raise (a critical report in a branch with no alert for the group)', async (i) =>
  (await analysedReport(h, { memberId: branches[i]!.collaborator.id, unitId: branches[i]!.unit.id, level: 'critical', issueGroupId: group })).id);
await measure('update (a second critical report in the same branch)', async (i) =>
  (await analysedReport(h, { memberId: branches[i]!.collaborator.id, unitId: branches[i]!.unit.id, level: 'critical', issueGroupId: group })).id);
await h.close();
