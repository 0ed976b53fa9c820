/**
 * The analysis queue's processor and worker, and the topic-model retraining job on its own
 * queue. A payload that fails its schema throws `UnrecoverableError` (fails at once, stays
 * in the failed set, visible); anything else thrown is transient and retries with the
 * exponential backoff of `ANALYZE_JOB_OPTIONS`.
 */
import { UnrecoverableError, type Job, type Processor, type Queue, type Worker } from 'bullmq';
import { analyzeReport, type AnalysisDeps, type AnalysisOutcome } from '../app/analysis/analyze-report.js';
import { retrainTopicModel, type RetrainResult, type TopicModelCache } from '../app/analysis/topic-models.js';
import type { AnalysisContextProvider } from '../app/analysis/analysis-context.js';
import type { Prisma as PrismaClient } from '../db/client.js';
import type { SqlExecutor } from '../db/sql.js';
import { createAnalysisStore } from '../db/stores/analysis-store.js';
import { createModelStore } from '../db/stores/model-store.js';
import type { Clock } from '../domain/clock.js';
import { enqueueAlertEvaluation } from './jobs/alerts.js';
import type { Logger } from '../logger.js';
import type { QueueFactory } from './factory.js';
import { analyzeJobSchema, type AnalyzeJob } from './jobs/analyze.js';
import { jobIds, QUEUES } from './names.js';

/** What the analysis runs on, over one database and (optionally) the alerts queue. */
export function analysisDepsFrom(p: { sql: SqlExecutor; context: AnalysisContextProvider; alertsQueue: Queue | null; clock: Clock; logger: Logger; beforeCommit?: AnalysisDeps['beforeCommit'] }): AnalysisDeps {
  const { alertsQueue } = p;
  return {
    store: createAnalysisStore(p.sql),
    context: p.context,
    evaluations: alertsQueue ? { request: (reportId, opts) => enqueueAlertEvaluation(alertsQueue, reportId, opts) } : null,
    clock: p.clock,
    logger: p.logger,
    ...(p.beforeCommit ? { beforeCommit: p.beforeCommit } : {}),
  };
}

/** The retraining queue (its own, so no other worker consumes its jobs). */
export const TRAINING_QUEUE = QUEUES.training;
/** Job name and id of the retraining job. */
export const RETRAIN_JOB = jobIds.retrain;

/** Parses the payload, then analyses; a bad payload is unrecoverable. */
export function createAnalysisProcessor(deps: AnalysisDeps): Processor<AnalyzeJob, AnalysisOutcome> {
  return async (job: Job<AnalyzeJob>) => {
    const parsed = analyzeJobSchema.safeParse(job.data);
    if (!parsed.success) {
      deps.logger.warn({ queue: QUEUES.analysis, jobId: job.id, issues: parsed.error.issues.length }, 'invalid analyze payload');
      throw new UnrecoverableError(`invalid analyze payload: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    const log = deps.logger.child({ queue: QUEUES.analysis, jobId: job.id, reportId: parsed.data.reportId });
    return analyzeReport({ ...deps, logger: log }, parsed.data.reportId);
  };
}

/** Starts the analysis worker with `concurrency` jobs in flight. */
export function createAnalysisWorker(queues: QueueFactory, deps: AnalysisDeps, concurrency: number): Worker<AnalyzeJob, AnalysisOutcome> {
  const worker = queues.worker<AnalyzeJob>(QUEUES.analysis, createAnalysisProcessor(deps), { concurrency }) as Worker<
    AnalyzeJob,
    AnalysisOutcome
  >;
  worker.on('failed', (job, e) =>
    deps.logger.warn({ queue: QUEUES.analysis, jobId: job?.id, attempts: job?.attemptsMade, err: e.message }, 'analysis job failed'),
  );
  worker.on('error', (e) => deps.logger.error({ queue: QUEUES.analysis, err: e.message }, 'analysis worker error'));
  return worker;
}

/** Retrains the topic model (corpus + leaders' corrections) and refreshes this process's cache. */
export function createRetrainProcessor(deps: { prisma: PrismaClient; models: TopicModelCache; logger: Logger }): Processor<unknown, RetrainResult> {
  return async (job) => {
    const result = await retrainTopicModel(createModelStore(deps.prisma));
    deps.models.invalidate();
    deps.logger.info({ queue: TRAINING_QUEUE, jobId: job.id, ...result }, 'topic model retrained');
    return result;
  };
}

/** Asks for a retraining now (a no-op while one is already waiting). */
export async function enqueueRetrain(queue: Queue): Promise<void> {
  await queue.add(RETRAIN_JOB, {}, { jobId: RETRAIN_JOB, attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: 100 });
}

/** Retrains every night at 03:00 (Asia/Ho_Chi_Minh by default). */
export async function scheduleRetrain(queue: Queue, tz = 'Asia/Ho_Chi_Minh'): Promise<void> {
  await queue.upsertJobScheduler(RETRAIN_JOB, { pattern: '0 3 * * *', tz }, { name: RETRAIN_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
}
