/**
 * The reconciler part's composition: the stalled-work read model, the work queues and the
 * delivery service wired into the sweeper inside a runtime; and the retention job
 * (app/retention), at start and every RETENTION_EVERY_MS (each run takes an advisory lock, so
 * several workers processes do not run it at once).
 */
import { createStalledWork } from '../db/read-models/stalled-work.js';
import { createDeliveryService } from '../delivery/service.js';
import type { AnalyzeJob } from '../queue/jobs/analyze.js';
import { QUEUES } from '../queue/names.js';
import { createWorkQueues } from '../queue/redrive.js';
import { startReconciler } from '../queue/sweeper.js';
import type { Runtime } from './runtime.js';
import { runRetention } from '../app/retention/run-retention.js';
import { createRetentionStore } from '../db/stores/retention-store.js';
import { startSurveyTicker } from './surveys.js';

/** How often the retention job runs (reports expire by the month: a few times a day is plenty). */
export const RETENTION_EVERY_MS = 6 * 3600_000;

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
  const retention = { store: createRetentionStore(rt.db.sql), audit: rt.repos.audit, clock: rt.clock, logger };
  let retaining: Promise<unknown> = Promise.resolve();
  const retain = () => {
    retaining = runRetention(retention).catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'retention run failed'));
  };
  retain();
  const retentionTimer = setInterval(retain, RETENTION_EVERY_MS);
  retentionTimer.unref();
  await startSurveyTicker(rt);
  rt.onShutdown('reconciler', async () => {
    clearInterval(retentionTimer);
    await retaining;
    await handle.stop();
    await Promise.all([analysis.close(), alerts.close(), delivery.close()]);
  });
}
