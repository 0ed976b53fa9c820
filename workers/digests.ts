/**
 * Entry point of the digests worker process: syncs the per-unit job schedulers (daily at the
 * unit's digest time in its zone, weekly on Monday, monthly on the 1st, reminders hourly),
 * queues one catch-up of missed runs at start-up, and processes the `digests` queue.
 * Digests and reminders leave through the delivery queue. Run directly: `tsx workers/digests.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startDigests } from '../src/compose/digests.js';
import { runStandalone, type Runtime } from '../src/compose/runtime.js';

/** Starts the digests part on the runtime; closers registered with `rt.onShutdown`. */
export async function start(rt: Runtime): Promise<void> {
  await startDigests(rt);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('digests', start);
