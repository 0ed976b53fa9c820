/**
 * `npm run cli -- <command>`: the admin CLI, enough for a real deployment to start.
 * Works on DATABASE_URL (PostgreSQL) or the embedded database, without Redis.
 *
 *   migrate | seed
 *   unit create --name NAME [--parent ID|NAME] [--tz ZONE] [--digest-time HH:MM]
 *   unit list
 *   invite create --unit ID|NAME --role collaborator|leader|admin [--days 7] [--uses 1] [--label TEXT]
 *   member list [--unit ID|NAME] | member deactivate ID
 *   settings show [--unit ID|NAME] | settings set KEY VALUE [--unit ID|NAME] | settings unset KEY [--unit ID|NAME]
 *   retention [--dry-run]
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from '../db/client.js';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '../db/migrate.js';
import { createRepositories } from '../db/repositories/index.js';
import { createRetentionStore } from '../db/stores/retention-store.js';
import { createSurveyStore } from '../db/stores/survey-store.js';
import { runCommand, USAGE } from './commands.js';

const config = loadConfigOrExit(process.env);
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    parent: { type: 'string' },
    tz: { type: 'string' },
    'digest-time': { type: 'string' },
    unit: { type: 'string' },
    role: { type: 'string' },
    days: { type: 'string' },
    uses: { type: 'string' },
    label: { type: 'string' },
    'dry-run': { type: 'boolean' },
    file: { type: 'string' },
    member: { type: 'string' },
    draft: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || positionals.length === 0) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}
const db = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
let code = 0;
try {
  const migrated = await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  if (positionals[0] === 'migrate') {
    console.log(`${migrated.applied.length} migration(s) applied, ${migrated.skipped.length} already there`);
  } else {
    const out = await runCommand(
      { repos: createRepositories(db), retention: createRetentionStore(db.sql), surveys: createSurveyStore(db.prisma, db.sql), clock: () => new Date(), botUsername: config.BOT_USERNAME },
      positionals,
      values,
    );
    process.stdout.write(out.text);
    code = out.exitCode;
  }
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  code = 1;
} finally {
  await db.close();
}
process.exit(code);
