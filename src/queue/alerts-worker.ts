/**
 * The alerts worker: `evaluate-<reportId>` jobs from the analysis worker, and the delayed
 * `escalate-<alertId>-<step>` / `release-<alertId>-<step>` / `cards-<alertId>-[lead-]<dueAt>`
 * jobs the alerts module schedules.
 * Payloads are parsed with zod; a malformed one fails at once (UnrecoverableError).
 */
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { z } from 'zod';
import { runCardEditsJob } from '../app/alerts/card-edits.js';
import { evaluateReport } from '../app/alerts/evaluate.js';
import { warmUpAlerts } from '../app/alerts/warm-up.js';
import { runStepJob } from '../app/alerts/escalate.js';
import type { AlertsDeps } from '../app/alerts/deps.js';
import type { QueueFactory } from './factory.js';
import { createDeliveryPort } from '../delivery/index.js';
import type { Runtime } from '../runtime.js';
import { evaluateJobSchema } from './jobs/alerts.js';
import { QUEUES } from './names.js';

const stepJobSchema = z.object({ kind: z.enum(['escalate', 'release']), alertId: z.number().int().positive(), step: z.number().int().min(0) });
const cardsJobSchema = z.object({ kind: z.literal('cards'), alertId: z.number().int().positive(), dueAt: z.number().int(), lead: z.boolean().optional() });
const alertsJobSchema = z.union([evaluateJobSchema, stepJobSchema, cardsJobSchema]);

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
    return runStepJob({ ...deps, logger: log }, data);
  };
  const worker = deps.queues.worker(QUEUES.alerts, processor, { concurrency: deps.concurrency ?? 8 });
  worker.on('failed', (job, err) => deps.logger.warn({ queue: QUEUES.alerts, jobId: job?.id, err: err.message }, 'alerts job failed'));
  return worker;
}

/** The alerts dependencies over a runtime (the bot's alertsFeature takes the same object). */
export function alertsDepsFromRuntime(rt: Runtime): AlertsDeps {
  return {
    repos: rt.repos,
    port: createDeliveryPort(rt),
    alertsQueue: rt.queues.queue(QUEUES.alerts),
    deliveryQueue: rt.queues.queue(QUEUES.delivery),
    t: rt.t,
    clock: rt.clock,
    logger: rt.logger.child({ part: 'alerts' }),
    cardEditDelayMs: rt.config.ALERT_EDIT_WINDOW_MS,
    cardEditGate: rt.backend.cardEditGate(),
  };
}

/** Starts the alerts worker inside a runtime, warmed up first (app/alerts/warm-up.ts). */
export async function startAlertsWorker(rt: Runtime, opts: { concurrency?: number } = {}): Promise<Worker> {
  const deps = alertsDepsFromRuntime(rt);
  await warmUpAlerts(deps).catch((err: unknown) => deps.logger.warn({ err }, 'alerts warm-up failed; starting cold'));
  const worker = createAlertsWorker({ ...deps, queues: rt.queues, concurrency: opts.concurrency ?? rt.config.WORKER_CONCURRENCY });
  rt.onShutdown('alerts-worker', async () => {
    await worker.close();
    await Promise.all([deps.alertsQueue.close(), deps.deliveryQueue?.close()]);
  });
  return worker;
}
