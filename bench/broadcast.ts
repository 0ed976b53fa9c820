/**
 * Broadcast through the real delivery path (Delivery rows, BullMQ `delivery` queue, the
 * shared limiter on the backend BENCH_BACKEND names (redis, default, or postgres), grammY's Api) to a fake Bot API that ENFORCES Telegram's limits
 * (answers 429 beyond 30 msg/s overall, ~1/s per chat). Prints the achieved send rate and
 * the number of 429s; asserts nothing. Target: ≥ 0.85 × 30 = 25.5 msg/s with zero 429s.
 * Run: [BENCH_BACKEND=postgres] npx tsx bench/broadcast.ts [messages=1000] [workers=2]
 */
import { Api } from 'grammy';
import { createI18n, translator } from '../src/bot/i18n.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { createDeliveryService } from '../src/delivery/service.js';
import { FakeBotApi, TELEGRAM_LIMITS } from '../src/fake-telegram/index.js';
import { silentLogger } from '../src/logger.js';
import { createDeliveryWorker } from '../src/queue/delivery-worker.js';
import { QUEUES } from '../src/queue/names.js';
import { BENCH_BACKEND, benchBackend, benchDatabase, performance } from './support.js';

const N = Number(process.argv[2] ?? 1000);
const WORKERS = Number(process.argv[3] ?? 2);

const db = await benchDatabase(20);
const backend = await benchBackend(BENCH_BACKEND, db);
const queues = backend.queues;
const queue = queues.queue(QUEUES.delivery);
try {
  const repos = createRepositories(db);
  const clock = () => new Date();
  const port = createDeliveryService({ deliveries: repos.deliveries, queue, clock });
  const fake = new FakeBotApi({ limits: TELEGRAM_LIMITS });
  const t = translator(createI18n());
  // several delivery workers (as several processes would), sharing the limiter
  const workers = Array.from({ length: WORKERS }, () =>
    createDeliveryWorker({ api: new Api('1:bench', { fetch: fake.fetch }), repos, queues, limiterStore: backend.limiterStore(), port, t, clock, logger: silentLogger(), concurrency: 16 }),
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, N - i) }, (_, k) =>
        port.enqueue({
          idempotencyKey: `bench-broadcast-${i + k}`,
          memberId: null,
          chatId: BigInt(10_000_000 + i + k),
          kind: 'broadcast',
          lane: 'broadcast',
          method: 'sendMessage',
          payload: { text: `Survey invitation #${i + k}` },
        }),
      ),
    );
  }
  const enqueued = performance.now();
  await new Promise<void>((resolveAll) => {
    const check = () => (fake.calls.filter((c) => c.ok && c.method === 'sendMessage').length >= N ? resolveAll() : setTimeout(check, 50));
    check();
  });
  const sends = fake.calls.filter((c) => c.ok && c.method === 'sendMessage');
  const first = sends[0]!.at;
  const last = sends.at(-1)!.at;
  const tooMany = fake.calls.filter((c) => c.errorCode === 429).length;
  const rate = (N - 1) / ((last - first) / 1000);
  const total = (performance.now() - t0) / 1000;
  const sent = await db.prisma.delivery.count({ where: { status: 'sent' } });
  console.log(
    `[${BENCH_BACKEND}] broadcast ${N} msgs to distinct chats, ${WORKERS} delivery workers, fake API enforcing Telegram limits: ` +
      `send rate ${rate.toFixed(1)} msg/s (first→last send ${((last - first) / 1000).toFixed(1)} s; target ≥ ${(0.85 * 30).toFixed(1)}), ` +
      `429s ${tooMany}, retry_after violations ${fake.retryAfterViolations}, recorded sent ${sent}/${N}, ` +
      `enqueue ${((enqueued - t0) / 1000).toFixed(1)} s, total ${total.toFixed(1)} s`,
  );
  await Promise.all(workers.map((w) => w.close()));
} finally {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await backend.destroy();
  await db.destroy();
}
// BullMQ does not close connections it was given (the factory's duplicates): exit explicitly.
process.exit(0);
