import { createModelStore } from '../../../src/db/stores/model-store.js';
import type { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../../../src/app/analysis/topic-models.js';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { createRepositories } from '../../../src/db/repositories/index.js';
import { analysisDepsFrom, createAnalysisWorker } from '../../../src/queue/analysis-worker.js';
import type { QueueFactory } from '../../../src/queue/factory.js';
import { JOIN_EVALUATION_PRIORITY } from '../../../src/queue/jobs/alerts.js';
import { ANALYZE_JOB_OPTIONS, enqueueAnalysis, type AnalyzeJob } from '../../../src/queue/jobs/analyze.js';
import { QUEUES } from '../../../src/queue/names.js';
import { silentLogger } from '../../../src/logger.js';
import { BACKENDS, openTestBackend, type TestBackend } from '../../support/backends.js';
import { NOW, createAnalysisFixture, type AnalysisFixture } from './fixture.js';

describe.each(BACKENDS)('the analysis worker (PostgreSQL database, %s backend)', (kind) => {
  let f: AnalysisFixture;
  let backend: TestBackend;
  let queues: QueueFactory;
  let queue: Queue<AnalyzeJob>;
  let alerts: Queue;
  let events: QueueEvents;
  let worker: Worker;
  const failOnce = new Set<number>();

  beforeAll(async () => {
    f = await createAnalysisFixture();
    backend = await openTestBackend(kind, f.db);
    queues = backend.queues;
    queue = queues.queue<AnalyzeJob>(QUEUES.analysis);
    alerts = queues.queue(QUEUES.alerts);
    events = queues.events(QUEUES.analysis);
    await events.waitUntilReady();
    const deps = f.deps({
      alertsQueue: alerts,
      beforeCommit: (id) => {
        if (failOnce.delete(id)) throw new Error('connection reset (simulated)');
      },
    });
    worker = createAnalysisWorker(queues, deps, 4);
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await alerts?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await alerts?.close();
    await backend?.destroy();
    await f?.destroy();
  });

  it('takes an analyze job to an analysed report and asks the alerts worker to evaluate it', async () => {
    const r = await f.report({ content: 'Người dân bức xúc vì giá điện tháng này tăng gấp đôi, nhiều hộ kéo lên phường khiếu nại.', mood: 'angry', spread: 'local' });
    await enqueueAnalysis(queue, r.id);
    await enqueueAnalysis(queue, r.id); // same job id: a no-op
    const job = await queue.getJob(`analyze-${r.id}`);
    const out = await job?.waitUntilFinished(events, 20_000);
    expect(out).toMatchObject({ type: 'analysed', reportId: r.id });
    expect((await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('analysed');
    const evaluate = await alerts.getJob(`evaluate-${r.id}`);
    expect(evaluate?.data).toEqual({ kind: 'evaluate', reportId: r.id });
    // its report started a group: it may raise an alert, so it is not queued behind joins
    expect(evaluate?.opts.priority ?? 0).toBe(0);
  });

  it('queues the evaluation of a report that joined an existing group behind those that may raise an alert', async () => {
    const text = 'Công nhân khu công nghiệp Tân Bình đình công vì bị nợ lương ba tháng, đông người tụ tập trước cổng nhà máy';
    const ids: number[] = [];
    for (const suffix of ['.', ' sáng nay.']) {
      const r = await f.report({ content: text + suffix, mood: 'angry', spread: 'local' });
      await enqueueAnalysis(queue, r.id);
      await (await queue.getJob(`analyze-${r.id}`))?.waitUntilFinished(events, 20_000);
      ids.push(r.id);
    }
    const [first, second] = await Promise.all(ids.map((id) => f.db.prisma.report.findUniqueOrThrow({ where: { id } })));
    expect(second!.issueGroupId).toBe(first!.issueGroupId);
    expect((await alerts.getJob(`evaluate-${first!.id}`))?.opts.priority ?? 0).toBe(0);
    expect((await alerts.getJob(`evaluate-${second!.id}`))?.opts.priority).toBe(JOIN_EVALUATION_PRIORITY);
  });

  it('fails a payload that breaks the schema at once (no retry) and keeps it in failed', async () => {
    const job = await queue.add('analyze', { reportId: 'R-2026-1' } as unknown as AnalyzeJob, { ...ANALYZE_JOB_OPTIONS, jobId: 'analyze-bad-payload' });
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/invalid analyze payload/);
    const failed = await queue.getJob('analyze-bad-payload');
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect((await queue.getFailed()).map((j) => j.id)).toContain('analyze-bad-payload');
  });

  it('retries a transient failure; the retry writes the analysis once', async () => {
    const r = await f.report({ content: 'Giáo viên hợp đồng ở huyện phản ánh bị chậm lương hai tháng, nhiều người định nghỉ dạy.', mood: 'worried' });
    failOnce.add(r.id);
    await enqueueAnalysis(queue, r.id);
    const job = await queue.getJob(`analyze-${r.id}`);
    await job?.waitUntilFinished(events, 20_000);
    const done = await queue.getJob(`analyze-${r.id}`);
    expect(done?.attemptsMade).toBe(2);
    const report = await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
    expect(report.status).toBe('analysed');
    expect(await f.db.prisma.reportBand.count({ where: { reportId: r.id } })).toBe(16);
    const group = await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: report.issueGroupId as number } });
    expect(group.reportCount).toBe(await f.db.prisma.report.count({ where: { issueGroupId: group.id } }));
  });

  it('two workers racing on the same report analyse it once', async () => {
    const second: Database = await openDatabase({ url: f.db.url as string, poolSize: 4 });
    try {
      const repos2 = createRepositories(second);
      const clock = () => NOW;
      const deps2 = analysisDepsFrom({
        sql: second.sql,
        context: createAnalysisContextProvider({ repos: repos2, clock, models: createTopicModelCache(createModelStore(second.prisma)) }),
        alertsQueue: null,
        clock,
        logger: silentLogger(),
      });
      const r = await f.report({ content: 'Bà con xã ven biển lo lắng vì bão số 3 sắp đổ bộ mà đê biển đoạn qua thôn vẫn chưa được gia cố.', mood: 'worried' });
      const outcomes = await Promise.all([analyzeReport(f.deps(), r.id), analyzeReport(deps2, r.id)]);
      expect(outcomes.map((o) => o.type).sort()).toEqual(['analysed', 'unchanged']);
      const report = await f.db.prisma.report.findUniqueOrThrow({ where: { id: r.id } });
      const group = await f.db.prisma.issueGroup.findUniqueOrThrow({ where: { id: report.issueGroupId as number } });
      expect(group.reportCount).toBe(1);
      expect(await f.db.prisma.reportTopic.count({ where: { reportId: r.id, origin: 'auto', rank: 0 } })).toBe(1);
    } finally {
      await second.close();
    }
  });
});
