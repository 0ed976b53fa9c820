/**
 * The reconciler's process part (named `sweeper` in the process kinds): every stalled piece of
 * work — a report not analysed, an analysed report not evaluated for alerts, a message recorded
 * and not sent — gets a job that can run (app/reconcile/reconcile.ts), at start and then every
 * minute. A run that fails (a dependency down) is logged and tried again at the next tick.
 */
import { reconcile, type ReconcileDeps, type ReconcileSummary } from '../app/reconcile/reconcile.js';

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
