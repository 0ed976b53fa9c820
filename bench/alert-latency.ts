/**
 * Submit → first alert message at the (fake) Telegram API, through the REAL pipeline in one
 * process: report stored + analysis job enqueued ("submit"), the analysis worker (NLP,
 * grouping, urgency), the alerts worker (evaluate, recipients, card), the delivery worker
 * (Delivery rows, shared limiter, grammY Api) and a fake Bot API that enforces Telegram's
 * limits. Reports come at a fixed rate from collaborators of 100 branches (one leader each),
 * with texts from the labelled corpus that are marked urgent, sensitive topic, angry, online.
 * As in production, the analysis and alerts workers run in their own processes (children of
 * this one, on the same schema and queue prefix); the delivery worker runs here beside the
 * fake API. The alerts and delivery workers are warmed up before the first report, as their
 * start functions do (app/alerts/warm-up.ts, delivery/warm-up.ts).
 * Prints p50/p99 of submit → first card for reports that raised an alert, and of submit →
 * first edit showing the report for reports that updated one, and per-stage figures.
 * Asserts nothing. Queues and shared state on BENCH_BACKEND (redis, default, or postgres).
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/alert-latency.ts [reportsPerSecond=20] [seconds=60]
 */
import { createModelStore } from '../src/db/stores/model-store.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase } from '../src/db/client.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Api } from 'grammy';
import { alertDeliveryObserver } from '../src/app/alerts/observer.js';
import { warmUpAlerts } from '../src/app/alerts/warm-up.js';
import { createAnalysisContextProvider } from '../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../src/app/analysis/topic-models.js';
import { createI18n, translator } from '../src/bot/i18n.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createDeliveryService } from '../src/delivery/service.js';
import { warmUpDelivery } from '../src/delivery/warm-up.js';
import { DEFAULT_TOPICS } from '../src/domain/taxonomy.js';
import { FakeBotApi, TELEGRAM_LIMITS } from '../src/fake-telegram/index.js';
import { silentLogger } from '../src/logger.js';
import { createAlertsWorker } from '../src/queue/alerts-worker.js';
import { alertsDepsFrom } from '../src/compose/alerts.js';
import { analysisDepsFrom, createAnalysisWorker } from '../src/queue/analysis-worker.js';
import { createDeliveryWorker } from '../src/queue/delivery-worker.js';
import { enqueueAnalysis, type AnalyzeJob } from '../src/queue/jobs/analyze.js';
import { QUEUES } from '../src/queue/names.js';
import { BENCH_BACKEND, benchBackend, benchDatabase, fmt, percentile, performance } from './support.js';

// Database pools: on PostgreSQL the queues open connections of their own too (~10 a process), so the
// three processes keep to ~55 in all, leaving room on a shared server (max_connections 100).
const POOLS = BENCH_BACKEND === 'postgres' ? { parent: 10, child: 8 } : { parent: 30, child: 20 };

if (process.argv[2] === '--analysis-child') await runChild('analysis', process.argv[3]!, process.argv[4]!);
if (process.argv[2] === '--alerts-child') await runChild('alerts', process.argv[3]!, process.argv[4]!);

const RATE = Number(process.argv[2] ?? 20);
const SECONDS = Number(process.argv[3] ?? 60);
const BRANCHES = 100;

const urgent = ['dev.jsonl', 'topics-train.jsonl'].flatMap((f) =>
  readFileSync(resolve(import.meta.dirname, '../corpus', f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; urgent?: boolean; topic?: string })
    .filter((x) => x.urgent),
);

