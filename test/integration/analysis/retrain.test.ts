import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { recordTopicCorrection } from '../../../src/app/analysis/corrections.js';
import { createTopicModelCache, retrainTopicModel, TOPIC_MODEL_KIND } from '../../../src/app/analysis/topic-models.js';
import { createRetrainProcessor, enqueueRetrain, TRAINING_QUEUE } from '../../../src/queue/analysis-worker.js';
import { createRedisQueueFactory } from '../../../src/queue/factory.js';
import { createRedis } from '../../../src/queue/redis.js';
import { silentLogger } from '../../../src/logger.js';
import { TEST_REDIS_URL } from '../../support/db.js';
import { NOW, createAnalysisFixture, type AnalysisFixture } from './fixture.js';

describe("leaders' corrections and retraining", () => {
  let f: AnalysisFixture;
  beforeAll(async () => {
    f = await createAnalysisFixture(2);
  });
  afterAll(async () => f?.destroy());

  it('records a correction (leader tag, report topic, audit) that survives re-analysis', async () => {
    const deps = { prisma: f.db.prisma, sql: f.db.sql, repos: f.repos, clock: () => NOW };
    const r = await f.report({ content: 'Cán bộ phường nói sẽ lấy ý kiến người dân về phương án sắp xếp tổ dân phố trong tháng tới.' });
    await analyzeReport(f.deps(), r.id);
    const before = await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    const target = before.topicSlug === 'party_building' ? 'culture_society' : 'party_building';
    expect(await recordTopicCorrection(deps, { reportId: r.id, topicSlug: 'no_such_topic', leaderId: f.leader.id })).toEqual({ ok: false, error: 'unknown_topic' });
    expect(await recordTopicCorrection(deps, { reportId: r.id, topicSlug: target, leaderId: (f.members[1] as { id: number }).id })).toEqual({
      ok: false,
      error: 'not_allowed',
    });
    expect(await recordTopicCorrection(deps, { reportId: r.id, topicSlug: target, leaderId: f.leader.id })).toEqual({ ok: true, value: { previous: before.topicSlug } });
    const tags = await f.db.prisma.reportTopic.findMany({ where: { reportId: r.id, origin: 'leader' } });
    expect(tags).toMatchObject([{ topicSlug: target, createdById: f.leader.id }]);
    expect((await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } })).topicSlug).toBe(target);
    expect((await f.repos.audit.forEntity('report', r.id)).map((a) => a.action)).toContain('report.topic_correction');
    await analyzeReport(f.deps(), r.id, { force: true });
    expect((await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } })).topicSlug).toBe(target);
  });

  it('retrains with the corrections into a new active version that workers pick up', async () => {
    const models = createTopicModelCache(f.db.prisma, { checkEveryMs: 0 });
    const context = createAnalysisContextProvider({ repos: f.repos, clock: () => NOW, models });
    const oldVersion = (await models.get()).version;
    const result = await retrainTopicModel(f.db.prisma);
    expect(result).toMatchObject({ changed: true, corrections: 1 });
    expect(result.version).not.toBe(oldVersion);
    const active = await f.db.prisma.modelVersion.findMany({ where: { kind: TOPIC_MODEL_KIND, active: true } });
    expect(active.map((m) => m.version)).toEqual([result.version]);
    expect((await models.get()).version).toBe(result.version);
    const r = await f.report({ content: 'Giá vàng miếng tăng vọt, người dân xếp hàng dài trước các cửa hàng vàng từ sáng sớm.' });
    await analyzeReport(f.deps({ context }), r.id);
    expect((await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } })).analysisVersion).toBe(`a1:${result.version}`);
    expect(await retrainTopicModel(f.db.prisma)).toMatchObject({ changed: false, version: result.version });
  });

  it('runs retraining as a job on its own queue', async () => {
    const redis = createRedis(TEST_REDIS_URL);
    const queues = createRedisQueueFactory(redis, `t-${randomBytes(4).toString('hex')}`);
    const queue = queues.queue(TRAINING_QUEUE);
    const events = queues.events(TRAINING_QUEUE);
    const models = createTopicModelCache(f.db.prisma);
    const worker = queues.worker(TRAINING_QUEUE, createRetrainProcessor({ prisma: f.db.prisma, models, logger: silentLogger() }));
    try {
      await events.waitUntilReady();
      await enqueueRetrain(queue);
      const job = await queue.getJob('retrain-topic-model');
      const out = await job?.waitUntilFinished(events, 20_000);
      expect(out).toMatchObject({ changed: false, corrections: 1 });
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await redis.quit();
    }
  });
});
