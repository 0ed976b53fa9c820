/**
 * The AlertJobs port over the `alerts` queue: escalation, quiet-hour release and card-edit jobs
 * with ids derived from what they do (app/alerts/deps.ts alertJobId), retried with backoff.
 */
import type { Queue } from 'bullmq';
import { alertJobId } from '../app/alerts/deps.js';
import type { AlertJob, AlertJobs } from '../app/alerts/ports.js';

const JOB_OPTS = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

export function createAlertJobs(queue: Queue): AlertJobs {
  return {
    async add(job: AlertJob, opts: { delayMs: number; priority?: number }): Promise<void> {
      await queue.add(job.kind, job, { ...JOB_OPTS, jobId: alertJobId(job), delay: Math.max(0, opts.delayMs), ...(opts.priority !== undefined ? { priority: opts.priority } : {}) });
    },
    async remove(jobs: readonly AlertJob[]): Promise<void> {
      await Promise.all(jobs.map((job) => queue.remove(alertJobId(job)).catch(() => 0)));
    },
  };
}
