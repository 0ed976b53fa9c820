/**
 * The analysis job: one per report, id `analyze-<reportId>` (BullMQ ids cannot contain ':').
 * The intake enqueues it after the report's transaction commits; the sweeper re-adds any
 * `received` report whose job is missing (adding an existing id is a no-op).
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { jobIds } from '../names.js';

export const analyzeJobSchema = z.object({ reportId: z.number().int().positive() });
export type AnalyzeJob = z.infer<typeof analyzeJobSchema>;

/** Default options: transient failures retry with exponential backoff; finished jobs are trimmed. */
export const ANALYZE_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Adds the analysis job for a report (idempotent by job id). */
export async function enqueueAnalysis(queue: Queue<AnalyzeJob>, reportId: number): Promise<void> {
  await queue.add('analyze', { reportId }, { ...ANALYZE_JOB_OPTIONS, jobId: jobIds.analyze(reportId) });
}

/** The intake's AnalysisRequests port over the analysis queue. */
export function analysisRequests(queue: Queue<AnalyzeJob>): { request(reportId: number): Promise<void> } {
  return { request: (reportId) => enqueueAnalysis(queue, reportId) };
}
