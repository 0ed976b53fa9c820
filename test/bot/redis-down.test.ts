import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisQueueFactory } from '../../src/queue/factory.js';
import type { AnalyzeJob } from '../../src/queue/jobs/analyze.js';
import { QUEUES } from '../../src/queue/names.js';
import { createRedis } from '../../src/queue/redis.js';
import { reconcile } from '../../src/app/reconcile/reconcile.js';
import { createStalledWork } from '../../src/db/read-models/stalled-work.js';
import { createWorkQueues } from '../../src/queue/redrive.js';
import { silentLogger } from '../../src/logger.js';
import { createHarness, fillReport, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

describe('Redis down at Submit', () => {
  it('keeps the report, acknowledges it, and the reconciler enqueues it later', async () => {
    // the analysis queue sits on a Redis that does not answer
    const dead = createRedis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    dead.on('error', () => undefined);
    const deadQueue = createRedisQueueFactory(dead, h.prefix).queue<AnalyzeJob>(QUEUES.analysis);
    deadQueue.on('error', () => undefined);
    const bot = h.newBot({ analysisQueue: deadQueue });
    const old = h.bot;
    h.bot = bot;
    const u = h.user('vi');
    const m = await h.member(u);
    try {
      await fillReport(h, u, 'Người dân lo lắng về lũ chia cắt xã');
      await h.press(u, 'Gửi');
    } finally {
      h.bot = old;
    }
    const [report] = await h.repos.reports.latestOf(m.id);
    expect(report?.status).toBe('received');
    expect(h.lastText(u)).toContain(report!.reference);
    expect(await h.analysisQueue.getJob(`analyze-${report!.id}`)).toBeUndefined();

    const unused = h.backend.queues;
    const [alerts, delivery] = [unused.queue(QUEUES.alerts), unused.queue(QUEUES.delivery)];
    const queues = createWorkQueues({ analysis: h.analysisQueue, alerts, delivery, requeueDelivery: async () => undefined });
    const deps = { stalled: createStalledWork(h.db.sql), queues, logger: silentLogger(), clock: () => new Date(h.now.value.getTime() + 10_000) };
    await reconcile(deps);
    expect(await h.analysisQueue.getJob(`analyze-${report!.id}`)).toBeUndefined();
    const later = { ...deps, clock: () => new Date(h.now.value.getTime() + 31_000) };
    const swept = await reconcile(later);
    expect(swept.analysis.added).toBeGreaterThanOrEqual(1);
    expect((await h.analysisQueue.getJob(`analyze-${report!.id}`))?.data).toEqual({ reportId: report!.id });
    expect((await reconcile(later)).analysis).toMatchObject({ added: 0, retried: 0 });
    expect(await h.analysisQueue.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized')).toBe(swept.analysis.added);
    await Promise.all([alerts.close(), delivery.close()]);
    await deadQueue.close().catch(() => undefined);
    dead.disconnect();
  });
});
