/**
 * The alerts part's composition: the alert use cases' ports wired to their adapters
 * (repositories, the delivery service, the alerts queue, the card-edit gate), and the part that
 * starts the alerts worker inside a runtime (warm-up, scope reconciliation, stalled alerts
 * driven on, the reconciler's schedule).
 */
import type { Queue, Worker } from 'bullmq';
import { reconcileAlertScopes, redriveAlerts, warmUpAlerts, type AlertsDeps, type CardEditGate } from '../app/alerts/index.js';
import type { Repositories } from '../db/repositories/index.js';
import { createDeliveryService } from '../delivery/index.js';
import type { Clock } from '../domain/clock.js';
import type { Translate } from '../domain/translate.js';
import type { Logger } from '../logger.js';
import { createAlertJobs } from '../queue/alert-jobs.js';
import { createAlertsWorker, RECONCILE_EVERY_MS, RECONCILE_SCHEDULER_ID } from '../queue/alerts-worker.js';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from './runtime.js';

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
