/**
 * Test databases: a fresh PostgreSQL schema per test file (in the `test` database, dropped
 * afterwards) or a fresh in-memory PGlite, both migrated with the committed migrations.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export { MIGRATIONS_DIR };

export interface TestDatabase extends Database {
  url: string | null;
  /** Closes the connections and drops the schema. */
  destroy(): Promise<void>;
}

/**
 * A migrated PostgreSQL schema of its own. `migrationsBefore` stops before the named migration
 * (tests of a migration apply the rest themselves).
 */
export async function createPostgresTestDatabase(poolSize = 5, migrationsBefore?: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = `${TEST_DATABASE_URL}?schema=${schema}`;
  const db = await openDatabase({ url, poolSize });
  const all = readMigrations(MIGRATIONS_DIR);
  const stop = migrationsBefore ? all.findIndex((m) => m.name === migrationsBefore) : -1;
  if (migrationsBefore && stop < 0) throw new Error(`no migration ${migrationsBefore}`);
  await applyMigrations(db.sql, stop < 0 ? all : all.slice(0, stop));
  return {
    ...db,
    schema,
    url,
    async destroy() {
      await db.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/** A migrated in-memory PGlite database. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const db = await openDatabase({ pgliteDir: 'memory://' });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  return { ...db, url: null, destroy: () => db.close() };
}
