/**
 * A survey sent through the real delivery path (planning, cohorts released by the ticker, the
 * delivery worker and the shared limiter) to a fake Bot API that ENFORCES Telegram's limits,
 * while alerts arrive every 2 s. Prints the survey messages' rate against the configured pace
 * (`surveyPerSecond`), the 429s, and how long each alert took from enqueue to Telegram.
 * Targets: ≥ 0.9 × the configured pace, zero 429s, alerts within 1 s.
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/survey-delivery.ts [recipients=600] [perSecond=20]
 */
import { Api } from 'grammy';
import { createI18n, translator } from '../src/bot/i18n.js';
import { createSurvey } from '../src/app/surveys/create.js';
import { openSurvey, tickSurveys, type LifecycleDeps } from '../src/app/surveys/lifecycle.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createSurveyStore } from '../src/db/stores/survey-store.js';
import { createDeliveryService } from '../src/delivery/service.js';
import { FakeBotApi, TELEGRAM_LIMITS } from '../src/fake-telegram/index.js';
import { silentLogger } from '../src/logger.js';
import { createDeliveryWorker } from '../src/queue/delivery-worker.js';
import { QUEUES } from '../src/queue/names.js';
import { buildSurveyInput } from '../test/support/surveys.js';
import { BENCH_BACKEND, benchBackend, benchDatabase, fmt, percentile } from './support.js';

const N = Number(process.argv[2] ?? 600);
const PACE = Number(process.argv[3] ?? 20);

const db = await benchDatabase(20);
const backend = await benchBackend(BENCH_BACKEND, db);
const queue = backend.queues.queue(QUEUES.delivery);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
try {
  const repos = createRepositories(db);
  const root = await repos.units.create({ name: 'Bench root' });
  await db.sql.query(
    `INSERT INTO "Member" ("telegramUserId", "chatId", "displayName", role, "unitId") SELECT 20000000 + g, 20000000 + g, 'm' || g, 'collaborator', $1 FROM generate_series(1, $2) g`,
    [root.id, N],
  );
  const leader = await repos.members.create({ telegramUserId: 1n, displayName: 'leader', role: 'leader', unitId: root.id });
  await repos.settings.set(null, 'surveyPerSecond', PACE);
  const clock = () => new Date();
  const port = createDeliveryService({ deliveries: repos.deliveries, queue, clock });
  const fake = new FakeBotApi({ limits: TELEGRAM_LIMITS });
  const t = translator(createI18n());
  const workers = Array.from({ length: 2 }, () =>
    createDeliveryWorker({ api: new Api('1:bench', { fetch: fake.fetch }), repos, queues: backend.queues, limiterStore: backend.limiterStore(), port, t, clock, logger: silentLogger(), concurrency: 16 }),
  );
  const deps: LifecycleDeps = { surveys: createSurveyStore(db.prisma, db.sql), queue: port, delivery: port, t, clock, units: repos.units, settings: repos.settings };
  const r = await createSurvey(deps, { id: leader.id, role: 'leader', unitId: root.id }, buildSurveyInput(new Date(), { audience: { roles: ['collaborator'] } }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  await openSurvey(deps, r.value);
  const ticker = setInterval(() => void tickSurveys(deps), 30_000);
  const alertLatencies: number[] = [];
  let alerts = 0;
  const isSurvey = (c: { method: string; payload: Record<string, unknown>; ok: boolean }) => c.ok && c.method === 'sendMessage' && String(c.payload.text).includes('Khảo sát');
  while (fake.calls.filter(isSurvey).length < N) {
    const key = `bench-alert-${alerts++}`;
    const t0 = Date.now();
    await port.enqueue({ idempotencyKey: key, memberId: leader.id, chatId: BigInt(30_000_000 + alerts), kind: 'alert', lane: 'alert', method: 'sendMessage', payload: { text: `ALERT ${key}` } });
    const sent = await fake.waitFor((c) => c.ok && c.payload.text === `ALERT ${key}`, 30_000);
    alertLatencies.push(sent.at - t0);
    await sleep(2000);
  }
  clearInterval(ticker);
  const sends = fake.calls.filter(isSurvey);
  const rate = (N - 1) / ((sends.at(-1)!.at - sends[0]!.at) / 1000);
  const tooMany = fake.calls.filter((c) => c.errorCode === 429).length;
  console.log(`survey delivery: ${N} invitations at surveyPerSecond=${PACE} (${BENCH_BACKEND}), 2 delivery workers, alerts every 2 s`);
  console.log(`  survey messages ${fmt(rate)} msg/s = ${(rate / PACE).toFixed(2)} × the configured pace; 429s: ${tooMany}`);
  console.log(`  alerts (${alertLatencies.length}) enqueue → Telegram: p50 ${fmt(percentile(alertLatencies, 50))} ms, max ${fmt(Math.max(...alertLatencies))} ms`);
  await Promise.all(workers.map((w) => w.close()));
} finally {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await backend.destroy();
  await db.destroy();
}
