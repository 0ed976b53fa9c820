/**
 * End-to-end analysis throughput of ONE worker process on PostgreSQL, queues on BENCH_BACKEND
 * (redis, default, or postgres): reports are
 * stored (status received), their analyze jobs added, and one BullMQ worker analyses them
 * (NLP, grouping, one transaction of writes each). Prints reports/s; asserts nothing.
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/analysis-e2e.ts [reports=3000] [concurrency=16]
 */
import { createModelStore } from '../src/db/stores/model-store.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAnalysisContextProvider } from '../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../src/app/analysis/topic-models.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { silentLogger } from '../src/logger.js';
import { analysisDepsFrom, createAnalysisWorker } from '../src/queue/analysis-worker.js';
import { ANALYZE_JOB_OPTIONS, type AnalyzeJob } from '../src/queue/jobs/analyze.js';
import { QUEUES } from '../src/queue/names.js';
import { BENCH_BACKEND, benchBackend, benchDatabase, performance } from './support.js';

const N = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const UNITS = 30;

const texts = ['dev.jsonl', 'topics-train.jsonl'].flatMap((f) =>
  readFileSync(resolve(import.meta.dirname, '../corpus', f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; mood?: string }),
);

const db = await benchDatabase(CONCURRENCY + 4);
const backend = await benchBackend(BENCH_BACKEND, db);
const queues = backend.queues;
try {
  const repos = createRepositories(db);
  const root = await repos.units.create({ name: 'Bench root' });
  const units = await Promise.all(Array.from({ length: UNITS }, (_, i) => repos.units.create({ name: `Unit ${i}`, parentId: root.id })));
  const members = await Promise.all(
    units.map((u, i) => repos.members.create({ telegramUserId: BigInt(50_000 + i), displayName: `m${i}`, role: 'collaborator', unitId: u.id })),
  );
  const now = Date.now();
  const rows = Array.from({ length: N }, (_, i) => {
    const t = texts[(i * 7919) % texts.length] as { text: string; mood?: string };
    const k = i % UNITS;
    // every text appears several times from different units, with small edits: realistic grouping work
    return { content: i % 3 === 0 ? t.text : `${t.text} (${['theo bà con', 'nhiều người nói', 'phản ánh thêm'][i % 3]})`, unit: (units[k] as { id: number }).id, member: (members[k] as { id: number }).id, at: new Date(now - (N - i) * 1000) };
  });
  await db.sql.query(
    `INSERT INTO "Report" (reference, "memberId", "unitId", content, source, "createdAt")
     SELECT 'B-' || n, m, u, c, 'conversation', t FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS x(m, u, c, t, n)`,
    [rows.map((r) => r.member), rows.map((r) => r.unit), rows.map((r) => r.content), rows.map((r) => r.at)],
  );
  const ids = (await db.sql.query<{ id: number }>(`SELECT id FROM "Report" ORDER BY id`)).map((r) => r.id);
  const clock = () => new Date();
  const context = createAnalysisContextProvider({ repos, clock, models: createTopicModelCache(createModelStore(db.prisma)) });
  await context.get(); // train and store the model before timing
  const queue = queues.queue<AnalyzeJob>(QUEUES.analysis);
  await queue.addBulk(ids.map((id) => ({ name: 'analyze', data: { reportId: id }, opts: { ...ANALYZE_JOB_OPTIONS, jobId: `analyze-${id}` } })));
  let done = 0;
  let failed = 0;
  const start = performance.now();
  const finished = new Promise<void>((resolveAll) => {
    const worker = createAnalysisWorker(queues, analysisDepsFrom({ sql: db.sql, context, alertsQueue: null, clock, logger: silentLogger() }), CONCURRENCY);
    const tick = () => {
      if (done + failed === ids.length) void worker.close().then(() => resolveAll());
    };
    worker.on('completed', () => {
      done += 1;
      tick();
    });
    worker.on('failed', () => {
      failed += 1;
      tick();
    });
  });
  await finished;
  const seconds = (performance.now() - start) / 1000;
  const groups = await db.prisma.issueGroup.count({ where: { reportCount: { gt: 0 } } });
  console.log(`analysis e2e (1 worker process, concurrency ${CONCURRENCY}, PostgreSQL, queues on ${BENCH_BACKEND}): ${N} reports in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} reports/s; failed ${failed}; ${groups} issue groups`);
  await queue.obliterate({ force: true });
  await queue.close();
} finally {
  await backend.destroy();
  await db.destroy();
}
// Connections the queue factory duplicated for the worker are not owned (so not closed) by BullMQ.
process.exit(0);
