/**
 * Work whose job failed for good while a dependency was down (issue 15): the analysis of a
 * report, the alert evaluation of an analysed report, and a message recorded without its job.
 * Re-adding a failed job's id is a silent no-op in BullMQ; the reconciler retries it instead,
 * and the work gets done once the dependency is back.
 */
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../../../src/app/analysis/topic-models.js';
import { reconcile, type ReconcileDeps } from '../../../src/app/reconcile/reconcile.js';
import { createStalledWork } from '../../../src/db/read-models/stalled-work.js';
import { createDeliveryService } from '../../../src/delivery/service.js';
import { silentLogger } from '../../../src/logger.js';
import { createAnalysisWorker } from '../../../src/queue/analysis-worker.js';
import { enqueueAlertEvaluation } from '../../../src/queue/jobs/alerts.js';
import { enqueueAnalysis, type AnalyzeJob } from '../../../src/queue/jobs/analyze.js';
import { QUEUES } from '../../../src/queue/names.js';
import { createWorkQueues } from '../../../src/queue/redrive.js';
import { eventually } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from '../alerts/harness.js';

describe('the reconciler re-drives work whose job failed for good', () => {
  let h: AlertsHarness;
  let deps: ReconcileDeps;
  const later = () => new Date(Date.now() + 60_000);
  beforeAll(async () => {
    h = await openAlertsHarness();
    await disableQuietHours(h);
    const analysis = h.queues.queue<AnalyzeJob>(QUEUES.analysis);
    const service = createDeliveryService({ deliveries: h.repos.deliveries, queue: h.deliveryQueue, clock: () => new Date() });
    deps = { stalled: createStalledWork(h.db.sql), queues: createWorkQueues({ analysis, alerts: h.alertsQueue, delivery: h.deliveryQueue, requeueDelivery: service.requeue }), clock: later, logger: silentLogger() };
  });
  afterAll(async () => h?.close());

  /** Runs one job of `queue` through a worker that fails it at once, for good (PostgreSQL "down"). */
  async function failForGood(queue: string, jobId: string): Promise<void> {
    const down: Worker = h.queues.worker(queue, async () => {
      throw new Error('ECONNREFUSED 127.0.0.1:5432');
    });
    await eventually(async () => (await (await h.queues.queue(queue).getJob(jobId))?.getState()) === 'failed', 15_000);
    await down.close();
  }

  it('an analysis whose retries ran out is retried and the report analysed', async () => {
    const { report } = await h.repos.reports.create(
      { memberId: h.org.collaborator.id, unitId: h.org.branch.id, chosenTopic: null, content: 'Người dân lo lắng vì nước sông lên nhanh, nhiều hộ chưa kịp di dời.', proposal: null, mood: 'worried', spread: 'local', source: 'conversation' },
      new Date(),
    );
    const analysis = h.queues.queue<AnalyzeJob>(QUEUES.analysis);
    await analysis.add('analyze', { reportId: report.id }, { jobId: `analyze-${report.id}`, attempts: 1 });
    await failForGood(QUEUES.analysis, `analyze-${report.id}`);
    await enqueueAnalysis(analysis, report.id); // what the old sweeper did: nothing happens
    expect(await (await analysis.getJob(`analyze-${report.id}`))!.getState()).toBe('failed');

    const run = await reconcile(deps);
    expect(run.analysis).toMatchObject({ retried: 1 });
    const context = createAnalysisContextProvider({ repos: h.repos, clock: () => new Date(), models: createTopicModelCache(h.db.prisma) });
    h.workers.push(createAnalysisWorker(h.queues, { sql: h.db.sql, context, alertsQueue: null, clock: () => new Date(), logger: silentLogger() }, 2));
    await eventually(async () => (await h.repos.reports.get(report.id))!.status === 'analysed', 20_000);
    expect((await reconcile(deps)).analysis.stalled).toBe(0);
  });

  it('an alert evaluation whose retries ran out is retried, and the leaders get the card', async () => {
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'critical', issueGroupId: group });
    await h.db.sql.query(`UPDATE "Report" SET "analysedAt" = now() - interval '5 minutes' WHERE id = $1`, [r.id]);
    await h.alertsQueue.add('evaluate', { kind: 'evaluate', reportId: r.id }, { jobId: `evaluate-${r.id}`, attempts: 1 });
    await failForGood(QUEUES.alerts, `evaluate-${r.id}`);
    await enqueueAlertEvaluation(h.alertsQueue, r.id); // re-adding the id does nothing while the failed job exists
    expect(await (await h.alertsQueue.getJob(`evaluate-${r.id}`))!.getState()).toBe('failed');
    expect((await reconcile(deps)).evaluation).toMatchObject({ retried: 1 });
    h.startAlertsWorker();
    for (const l of h.org.branchLeaders) await eventually(() => h.fake.callsOf('sendMessage', l.chatId!).some((c) => String(c.payload.text).includes(r.reference)), 15_000);
    await eventually(async () => (await reconcile(deps)).evaluation.stalled === 0);
  });

  it('a message recorded without its job is queued and sent', async () => {
    const leader = h.org.committeeLeader;
    const { record } = await h.repos.deliveries.insertOrGet({ idempotencyKey: 'lost-job-1', memberId: leader.id, chatId: leader.chatId!, kind: 'notice', lane: 1, method: 'sendMessage', payload: { text: 'một tin nhắn bị mất việc gửi' } });
    expect(await h.deliveryQueue.getJob(`delivery-${record.id}`)).toBeUndefined();
    expect((await reconcile(deps)).delivery).toMatchObject({ added: 1 });
    await eventually(() => h.fake.textsTo(leader.chatId!).includes('một tin nhắn bị mất việc gửi'));
  });
});
