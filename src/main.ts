/**
 * The composition root for production processes:
 *   node dist/src/main.js bot       the Telegram bot (long polling or webhook)
 *   node dist/src/main.js workers   analysis, alerts, delivery and digest workers
 *   node dist/src/main.js web       health/readiness (and the dashboard, later)
 *   node dist/src/main.js all       everything in one process (required with the embedded database)
 *   node dist/src/main.js check-config   validate the configuration and exit
 * (`tsx src/main.ts <kind>` from the sources.) Scale by running more `workers` processes against
 * the same PostgreSQL (and Redis, with STATE_BACKEND=redis). The runtime and the parts are
 * imported only once the configuration is valid, and each part's modules only when it starts.
 */
import { loadConfigOrExit } from './config.js';
import type { PartName } from './compose/parts.js';

const KINDS: Record<string, PartName[]> = {
  bot: ['bot'],
  workers: ['analysis', 'alerts', 'delivery', 'digests', 'sweeper'],
  web: ['web'],
  all: ['web', 'analysis', 'alerts', 'delivery', 'digests', 'sweeper', 'bot'],
};

const kind = process.argv[2] ?? 'all';
const config = loadConfigOrExit(process.env);
if (kind === 'check-config') {
  console.log('configuration is valid');
  process.exit(0);
}
const parts = KINDS[kind];
if (!parts) {
  process.stderr.write(`unknown process kind "${kind}": use one of ${Object.keys(KINDS).join(', ')}, check-config\n`);
  process.exit(2);
}
if (!config.DATABASE_URL && kind !== 'all') {
  process.stderr.write('the embedded database (no DATABASE_URL) serves one process only: run "all", or set DATABASE_URL\n');
  process.exit(2);
}
const { createRuntime, exitOnSignals } = await import('./compose/runtime.js');
const { startParts } = await import('./compose/parts.js');
let rt;
try {
  rt = await createRuntime(config, { migrate: true });
} catch (e) {
  process.stderr.write(`cannot start: ${(e as Error).message}\n`);
  process.exit(1);
}
exitOnSignals(rt);
try {
  await startParts(rt, parts);
} catch (e) {
  rt.logger.error({ err: e }, 'start-up failed');
  await rt.shutdown('start-up failed');
  process.exit(1);
}
