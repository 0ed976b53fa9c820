/**
 * Entry point of an alerts worker process: `tsx workers/alerts.ts` (or `start(rt)` from
 * src/main.ts). Evaluates analysed reports, runs escalation and quiet-hour release jobs.
 */
import { pathToFileURL } from 'node:url';
import { startAlertsWorker } from '../src/compose/alerts.js';
import { runStandalone, type Runtime } from '../src/compose/runtime.js';

/** Starts the alerts worker. */
export async function start(rt: Runtime): Promise<void> {
  await startAlertsWorker(rt);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('alerts', start);
