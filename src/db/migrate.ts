/**
 * Applies the committed SQL migrations (prisma/migrations/<name>/migration.sql) in name order,
 * each in its own transaction, and records them in `_prisma_migrations` with the same columns
 * the Prisma CLI uses, so a machine with internet can still run `prisma migrate deploy`.
 * Re-running is a no-op; a changed, already-applied migration is refused.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SqlExecutor } from './sql.js';

/** The committed migrations (prisma/migrations; dist/prisma/migrations in the build). */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../prisma/migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

/** Reads the migration folders in order. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Any fixed number: processes starting together (bot, workers, web) serialise on it. */
const MIGRATION_LOCK = 72_431_977;

/**
 * Applies every migration not yet recorded; throws if a recorded one changed. Each migration
 * runs in its own transaction under a transaction-level advisory lock and re-checks the
 * ledger inside it, so processes that start at the same time apply each migration once.
 */
export async function applyMigrations(db: SqlExecutor, migrations: MigrationFile[]): Promise<MigrateResult> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(LEDGER);
  });
  const result: MigrateResult = { applied: [], skipped: [] };
  for (const m of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const rows = await tx.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (rows[0]) {
        if (rows[0].checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied (checksum mismatch)`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      return true;
    });
    (applied ? result.applied : result.skipped).push(m.name);
  }
  return result;
}
