/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (PostgreSQL) or, when unset,
 * to the embedded PGlite database under PGLITE_DIR. Re-running is a no-op.
 */
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations, readMigrations } from '../src/db/migrate.js';

const config = loadConfigOrExit(process.env);
const db = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
try {
  const r = await applyMigrations(db.sql, readMigrations(resolve(import.meta.dirname, '../prisma/migrations')));
  const where = db.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.PGLITE_DIR})`;
  console.log(`${where}: ${r.applied.length} migration(s) applied, ${r.skipped.length} already there`);
  for (const name of r.applied) console.log(`  applied ${name}`);
} finally {
  await db.close();
}
