/**
 * Entry point of a delivery worker process: `tsx workers/delivery.ts` (or `start(rt)` from
 * src/main.ts). Several may run at once; the Redis-shared limiter keeps Telegram's limits.
 */
import { pathToFileURL } from 'node:url';
import { alertDeliveryObserver } from '../src/app/alerts/observer.js';
import { alertsDepsFromRuntime } from '../src/compose/alerts.js';
import { startDeliveryWorker } from '../src/compose/delivery.js';
import { runStandalone, type Runtime } from '../src/compose/runtime.js';
import { surveyObserver } from '../src/compose/surveys.js';

/** Starts the delivery worker with the alerts observer (records alert message ids). */
export async function start(rt: Runtime): Promise<void> {
  const alertsDeps = alertsDepsFromRuntime(rt);
  rt.onShutdown('delivery-alerts-queues', () => alertsDeps.close());
  await startDeliveryWorker(rt, { observers: [alertDeliveryObserver(alertsDeps), surveyObserver(rt)] });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('delivery', start);
