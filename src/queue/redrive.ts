/**
 * The WorkQueues port of the reconciler (app/reconcile/ports.ts): makes sure the job that does
 * a piece of work exists and can run. A missing job is added; a job that failed for good (its
 * retries used up while PostgreSQL or Redis was down) is retried — re-adding its id would be a
 * silent no-op while the failed job exists; a job that completed although the database says the
 * work is not done is replaced.
 */
import type { Job, Queue } from 'bullmq';
import type { Ensured, PendingDelivery, WorkQueues } from '../app/reconcile/ports.js';
import { deliveryJobId } from '../delivery/service.js';
import { enqueueAlertEvaluation } from './jobs/alerts.js';
import { enqueueAnalysis, type AnalyzeJob } from './jobs/analyze.js';
import { jobIds } from './names.js';

/** Ensures job `jobId` can run; `add` (re-)creates it. */
export async function ensureJob(queue: Queue, jobId: string, add: () => Promise<void>): Promise<Ensured> {
  const job: Job | undefined = await queue.getJob(jobId);
  if (!job) {
    await add();
    return 'added';
  }
  const state = await job.getState();
  if (state === 'failed') {
    await job.retry('failed');
    return 'retried';
  }
  if (state === 'completed' || state === 'unknown') {
    await job.remove().catch(() => undefined);
    await add();
    return 'added';
  }
  return 'present';
}

export interface RedriveQueues {
  analysis: Queue<AnalyzeJob>;
  alerts: Queue;
  delivery: Queue;
  /** The delivery service's requeue (lane priority, edits after new messages). */
  requeueDelivery(deliveryId: number, lane: number, notBefore?: Date, edit?: boolean): Promise<void>;
}

export function createWorkQueues(q: RedriveQueues): WorkQueues {
  return {
    ensureAnalysis: (reportId) => ensureJob(q.analysis as Queue, jobIds.analyze(reportId), () => enqueueAnalysis(q.analysis, reportId)),
    ensureEvaluation: (reportId) => ensureJob(q.alerts, `evaluate-${reportId}`, () => enqueueAlertEvaluation(q.alerts, reportId)),
    ensureDelivery: (d: PendingDelivery) => ensureJob(q.delivery, deliveryJobId(d.id), () => q.requeueDelivery(d.id, d.lane, undefined, d.edit)),
  };
}