const db = await benchDatabase(POOLS.parent);
const backend = await benchBackend(BENCH_BACKEND, db);
const queues = backend.queues;
const analysisQueue = queues.queue<AnalyzeJob>(QUEUES.analysis);
const alertsQueue = queues.queue(QUEUES.alerts);
const deliveryQueue = queues.queue(QUEUES.delivery);
try {
  const repos = createRepositories(db);
  for (const [i, tpc] of DEFAULT_TOPICS.entries()) await repos.topics.upsert({ ...tpc, keywords: [...tpc.keywords], sortOrder: i });
  await repos.settings.set(null, 'quietStart', '00:00'); // no quiet hours: measure the pipeline, not the night
  await repos.settings.set(null, 'quietEnd', '00:00');
  const root = await repos.units.create({ name: 'Bloc' });
  const committees = await Promise.all(Array.from({ length: 10 }, (_, i) => repos.units.create({ name: `Committee ${i}`, parentId: root.id })));
  const branches = [];
  for (let i = 0; i < BRANCHES; i++) branches.push(await repos.units.create({ name: `Branch ${i}`, parentId: committees[i % 10]!.id }));
  const collaborators = [];
  for (const [i, b] of branches.entries()) {
    await repos.members.create({ telegramUserId: BigInt(60_000 + i), displayName: `Leader ${i}`, role: 'leader', unitId: b.id, language: 'vi' });
    collaborators.push(await repos.members.create({ telegramUserId: BigInt(70_000 + i), displayName: `Collab ${i}`, role: 'collaborator', unitId: b.id }));
  }
  const clock = () => new Date();
  const logger = silentLogger();
  const fake = new FakeBotApi({ limits: TELEGRAM_LIMITS });
  const t = translator(createI18n());
  const port = createDeliveryService({ deliveries: repos.deliveries, queue: deliveryQueue, clock });
  const children = [await startChild('analysis', db.url!, queues.prefix), await startChild('alerts', db.url!, queues.prefix)];
  await warmUpDelivery(repos.deliveries); // as startDeliveryWorker does
  const workers = [
    createDeliveryWorker({ api: new Api('1:bench', { fetch: fake.fetch }), repos, queues, limiterStore: backend.limiterStore(), port, t, clock, logger, concurrency: 16, observers: [alertDeliveryObserver(alertsDepsFrom({ repos, alertsQueue, deliveryQueue, cardEditGate: backend.cardEditGate(), t, clock, logger }))] }),
  ];

  const evalWait: number[] = [];
  const evalRun: number[] = [];
  /** reportId → when its evaluate job started (epoch ms), for the raisers' breakdown. */
  const evalStarted = new Map<number, number>();
  const alertsEvents = queues.events(QUEUES.alerts);
  alertsEvents.on('completed', ({ jobId }) => {
    void alertsQueue.getJob(jobId).then((job) => {
      if (!job || job.name !== 'evaluate' || !job.processedOn || !job.finishedOn) return;
      evalWait.push(job.processedOn - job.timestamp);
      evalRun.push(job.finishedOn - job.processedOn);
      evalStarted.set((job.data as { reportId: number }).reportId, job.processedOn);
    });
  });
  const submittedAt = new Map<string, number>();
  const firstCard = new Map<string, number>();
  const firstEdit = new Map<string, number>();
  fake.onCall((c) => {
    if (!c.ok || typeof c.payload.text !== 'string') return;
    const target = c.method === 'sendMessage' ? firstCard : c.method === 'editMessageText' ? firstEdit : null;
    if (!target) return;
    const now = performance.now();
    for (const ref of c.payload.text.match(/R-\d{4}-\d{6}/g) ?? []) if (!target.has(ref)) target.set(ref, now);
  });

  const total = RATE * SECONDS;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const k = (i * 37) % BRANCHES;
    const sample = urgent[(i * 7) % urgent.length]!;
    pending.push(
      (async () => {
        const start = performance.now();
        const { report } = await repos.reports.create(
          { memberId: collaborators[k]!.id, unitId: branches[k]!.id, chosenTopic: 'security_defense', content: `${sample.text} (${i})`, proposal: null, mood: 'angry', spread: 'online', source: 'conversation' },
          new Date(),
        );
        await enqueueAnalysis(analysisQueue, report.id);
        submittedAt.set(report.reference, start);
      })(),
    );
  }
  await Promise.all(pending);
  const submitSeconds = (performance.now() - t0) / 1000;
  // let the tail drain (bounded)
  const drainEnd = performance.now() + 30_000;
  let last = -1;
  while (performance.now() < drainEnd) {
    await new Promise((r) => setTimeout(r, 1000));
    const c = await analysisQueue.getJobCounts('waiting', 'active', 'delayed');
    const d = await deliveryQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const busy = Object.values(c).reduce((a, b) => a + b, 0) + Object.values(d).reduce((a, b) => a + b, 0);
    if (busy === 0 && fake.calls.length === last) break;
    last = fake.calls.length;
  }
  const raisers = new Set((await db.prisma.alert.findMany({ select: { report: { select: { reference: true } } } })).map((a) => a.report.reference));
  const raised: number[] = [];
  const updated: number[] = [];
  let missing = 0;
  for (const [ref, at] of submittedAt) {
    const seen = raisers.has(ref) ? firstCard.get(ref) : firstEdit.get(ref) ?? firstCard.get(ref);
    if (seen === undefined) {
      if (raisers.has(ref)) missing += 1;
      continue;
    }
    (raisers.has(ref) ? raised : updated).push(seen - at);
  }
  const alerts = await db.prisma.alert.count();
  const levels = await db.prisma.report.groupBy({ by: ['urgencyLevel'], _count: true });
  console.log(
    `alert latency, real pipeline (processes: analysis ×16, alerts ×16, and this one: delivery ×16 + fake API; PostgreSQL, queues on ${BENCH_BACKEND}; fake API enforcing Telegram limits): ` +
      `${total} reports at ${RATE}/s for ${SECONDS} s (submitted in ${submitSeconds.toFixed(1)} s); levels ${levels.map((l) => `${l.urgencyLevel}=${l._count}`).join(' ')}; ${alerts} alerts`,
  );
  console.log(`  submit → first alert card (reports that raised an alert): p50 ${fmt(percentile(raised, 50))} ms   p99 ${fmt(percentile(raised, 99))} ms   max ${fmt(Math.max(...raised))} ms   (${raised.length} alerts; ${missing} raised but not delivered in time)`);
  if (updated.length) console.log(`  submit → first message showing the report (reports that joined an alert): p50 ${fmt(percentile(updated, 50))} ms   p99 ${fmt(percentile(updated, 99))} ms   (${updated.length} reports)`);
  const stage = async (label: string, sql: string) => {
    const rows = await db.sql.query<{ ms: number }>(sql);
    const v = rows.map((r) => Number(r.ms));
    console.log(`  stage ${label.padEnd(44)} p50 ${fmt(percentile(v, 50))} ms   p99 ${fmt(percentile(v, 99))} ms   (${v.length})`);
  };
  await stage('stored → analysed', `SELECT EXTRACT(EPOCH FROM ("analysedAt" - "createdAt")) * 1000 AS ms FROM "Report" WHERE "analysedAt" IS NOT NULL`);
  await stage('stored → alert raised', `SELECT EXTRACT(EPOCH FROM (a."createdAt" - r."createdAt")) * 1000 AS ms FROM "Alert" a JOIN "Report" r ON r.id = a."reportId"`);
  await stage('card recorded → sent', `SELECT EXTRACT(EPOCH FROM ("sentAt" - "createdAt")) * 1000 AS ms FROM "Delivery" WHERE kind = 'alert' AND "sentAt" IS NOT NULL`);
  await stage('edit recorded → sent', `SELECT EXTRACT(EPOCH FROM ("sentAt" - "createdAt")) * 1000 AS ms FROM "Delivery" WHERE kind = 'alert_edit' AND "sentAt" IS NOT NULL`);
  console.log(`  stage ${'evaluate job: queued → started'.padEnd(44)} p50 ${fmt(percentile(evalWait, 50))} ms   p99 ${fmt(percentile(evalWait, 99))} ms`);
  console.log(`  stage ${'evaluate job: started → finished'.padEnd(44)} p50 ${fmt(percentile(evalRun, 50))} ms   p99 ${fmt(percentile(evalRun, 99))} ms`);
  await raisersBreakdown();
  const edits = await db.sql.query<{ status: string; superseded: boolean; n: string }>(
    `SELECT status, COALESCE("lastError" LIKE 'superseded%', false) AS superseded, count(*) AS n FROM "Delivery" WHERE kind = 'alert_edit' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  console.log(`  card edits recorded: ${edits.map((e) => `${e.superseded ? 'superseded' : e.status} ${e.n}`).join(', ')} (reports that joined an alert: ${submittedAt.size - alerts})`);
  console.log(`  429s ${fake.calls.filter((c) => c.errorCode === 429).length}, retry_after violations ${fake.retryAfterViolations}`);
  await Promise.all(workers.map((w) => w.close()));
  await alertsEvents.close();

  /**
   * Where a raiser's time goes, per step (epoch ms on one machine): stored → analysed →
   * evaluate started → alert raised → card recorded → delivery job started → at the fake API;
   * and when in the run the alerts were raised (the burst).
   */
  async function raisersBreakdown(): Promise<void> {
    type Row = { reportId: number; reference: string; stored: string; analysed: string; raised: string; recorded: string; deliveryId: number };
    const ms = (col: string) => `EXTRACT(EPOCH FROM ${col} AT TIME ZONE 'UTC') * 1000`;
    const rows = await db.sql.query<Row>(
      `SELECT r.id AS "reportId", r.reference, ${ms('r."createdAt"')} AS stored, ${ms('r."analysedAt"')} AS analysed, ${ms('a."createdAt"')} AS raised, ${ms('d."createdAt"')} AS recorded, d.id AS "deliveryId"
       FROM "Alert" a JOIN "Report" r ON r.id = a."reportId"
       JOIN "Delivery" d ON d."idempotencyKey" = 'alert-' || a.id || '-m-' || (SELECT m."memberId" FROM "AlertRecipient" m WHERE m."alertId" = a.id ORDER BY m.id LIMIT 1)`,
    );
    const steps: Record<string, number[]> = { 'analysed → evaluate started': [], 'evaluate started → alert raised': [], 'alert raised → card recorded': [], 'card recorded → delivery job started': [], 'delivery job started → at the API': [] };
    const raisedAt: number[] = [];
    const timelines: { stored: number; marks: (number | undefined)[] }[] = [];
    const epoch = (p: number) => performance.timeOrigin + p;
    for (const raw of rows) {
      const r = { ...raw, stored: Number(raw.stored), analysed: Number(raw.analysed), raised: Number(raw.raised), recorded: Number(raw.recorded) };
      const started = evalStarted.get(Number(r.reportId));
      const job = await deliveryQueue.getJob(`delivery-${r.deliveryId}`);
      const api = firstCard.get(r.reference);
      if (started) steps['analysed → evaluate started']!.push(started - r.analysed);
      if (started) steps['evaluate started → alert raised']!.push(r.raised - started);
      steps['alert raised → card recorded']!.push(r.recorded - r.raised);
      if (job?.processedOn) steps['card recorded → delivery job started']!.push(job.processedOn - r.recorded);
      if (job?.processedOn && api !== undefined) steps['delivery job started → at the API']!.push(epoch(api) - job.processedOn);
      raisedAt.push((r.raised - epoch(t0)) / 1000);
      timelines.push({ stored: r.stored, marks: [r.analysed, started, r.raised, r.recorded, job?.processedOn, api === undefined ? undefined : epoch(api)] });
    }
    for (const [label, v] of Object.entries(steps)) console.log(`  raisers ${label.padEnd(42)} p50 ${fmt(percentile(v, 50))} ms   p99 ${fmt(percentile(v, 99))} ms   max ${fmt(Math.max(...v))} ms   (${v.length})`);
    raisedAt.sort((a, b) => a - b);
    console.log(`  alerts raised at (s into the run): ${raisedAt.map((x) => x.toFixed(1)).join(' ')}`);
    // the first raisers (cold processes) and the slowest ones, step by step
    const line = (t: (typeof timelines)[number]) =>
      `stored at ${((t.stored - epoch(t0)) / 1000).toFixed(2)} s, then +ms: ${t.marks.map((m, i) => (m === undefined ? '?' : Math.round(m - (i === 0 ? t.stored : (t.marks[i - 1] ?? m))))).join(' / ')}`;
    timelines.sort((a, b) => a.stored - b.stored);
    console.log('  raisers step by step (analysed / evaluate started / raised / card recorded / delivery job started / at the API):');
    for (const t of timelines.slice(0, 4)) console.log(`    first:   ${line(t)}`);
    const total = (t: (typeof timelines)[number]) => (t.marks.at(-1) ?? Infinity) - t.stored;
    for (const t of [...timelines].sort((a, b) => total(b) - total(a)).slice(0, 4)) console.log(`    slowest: ${line(t)}`);
  }
  for (const child of children) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
} finally {
  for (const q of [analysisQueue, alertsQueue, deliveryQueue]) {
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }
  await backend.destroy();
  await db.destroy();
}

// BullMQ does not close connections it was given (the factory's duplicates): exit explicitly.
process.exit(0);

/** Spawns a worker process (analysis or alerts) and waits until it takes jobs. */
async function startChild(kind: 'analysis' | 'alerts', url: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, `--${kind}-child`, url, prefix], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (b: Buffer) => (b.toString().includes('ready') ? ok() : undefined));
    child.once('exit', (code) => fail(new Error(`${kind} child exited with ${code}`)));
  });
  return child;
}

/** A child: one analysis or alerts worker on the parent's schema and queue prefix, until SIGTERM. */
async function runChild(kind: 'analysis' | 'alerts', url: string, prefix: string): Promise<never> {
  const db = await openDatabase({ url, poolSize: POOLS.child });
  const backend = await benchBackend(BENCH_BACKEND, db, prefix);
  const queues = backend.queues;
  const repos = createRepositories(db);
  const clock = () => new Date();
  const logger = silentLogger();
  const alertsQueue = queues.queue(QUEUES.alerts);
  const deliveryQueue = queues.queue(QUEUES.delivery);
  let worker;
  if (kind === 'analysis') {
    const context = createAnalysisContextProvider({ repos, clock, models: createTopicModelCache(createModelStore(db.prisma)) });
    await context.get();
    worker = createAnalysisWorker(queues, analysisDepsFrom({ sql: db.sql, context, alertsQueue, clock, logger }), 16);
  } else {
    const deps = alertsDepsFrom({ repos, alertsQueue, deliveryQueue, cardEditGate: backend.cardEditGate(), t: translator(createI18n()), clock, logger });
    await warmUpAlerts(deps); // as startAlertsWorker does
    worker = createAlertsWorker({ ...deps, queues, concurrency: 16 });
  }
  process.stdout.write('ready\n');
  // stop on SIGTERM, or when the parent goes away (its end of our stdin closes)
  process.stdin.resume();
  await new Promise((r) => {
    process.once('SIGTERM', r);
    process.stdin.once('end', r);
  });
  await worker.close();
  await Promise.all([alertsQueue.close(), deliveryQueue.close()]);
  await backend.close();
  await db.close();
  process.exit(0);
}
