/**
 * Jobs of the alerts queue. `evaluate-<reportId>` is enqueued by the analysis worker after a
 * report's analysis commits; the alerts worker decides whether it raises or updates an alert.
 * (Escalation and quiet-hour release jobs are added by the alerts module.)
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';

export const evaluateJobSchema = z.object({ kind: z.literal('evaluate'), reportId: z.number().int().positive() });
export type EvaluateJob = z.infer<typeof evaluateJobSchema>;

/** Asks the alerts worker to evaluate an analysed report (idempotent by job id). */
export async function enqueueAlertEvaluation(queue: Queue, reportId: number): Promise<void> {
  await queue.add('evaluate', { kind: 'evaluate', reportId } satisfies EvaluateJob, {
    jobId: `evaluate-${reportId}`,
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
}
