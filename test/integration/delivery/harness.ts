/**
 * Test wiring for the delivery path (and the alerts tests built on it): a fresh PostgreSQL
 * schema, the state backend under test (real Redis with a random prefix, or BullMQ's
 * PostgreSQL backend in a schema of its own: test/support/backends.ts), the fake Bot API
 * behind grammY's Api class.
 */
import { Api } from 'grammy';
import type { Queue, Worker } from 'bullmq';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { createDeliveryService } from '../../../src/delivery/service.js';
import type { DeliveryPort } from '../../../src/delivery/port.js';
import { FakeBotApi, type FakeBotApiOptions } from '../../../src/fake-telegram/index.js';
import { createI18n, translator, type Translate } from '../../../src/bot/i18n.js';
import { silentLogger } from '../../../src/logger.js';
import type { QueueFactory } from '../../../src/queue/factory.js';
import { createRedis, type Redis } from '../../../src/queue/redis.js';
import { createDeliveryWorker, type DeliveryWorkerDeps } from '../../../src/queue/delivery-worker.js';
import { QUEUES } from '../../../src/queue/names.js';
import { openTestBackend, type BackendKind, type TestBackend } from '../../support/backends.js';
import { createPostgresTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../../support/db.js';

export const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000000';

export interface Harness {
  db: TestDatabase;
  repos: Repositories;
  /** A plain connection to the test Redis (whatever the backend), for tests that look at Redis itself. */
  redis: Redis;
  backend: TestBackend;
  queues: QueueFactory;
  deliveryQueue: Queue;
  port: DeliveryPort;
  fake: FakeBotApi;
  api: Api;
  t: Translate;
  workers: Worker[];
  startDeliveryWorker(extra?: Partial<DeliveryWorkerDeps>): Worker;
  close(): Promise<void>;
}

/** Opens everything a delivery/alerts integration test needs, on the `kind` backend (default Redis). */
export async function openHarness(fakeOpts: FakeBotApiOptions = {}, kind: BackendKind = 'redis'): Promise<Harness> {
  const db = await createPostgresTestDatabase(10);
  const repos = createRepositories(db);
  const redis = createRedis(TEST_REDIS_URL);
  const backend = await openTestBackend(kind, db);
  const queues = backend.queues;
  const deliveryQueue = queues.queue(QUEUES.delivery);
  const clock = () => new Date();
  const port = createDeliveryService({ deliveries: repos.deliveries, queue: deliveryQueue, clock });
  const fake = new FakeBotApi(fakeOpts);
  const api = new Api(TOKEN, { fetch: fake.fetch });
  const t = translator(createI18n());
  const workers: Worker[] = [];
  const h: Harness = {
    db,
    repos,
    redis,
    backend,
    queues,
    deliveryQueue,
    port,
    fake,
    api,
    t,
    workers,
    startDeliveryWorker(extra = {}) {
      const w = createDeliveryWorker({ api, repos, queues, limiterStore: backend.limiterStore(), port, t, clock, logger: silentLogger(), ...extra });
      workers.push(w);
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
      await deliveryQueue.obliterate({ force: true }).catch(() => undefined);
      await deliveryQueue.close();
      await redis.quit();
      await backend.destroy();
      await db.destroy();
    },
  };
  return h;
}

/** Polls until `fn` returns true (or throws after timeoutMs). */
export async function eventually(fn: () => Promise<boolean> | boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let nextTelegramId = 500_000;
/** A unit with members: returns the created ids. */
export async function seedMember(repos: Repositories, unitId: number, role: 'collaborator' | 'leader' | 'admin', name: string = role) {
  const id = nextTelegramId++;
  return repos.members.create({ telegramUserId: BigInt(id), displayName: `${name} ${id}`, role, unitId, language: 'en' });
}
