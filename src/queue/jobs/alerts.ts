/**
 * Jobs of the alerts queue. `evaluate-<reportId>` is enqueued by the analysis worker after a
 * report's analysis commits; the alerts worker decides whether it raises or updates an alert.
 * (Escalation and quiet-hour release jobs are added by the alerts module.)
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { jobIds } from '../names.js';

export const evaluateJobSchema = z.object({ kind: z.literal('evaluate'), reportId: z.number().int().positive() });
export type EvaluateJob = z.infer<typeof evaluateJobSchema>;

/**
 * BullMQ priority of an evaluation that can only update a live alert (its report joined an
 * existing issue group). Jobs without a priority (evaluations that may raise an alert,
 * escalations) are taken first, then the windowed card edits (priority 1), then these: under
 * a burst a new alert does not wait behind the reports joining older ones.
 */
export const JOIN_EVALUATION_PRIORITY = 2;

/**
 * Asks the alerts worker to evaluate an analysed report (idempotent by job id). `joined`: the
 * report joined an existing issue group, so it most likely updates an alert rather than raising one.
 */
export async function enqueueAlertEvaluation(queue: Queue, reportId: number, opts: { joined?: boolean } = {}): Promise<void> {
  await queue.add('evaluate', { kind: 'evaluate', reportId } satisfies EvaluateJob, {
    jobId: jobIds.evaluate(reportId),
    ...(opts.joined ? { priority: JOIN_EVALUATION_PRIORITY } : {}),
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
}
