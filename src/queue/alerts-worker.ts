/**
 * The alerts worker: `evaluate-<reportId>` jobs from the analysis worker, and the delayed
 * `escalate-<alertId>-<step>` / `release-<alertId>-<step>` / `cards-<alertId>-[lead-]<dueAt>`
 * jobs the alerts module schedules.
 * Payloads are parsed with zod; a malformed one fails at once (UnrecoverableError).
 */
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import { z } from 'zod';
import { evaluateReport, reconcileAlertScopes, redriveAlerts, runCardEditsJob, runStepJob, warmUpAlerts, type AlertsDeps } from '../app/alerts/index.js';
import type { CardEditGate } from '../app/alerts/deps.js';
import type { QueueFactory } from './factory.js';
import type { Repositories } from '../db/repositories/index.js';
import { createDeliveryService } from '../delivery/index.js';
import type { Clock } from '../domain/clock.js';
import type { Translate } from '../domain/translate.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { createAlertJobs } from './alert-jobs.js';
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

/** The adapters the alert use cases run on, over one set of repositories, queues and the state backend's card-edit gate. */
export interface AlertsAdapters {
  repos: Pick<Repositories, 'alerts' | 'units' | 'members' | 'settings' | 'audit' | 'deliveries'>;
  alertsQueue: Queue;
  deliveryQueue: Queue;
  /** The card-edit windows (StateBackend.cardEditGate(): Redis or PostgreSQL). */
  cardEditGate: CardEditGate;
  t: Translate;
  clock: Clock;
  logger: Logger;
  cardEditDelayMs?: number;
}

/** Wires the alert use cases' ports to their adapters (composition roots, tests and benchmarks). */
export function alertsDepsFrom(a: AlertsAdapters): AlertsDeps {
  return {
    alerts: a.repos.alerts,
    units: a.repos.units,
    members: a.repos.members,
    settings: a.repos.settings,
    audit: a.repos.audit,
    messages: createDeliveryService({ deliveries: a.repos.deliveries, queue: a.deliveryQueue, clock: a.clock }),
    jobs: createAlertJobs(a.alertsQueue),
    t: a.t,
    clock: a.clock,
    logger: a.logger,
    ...(a.cardEditDelayMs !== undefined ? { cardEditDelayMs: a.cardEditDelayMs } : {}),
    cardEditGate: a.cardEditGate,
  };
}

/** The alerts dependencies over a runtime (the bot's alertsFeature takes the same object); `close` closes its queues. */
export function alertsDepsFromRuntime(rt: Runtime): AlertsDeps & { close(): Promise<void> } {
  const alertsQueue = rt.queues.queue(QUEUES.alerts);
  const deliveryQueue = rt.queues.queue(QUEUES.delivery);
  const deps = alertsDepsFrom({
    repos: rt.repos,
    alertsQueue,
    deliveryQueue,
    cardEditGate: rt.backend.cardEditGate(),
    t: rt.t,
    clock: rt.clock,
    logger: rt.logger.child({ part: 'alerts' }),
    cardEditDelayMs: rt.config.ALERT_EDIT_WINDOW_MS,
  });
  return { ...deps, close: async () => void (await Promise.all([alertsQueue.close(), deliveryQueue.close()])) };
}

/** Starts the alerts worker inside a runtime, warmed up first (app/alerts/warm-up.ts). */
export async function startAlertsWorker(rt: Runtime, opts: { concurrency?: number } = {}): Promise<Worker> {
  const deps = alertsDepsFromRuntime(rt);
  await warmUpAlerts(deps).catch((err: unknown) => deps.logger.warn({ err }, 'alerts warm-up failed; starting cold'));
  await reconcileAlertScopes({ ...deps, uncovered: rt.repos.alerts }).catch((err: unknown) => deps.logger.warn({ err }, 'alert scope reconciliation failed'));
  await redriveAlerts(deps).catch((err: unknown) => deps.logger.warn({ err }, 'stalled alerts could not be driven at start'));
  const alertsQueue = rt.queues.queue(QUEUES.alerts);
  await alertsQueue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: { kind: 'reconcile' }, opts: { removeOnComplete: true, removeOnFail: 100 } });
  const worker = createAlertsWorker({ ...deps, queues: rt.queues, concurrency: opts.concurrency ?? rt.config.WORKER_CONCURRENCY });
  rt.onShutdown('alerts-worker', async () => {
    await worker.close();
    await alertsQueue.close();
    await deps.close();
  });
  return worker;
}
