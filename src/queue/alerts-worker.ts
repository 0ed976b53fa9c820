/**
 * The alerts worker: `evaluate-<reportId>` jobs from the analysis worker, and the delayed
 * `escalate-<alertId>-<step>` / `release-<alertId>-<step>` / `cards-<alertId>-[lead-]<dueAt>`
 * jobs the alerts module schedules.
 * Payloads are parsed with zod; a malformed one fails at once (UnrecoverableError).
 */
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { z } from 'zod';
import { evaluateReport, redriveAlerts, runCardEditsJob, runStepJob, type AlertsDeps } from '../app/alerts/index.js';
import type { QueueFactory } from './factory.js';
import { evaluateJobSchema } from './jobs/alerts.js';
import { QUEUES } from './names.js';

const stepJobSchema = z.object({ kind: z.enum(['escalate', 'release']), alertId: z.number().int().positive(), step: z.number().int().min(0) });
const cardsJobSchema = z.object({ kind: z.literal('cards'), issueGroupId: z.number().int().positive(), dueAt: z.number().int(), lead: z.boolean().optional(), touching: z.array(z.number().int().positive()).max(100).optional() });
const reconcileJobSchema = z.object({ kind: z.literal('reconcile') });
const alertsJobSchema = z.union([evaluateJobSchema, stepJobSchema, cardsJobSchema, reconcileJobSchema]);

/** The reconciler's schedule on the alerts queue (every minute, whichever worker takes it). */
export const RECONCILE_SCHEDULER_ID = 'alerts-reconcile';
export const RECONCILE_EVERY_MS = 60_000;

export interface AlertsWorkerDeps extends AlertsDeps {
  queues: QueueFactory;
  concurrency?: number;
}

/** Builds and starts the worker; `close()` stops it. */
export function createAlertsWorker(deps: AlertsWorkerDeps): Worker {
  const processor = async (job: Job) => {
    const parsed = alertsJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid alerts job payload');
    const data = parsed.data;
    const log = deps.logger.child({ queue: QUEUES.alerts, jobId: job.id });
    if (data.kind === 'evaluate') {
      const outcome = await evaluateReport({ ...deps, logger: log }, data.reportId);
      log.debug({ reportId: data.reportId, outcome: outcome.type }, 'report evaluated');
      return outcome.type;
    }
    if (data.kind === 'cards') return runCardEditsJob({ ...deps, logger: log }, data);
    if (data.kind === 'reconcile') return redriveAlerts({ ...deps, logger: log });
    return runStepJob({ ...deps, logger: log }, data);
  };
  const worker = deps.queues.worker(QUEUES.alerts, processor, { concurrency: deps.concurrency ?? 8 });
  worker.on('failed', (job, err) => deps.logger.warn({ queue: QUEUES.alerts, jobId: job?.id, err: err.message }, 'alerts job failed'));
  return worker;
}
