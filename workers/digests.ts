/**
 * Entry point of the digests worker process: syncs the per-unit job schedulers (daily at the
 * unit's digest time in its zone, weekly on Monday, monthly on the 1st, reminders hourly),
 * queues one catch-up of missed runs at start-up, and processes the `digests` queue.
 * Digests and reminders leave through the delivery queue. Run directly: `tsx workers/digests.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createDeliveryService } from '../src/delivery/service.js';
import { enqueueCatchUp, syncDigestSchedulers, type DigestJob } from '../src/queue/digest-scheduler.js';
import { createDigestWorker } from '../src/queue/digest-worker.js';
import { QUEUES } from '../src/queue/names.js';
import { runStandalone, type Runtime } from '../src/runtime.js';

/** Starts the digests worker on the runtime; closers registered with `rt.onShutdown`. */
export async function start(rt: Runtime): Promise<void> {
  const logger = rt.logger.child({ part: 'digests' });
  const queue = rt.queues.queue<DigestJob>(QUEUES.digests);
  const deliveryQueue = rt.queues.queue(QUEUES.delivery);
  const delivery = createDeliveryService({ deliveries: rt.repos.deliveries, queue: deliveryQueue, clock: rt.clock });
  const deps = { sql: rt.db.sql, repos: rt.repos, clock: rt.clock, delivery, t: rt.t, logger, queue };
  const synced = await syncDigestSchedulers(queue, rt.db.sql);
  logger.info(synced, 'digest schedulers synced');
  rt.onShutdown('digests-queues', async () => {
    await queue.close();
    await deliveryQueue.close();
  });
  const worker = createDigestWorker(rt.queues, deps);
  rt.onShutdown('digests-worker', () => worker.close());
  await enqueueCatchUp(queue, rt.clock());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('digests', start);
