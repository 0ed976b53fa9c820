/**
 * The `digests` queue's processor and worker: scheduled unit digests, the start-up catch-up
 * of missed runs, hourly reminders and the hourly scheduler sync. Every job is idempotent
 * (the Digest ledger and delivery keys), so a retried or duplicated job sends nothing twice.
 * A payload that fails its schema is unrecoverable; anything else retries with backoff.
 */
import { UnrecoverableError, type Job, type Processor, type Queue, type Worker } from 'bullmq';
import { z } from 'zod';
import { catchUpDigests } from '../app/digests/run-all.js';
import { runScheduledDigest, type SendDigestDeps } from '../app/digests/send-digest.js';
import { sendReminders, type ReminderDeps } from '../app/reminders/send-reminders.js';
import type { SqlExecutor } from '../db/sql.js';
import { SCHEDULED_PERIODS } from '../domain/digest/periods.js';
import type { Logger } from '../logger.js';
import { syncDigestSchedulers, type DigestJob } from './digest-scheduler.js';
import type { QueueFactory } from './factory.js';
import { QUEUES } from './names.js';

export const digestJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('digest'), unitId: z.number().int().positive(), period: z.enum(SCHEDULED_PERIODS) }),
  z.object({ kind: z.literal('catch-up') }),
  z.object({ kind: z.literal('reminders') }),
  z.object({ kind: z.literal('sync') }),
]);

export interface DigestWorkerDeps extends SendDigestDeps, ReminderDeps {
  logger: Logger;
  /** The digests queue itself (for the sync job). */
  queue: Queue<DigestJob>;
  /** For the scheduler sync (which units have which digest time). */
  sql: Pick<SqlExecutor, 'query'>;
}

/** Parses the payload and runs the job; returns a small summary stored with the job. */
export function createDigestProcessor(deps: DigestWorkerDeps): Processor<DigestJob, unknown> {
  return async (job: Job<DigestJob>) => {
    const parsed = digestJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid digest job: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const data = parsed.data;
    const logger = deps.logger.child({ queue: QUEUES.digests, jobId: job.id, kind: data.kind });
    const d = { ...deps, logger };
    switch (data.kind) {
      case 'digest': {
        const { results } = await runScheduledDigest(d, data.unitId, data.period);
        return results.map((r) => r.type);
      }
      case 'catch-up': {
        const summary = await catchUpDigests(d);
        logger.info({ ...summary }, 'digest catch-up done');
        return summary;
      }
      case 'reminders':
        return sendReminders(d);
      case 'sync':
        return syncDigestSchedulers(deps.queue, deps.sql);
    }
  };
}

/** Starts the digests worker (a few jobs at once: each builds digests with several queries). */
export function createDigestWorker(queues: QueueFactory, deps: DigestWorkerDeps, concurrency = 4): Worker<DigestJob> {
  const worker = queues.worker<DigestJob>(QUEUES.digests, createDigestProcessor(deps), { concurrency });
  worker.on('failed', (job, e) =>
    deps.logger.warn({ queue: QUEUES.digests, jobId: job?.id, attempts: job?.attemptsMade, err: e.message }, 'digest job failed'),
  );
  worker.on('error', (e) => deps.logger.error({ queue: QUEUES.digests, err: e.message }, 'digest worker error'));
  return worker;
}
