/**
 * BullMQ's PostgreSQL schema (its tables and SQL functions), created or upgraded once at start
 * by the process that opens the backend: BullMQ's `runMigrations` is idempotent and takes an
 * advisory lock, so processes starting together migrate once.
 */
import { runMigrations } from 'bullmq';
import pg from 'pg';

/** Migrates BullMQ's schema `schema` on the database at `url`. */
export async function migrateQueueSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await runMigrations(client as never, schema);
  } finally {
    await client.end();
  }
}
