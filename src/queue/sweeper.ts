/**
 * The reconciler's process part (named `sweeper` in the process kinds): every stalled piece of
 * work — a report not analysed, an analysed report not evaluated for alerts, a message recorded
 * and not sent — gets a job that can run (app/reconcile/reconcile.ts), at start and then every
 * minute. A run that fails (a dependency down) is logged and tried again at the next tick.
 */
import { reconcile, type ReconcileDeps, type ReconcileSummary } from '../app/reconcile/reconcile.js';
import { createStalledWork } from '../db/read-models/stalled-work.js';
import { createDeliveryService } from '../delivery/service.js';
import type { Runtime } from '../runtime.js';
import type { AnalyzeJob } from './jobs/analyze.js';
import { QUEUES } from './names.js';
import { createWorkQueues } from './redrive.js';

/** Stops the periodic reconciler. */
export interface ReconcilerHandle {
  /** Runs once now (tests, start-up). */
  runOnce(): Promise<ReconcileSummary>;
  stop(): Promise<void>;
}

/**
 * Reconciles every `intervalMs` (default 60 s); overlapping ticks are skipped. `prune` runs
 * with each tick (the PostgreSQL state backend's expired rows; Redis expires keys itself).
 */
export function startReconciler(deps: ReconcileDeps & { intervalMs?: number; prune?: () => Promise<number> }): ReconcilerHandle {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = Promise.all([reconcile(deps), deps.prune?.()])
      .catch((e: unknown) => deps.logger.warn({ err: (e as Error).message }, 'reconciliation failed; trying again at the next tick'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, deps.intervalMs ?? 60_000);
  timer.unref();
  return {
    runOnce: () => reconcile(deps),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Process part: reconciles on the runtime's queues until shutdown, starting with one run now. */
export async function start(rt: Runtime): Promise<void> {
  const analysis = rt.queues.queue<AnalyzeJob>(QUEUES.analysis);
  const alerts = rt.queues.queue(QUEUES.alerts);
  const delivery = rt.queues.queue(QUEUES.delivery);
  const service = createDeliveryService({ deliveries: rt.repos.deliveries, queue: delivery, clock: rt.clock });
  const logger = rt.logger.child({ part: 'reconciler' });
  const handle = startReconciler({
    stalled: createStalledWork(rt.db.sql),
    queues: createWorkQueues({ analysis, alerts, delivery, requeueDelivery: service.requeue }),
    clock: rt.clock,
    logger,
    prune: () => rt.backend.pruneExpired(),
  });
  await handle.runOnce().catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'reconciliation at start failed'));
  rt.onShutdown('reconciler', async () => {
    await handle.stop();
    await Promise.all([analysis.close(), alerts.close(), delivery.close()]);
  });
}
