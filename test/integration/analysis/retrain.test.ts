import { randomBytes } from 'node:crypto';
import { createAnalysisStore } from '../../../src/db/stores/analysis-store.js';
import { createModelStore } from '../../../src/db/stores/model-store.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { recordTopicCorrection } from '../../../src/app/analysis/corrections.js';
import { createTopicModelCache, MODEL_KIND, retrainTopicModel } from '../../../src/app/analysis/topic-models.js';
import { trainingFeedback } from '../../../src/db/repositories/training-repository.js';
import { DEFAULT_MODEL_PATH, loadPulseModel } from '../../../src/nlp/index.js';
import { createRetrainProcessor, enqueueRetrain, TRAINING_QUEUE } from '../../../src/queue/analysis-worker.js';
import { createRedisQueueFactory } from '../../../src/queue/factory.js';
import { createRedis } from '../../../src/queue/redis.js';
import { silentLogger } from '../../../src/logger.js';
import { TEST_REDIS_URL } from '../../support/db.js';
import { NOW, createAnalysisFixture, type AnalysisFixture } from './fixture.js';

/** Retraining in these tests runs on the engineers' corpus file only (734 lines: seconds, not tens). */
const SMALL_CORPUS = path.resolve(import.meta.dirname, '../../../corpus/topics-train.jsonl');

describe("leaders' feedback and retraining", () => {
  let f: AnalysisFixture;
  beforeAll(async () => {
    f = await createAnalysisFixture(2);
  });
  afterAll(async () => f?.destroy());

  it('starts a fresh database on the shipped artifact, without training', async () => {
    const models = createTopicModelCache(createModelStore(f.db.prisma), { checkEveryMs: 0 });
    const shipped = loadPulseModel((await import('node:fs')).readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
    expect((await models.get()).version).toBe(shipped.version);
    const active = await f.db.prisma.modelVersion.findMany({ where: { kind: MODEL_KIND, active: true } });
    expect(active.map((m) => m.version)).toEqual([shipped.version]);
  });

  it('records a correction (leader tag, report topic, audit) that survives re-analysis', async () => {
    const deps = { analysis: createAnalysisStore(f.db.sql), topics: f.repos.topics, members: f.repos.members, units: f.repos.units, clock: () => NOW };
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

  it('a topic correction and a false alarm change the next predictions for similar texts', async () => {
    const deps = { analysis: createAnalysisStore(f.db.sql), topics: f.repos.topics, members: f.repos.members, units: f.repos.units, clock: () => NOW };
    const models = createTopicModelCache(createModelStore(f.db.prisma), { checkEveryMs: 0 });
    const context = createAnalysisContextProvider({ repos: f.repos, clock: () => NOW, models });
    // A new kind of report the corpus never saw: complaints about a ride-hailing app's fares.
    const corrected = [
      'Tài xế xe ôm công nghệ trong phường than phiền ứng dụng gọi xe tăng chiết khấu lên ba mươi phần trăm.',
      'Nhiều tài xế xe ôm công nghệ nói ứng dụng gọi xe lại tăng chiết khấu, chạy cả ngày không đủ tiền xăng.',
    ];
    const falseAlarm = 'Hàng chục tài xế xe ôm công nghệ tắt ứng dụng cả buổi chiều để phản đối mức chiết khấu mới.';
    for (const content of corrected) {
      const r = await f.report({ content });
      await analyzeReport(f.deps({ context }), r.id);
      expect(await recordTopicCorrection(deps, { reportId: r.id, topicSlug: 'workplace', leaderId: f.leader.id })).toMatchObject({ ok: true });
    }
    const alarm = await f.report({ content: falseAlarm });
    await analyzeReport(f.deps({ context }), alarm.id);
    await f.db.prisma.alert.create({
      data: { reportId: alarm.id, unitId: f.units[0]!.id, currentUnitId: f.units[0]!.id, trigger: 'critical_report', level: 'critical', status: 'false_alarm' },
    });
    expect((await trainingFeedback(f.db.prisma)).map((x) => x.kind)).toEqual(['topic_correction', 'topic_correction', 'topic_correction', 'false_alarm']);

    const similar = 'Tài xế xe ôm công nghệ ở chợ bàn tán chuyện ứng dụng gọi xe tăng chiết khấu từ tuần sau.';
    const similarAlarm = 'Hàng chục tài xế xe ôm công nghệ tắt ứng dụng cả buổi sáng để phản đối chiết khấu.';
    const analyse = async (content: string) => {
      const r = await f.report({ content });
      await analyzeReport(f.deps({ context }), r.id);
      return f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    };
    const before = await analyse(similar);
    const alarmBefore = await analyse(similarAlarm);
    expect(before.topicSlug).not.toBe('workplace');

    const oldVersion = (await models.get()).version;
    const result = await retrainTopicModel(createModelStore(f.db.prisma), { corpusPath: SMALL_CORPUS });
    expect(result).toMatchObject({ changed: true, corrections: 3, falseAlarms: 1 });
    expect(result.version).not.toBe(oldVersion);
    const active = await f.db.prisma.modelVersion.findMany({ where: { kind: MODEL_KIND, active: true } });
    expect(active.map((m) => m.version)).toEqual([result.version]);
    expect(active[0]?.metrics).toMatchObject({ corrections: 3, falseAlarms: 1 });
    expect((await models.get()).version).toBe(result.version);

    const after = await analyse(similar);
    const alarmAfter = await analyse(similarAlarm);
    expect(after.analysisVersion).toBe(`a1:${result.version}`);
    expect(after.topicSlug).toBe('workplace');
    expect(alarmAfter.urgencyScore!).toBeLessThan(alarmBefore.urgencyScore!);
    expect(await retrainTopicModel(createModelStore(f.db.prisma), { corpusPath: SMALL_CORPUS })).toMatchObject({ changed: false, version: result.version });
  }, 120_000);

  it('runs retraining as a job on its own queue', async () => {
    const redis = createRedis(TEST_REDIS_URL);
    const queues = createRedisQueueFactory(redis, `t-${randomBytes(4).toString('hex')}`);
    const queue = queues.queue(TRAINING_QUEUE);
    const events = queues.events(TRAINING_QUEUE);
    const models = createTopicModelCache(createModelStore(f.db.prisma));
    const worker = queues.worker(TRAINING_QUEUE, createRetrainProcessor({ prisma: f.db.prisma, models, logger: silentLogger() }));
    try {
      await events.waitUntilReady();
      await enqueueRetrain(queue);
      const job = await queue.getJob('retrain-topic-model');
      const out = await job?.waitUntilFinished(events, 110_000);
      expect(out).toMatchObject({ changed: true, corrections: 3, falseAlarms: 1 });
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await redis.quit();
    }
  }, 120_000);
});
