/**
 * Planning a survey to 50,000 recipients: the recipient rows and delivery rows written in bulk
 * (two INSERT … SELECT in one transaction), and the delivery jobs of the first cohorts queued
 * (BullMQ addBulk, delayed per cohort; the ticker releases later cohorts as their time comes). Prints the median of the runs for the whole opening,
 * the database part and the queue part. Target: ≤ 5 s for 50,000.
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/survey-plan.ts [recipients=50000] [runs=3]
 */
import { createI18n, translator } from '../src/bot/i18n.js';
import { createSurvey } from '../src/app/surveys/create.js';
import { openSurvey, type LifecycleDeps } from '../src/app/surveys/lifecycle.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createSurveyStore } from '../src/db/stores/survey-store.js';
import { createDeliveryService } from '../src/delivery/service.js';
import { QUEUES } from '../src/queue/names.js';
import { buildSurveyInput } from '../test/support/surveys.js';
import { BENCH_BACKEND, benchBackend, benchDatabase, fmt, percentile, performance } from './support.js';

const N = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 3);

const db = await benchDatabase(10);
const backend = await benchBackend(BENCH_BACKEND, db);
const queue = backend.queues.queue(QUEUES.delivery);
try {
  const repos = createRepositories(db);
  const root = await repos.units.create({ name: 'Bench root' });
  const units = [];
  for (let i = 0; i < 50; i++) units.push(await repos.units.create({ name: `Bench unit ${i}`, parentId: root.id }));
  await db.sql.query(
    `INSERT INTO "Member" ("telegramUserId", "chatId", "displayName", role, "unitId", language)
     SELECT 10000000 + g, 10000000 + g, 'member ' || g, 'collaborator', ($1::int[])[1 + g % 50], CASE WHEN g % 5 = 0 THEN 'en' ELSE NULL END
     FROM generate_series(1, $2) g`,
    [units.map((u) => u.id), N],
  );
  const leader = await repos.members.create({ telegramUserId: 1n, displayName: 'leader', role: 'leader', unitId: root.id });
  const clock = () => new Date();
  const service = createDeliveryService({ deliveries: repos.deliveries, queue, clock });
  let queueMs = 0;
  const timedQueue = {
    async queueRecorded(items: Parameters<typeof service.queueRecorded>[0], lane: Parameters<typeof service.queueRecorded>[1]) {
      const t = performance.now();
      await service.queueRecorded(items, lane);
      queueMs = performance.now() - t;
    },
  };
  const deps: LifecycleDeps = { surveys: createSurveyStore(db.prisma, db.sql), queue: timedQueue, delivery: service, t: translator(createI18n()), clock, units: repos.units, settings: repos.settings };
  const total: number[] = [];
  const queued: number[] = [];
  let cohorts = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = await createSurvey(deps, { id: leader.id, role: 'leader', unitId: root.id }, buildSurveyInput(new Date(), { audience: { roles: ['collaborator'] } }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const t = performance.now();
    const plan = await openSurvey(deps, r.value);
    total.push(performance.now() - t);
    queued.push(queueMs);
    cohorts = plan!.cohorts;
    if (plan!.deliveries.length !== N) throw new Error(`planned ${plan!.deliveries.length} deliveries, expected ${N}`);
    await queue.obliterate({ force: true });
  }
  const median = (xs: number[]) => percentile(xs, 50);
  console.log(`survey planning, ${N} recipients in ${cohorts} cohorts (${BENCH_BACKEND} queues), ${RUNS} runs`);
  console.log(`  whole opening  median ${fmt(median(total))} ms  (runs: ${total.map(fmt).join(', ')})`);
  console.log(`  database rows  median ${fmt(median(total.map((x, i) => x - queued[i]!)))} ms  (recipients + deliveries, one transaction)`);
  console.log(`  queue jobs     median ${fmt(median(queued))} ms  (the cohorts due within 45 s: addBulk, delayed per cohort)`);
  console.log(`  target ≤ 5000 ms: ${median(total) <= 5000 ? 'met' : 'NOT met'}`);
} finally {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await backend.destroy();
  await db.destroy();
}
