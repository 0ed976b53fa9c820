/**
 * The delivery part's composition: the Bot API client (real Telegram, a local Bot API server
 * or the runtime's fake), the delivery port and the limiter store wired into the delivery worker.
 */
import type { Worker } from 'bullmq';
import { Api } from 'grammy';
import { createDeliveryPort } from '../delivery/index.js';
import type { DeliveryJob } from '../delivery/service.js';
import { warmUpDelivery } from '../delivery/warm-up.js';
import { createDeliveryWorker, type DeliveryWorkerDeps } from '../queue/delivery-worker.js';
import type { Runtime } from './runtime.js';

/**
 * Starts a delivery worker inside a runtime, warmed up first (delivery/warm-up.ts): real
 * Telegram with a token, else the runtime's fake Bot API. `observers` lets the composition root plug in the alerts observer (the
 * `workers/delivery.ts` entry does).
 */
export async function startDeliveryWorker(
  rt: Runtime,
  opts: Pick<DeliveryWorkerDeps, 'observers' | 'concurrency' | 'limiter'> = {},
): Promise<Worker<DeliveryJob>> {
  const api = new Api(rt.telegram.token, {
    ...(rt.telegram.fetch ? { fetch: rt.telegram.fetch } : {}),
    ...(rt.telegram.apiRoot ? { apiRoot: rt.telegram.apiRoot } : {}),
    timeoutSeconds: 30,
  });
  const port = createDeliveryPort(rt);
  const logger = rt.logger.child({ part: 'delivery' });
  await warmUpDelivery(rt.repos.deliveries).catch((err: unknown) => logger.warn({ err }, 'delivery warm-up failed; starting cold'));
  const worker = createDeliveryWorker({ api, repos: rt.repos, queues: rt.queues, limiterStore: rt.backend.limiterStore(), port, t: rt.t, clock: rt.clock, logger, ...opts });
  rt.onShutdown('delivery-worker', () => worker.close());
  return worker;
}
