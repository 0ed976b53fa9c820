/**
 * The safety net behind "nothing typed is ever lost": every report still `received` some
 * seconds after it was stored gets its analysis job (re-)added. When the queues were down at Submit
 * the job was never added; adding an existing job id is a no-op, so sweeping twice is harmless.
 */
import type { Queue } from 'bullmq';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { enqueueAnalysis, type AnalyzeJob } from './jobs/analyze.js';
import { QUEUES } from './names.js';

/** What a sweep needs. */
export interface SweeperDeps {
  repos: Pick<Repositories, 'reports'>;
  analysisQueue: Queue<AnalyzeJob>;
  clock: Clock;
  logger: Logger;
  /** Reports younger than this are left to the normal path (ms; default 30 s). */
  graceMs?: number;
}

/** One sweep: enqueues the analysis of every `received` report older than the grace period. */
export async function sweepReceivedReports(deps: SweeperDeps): Promise<{ enqueued: number }> {
  const olderThan = new Date(deps.clock().getTime() - (deps.graceMs ?? 30_000));
  const ids = await deps.repos.reports.receivedBefore(olderThan, 500);
  let enqueued = 0;
  for (const id of ids) {
    await enqueueAnalysis(deps.analysisQueue, id);
    enqueued += 1;
  }
  if (enqueued > 0) deps.logger.info({ queue: QUEUES.analysis, count: enqueued }, 'sweeper re-enqueued received reports');
  return { enqueued };
}

/** Stops the periodic sweeper. */
export interface SweeperHandle {
  stop(): Promise<void>;
}

/**
 * Sweeps every `intervalMs` (default 60 s); a failed sweep (queues down) is logged and retried
 * next time. `prune` runs with each sweep (the PostgreSQL backend's expired state).
 */
export function startSweeper(deps: SweeperDeps & { intervalMs?: number; prune?: () => Promise<number> }): SweeperHandle {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = Promise.all([sweepReceivedReports(deps), deps.prune?.()])
      .catch((e: unknown) => deps.logger.warn({ err: (e as Error).message }, 'sweep failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, deps.intervalMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Process part: runs the sweeper on the runtime's analysis queue until shutdown. */
export async function start(rt: Runtime): Promise<void> {
  const analysisQueue = rt.queues.queue<AnalyzeJob>(QUEUES.analysis);
  const handle = startSweeper({
    repos: rt.repos,
    analysisQueue,
    clock: rt.clock,
    logger: rt.logger.child({ part: 'sweeper' }),
    prune: () => rt.backend.pruneExpired(),
  });
  rt.onShutdown('sweeper', async () => {
    await handle.stop();
    await analysisQueue.close();
  });
}
