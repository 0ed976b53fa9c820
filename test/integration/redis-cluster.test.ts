/**
 * The scale-out path: the Redis backend on a real Redis Cluster (3 local nodes started by the
 * test). BullMQ's queues and every Lua script of ours must keep their keys in one slot, which the
 * hash-tagged prefix (`{…}`) guarantees; the same script under a plain prefix is refused.
 */
import type { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateBackend } from '../../src/compose/backends.js';
import { openRedisBackend } from '../../src/compose/backends/redis-backend.js';
import { TelegramRateLimiter } from '../../src/delivery/limiter.js';
import { createRedisLimiterStore } from '../../src/delivery/redis-limiter-store.js';
import { silentLogger } from '../../src/logger.js';
import { createRedisCluster, type Cluster } from '../../src/queue/redis.js';
import { clusterAvailable, startTestCluster, type TestCluster } from '../support/redis-cluster.js';
import { eventually } from './delivery/harness.js';

const available = clusterAvailable();
if (!available) console.warn('redis-cluster.test.ts does not run: redis-server and redis-cli are not installed (apt-get install -y redis-server)');

describe.skipIf(!available)('the Redis backend on a Redis Cluster (3 local nodes)', () => {
  let cluster: TestCluster;
  let backend: StateBackend;
  let raw: Cluster;
  const queues: Queue[] = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    cluster = await startTestCluster(7100);
    backend = await openRedisBackend({ urls: cluster.urls, prefix: 'tcluster', logger: silentLogger() });
    raw = createRedisCluster(cluster.urls);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
    await raw?.quit();
    await backend?.close();
    await cluster?.stop();
  });

  it('hash-tags the key prefix of queues and state', () => {
    expect(backend.queues.prefix).toBe('{tcluster}');
  });

  it('runs the delivery limiter script (six keys in one slot): admits, keeps one request per chat, paces, obeys a 429', async () => {
    const limiter = new TelegramRateLimiter(backend.limiterStore(), { globalPerSecond: 5 });
    const first = await limiter.tryAcquire(101n);
    expect(first.admitted).toBe(true);
    expect(await limiter.tryAcquire(101n)).toMatchObject({ admitted: false, reason: 'chat' });
    await limiter.done(101n, first.token);
    expect(await limiter.tryAcquire(102n)).toMatchObject({ admitted: false, reason: 'pace' });
    expect(await limiter.onTooManyRequests(103n, 2)).toEqual({ global: false });
    expect(await limiter.blockedFor(103n)).toBeGreaterThan(1500);
    expect(await limiter.blockedFor(104n)).toBe(0);
  });

  it('refuses the same script under a prefix without a hash tag (its keys would span slots)', async () => {
    const untagged = createRedisLimiterStore(raw, 'plain');
    await expect(untagged.acquire('105', 'token', { intervalMs: 100, chatMax: 3, chatWindowMs: 3300, inFlightTtlMs: 1000, catchUpMs: 10 })).rejects.toThrow(/CROSSSLOT/);
  });

  it('runs BullMQ queues: a job, a delayed job, and a job with an id derived from the work added twice', async () => {
    const seen: string[] = [];
    const queue = backend.queues.queue('cluster-test');
    queues.push(queue);
    workers.push(backend.queues.worker('cluster-test', async (job) => void seen.push(job.name)));
    await queue.add('now', {}, { jobId: 'work-1' });
    await queue.add('now', {}, { jobId: 'work-1' });
    await queue.add('later', {}, { delay: 300 });
    await eventually(() => seen.length === 2, 10_000);
    expect(seen.sort()).toEqual(['later', 'now']);
    expect(await queue.getJobCountByTypes('completed')).toBe(2);
    // a queue's keys and the limiter's all hash to the tag's slot
    const slot = (key: string) => raw.cluster('KEYSLOT', key);
    expect(await slot('{tcluster}:cluster-test:wait')).toBe(await slot('{tcluster}:rl:pace'));
    expect(await slot('plain:rl:pace')).not.toBe(await slot('plain:rl:chat:105'));
  });

  it('keeps the bot state and the card-edit windows', async () => {
    const state = await backend.botState();
    expect(await state.flood.hit('{tcluster}:flood-1', 10_000)).toBe(1);
    expect(await state.flood.hit('{tcluster}:flood-1', 10_000)).toBe(2);
    await state.drafts.touch(42, { lang: 'vi', echo: 'x', at: 1000 });
    expect((await state.drafts.idleBefore(2000)).map((d) => d.chatId)).toEqual([42]);
    await state.conversations.write('{tcluster}:conv:42', { version: [1, 1], state: {} } as never);
    expect(await state.conversations.read('{tcluster}:conv:42')).toEqual({ version: [1, 1], state: {} });
    const gate = backend.cardEditGate();
    expect(await gate.open(7, 1000, 5000)).toEqual({ lead: true });
    expect(await gate.open(7, 1200, 5000)).toEqual({ lead: false, openedAt: 1000 });
  });
});
