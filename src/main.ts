/**
 * The composition root for production processes:
 *   tsx src/main.ts bot       the Telegram bot (long polling or webhook)
 *   tsx src/main.ts workers   analysis, alerts, delivery and digest workers
 *   tsx src/main.ts web       health/readiness (and the dashboard, later)
 *   tsx src/main.ts all       everything in one process (required with the embedded database)
 *   tsx src/main.ts check-config   validate the configuration and exit
 * Scale by running more `workers` processes against the same Redis and PostgreSQL.
 */
import { loadConfigOrExit } from './config.js';
import { createRuntime, exitOnSignals } from './runtime.js';
import { startParts, type PartName } from './parts.js';

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
