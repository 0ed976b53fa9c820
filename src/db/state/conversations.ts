/**
 * grammY conversation state in PostgreSQL (STATE_BACKEND=postgres) through the maintained
 * adapter `@grammyjs/storage-psql` (PsqlAdapter). It needs only a `query(text, params)` that
 * answers `{ rows }`, which the project's executor gives on both PostgreSQL and PGlite. Its table
 * (`bot_conversations`, with the unique index it expects) is created by our migration, so the
 * adapter's own `CREATE … IF NOT EXISTS` at start changes nothing. It has no expiry: state ends
 * with its conversation, and the draft reaper drops what an abandoned flow leaves.
 */
import { PsqlAdapter } from '@grammyjs/storage-psql';
import type { Client } from 'pg';
import type { ConversationStorage } from '../../bot/state.js';
import type { SqlExecutor } from '../sql.js';

/** The table the adapter reads and writes (migration 20261201154415_postgres_state_backend). */
export const CONVERSATIONS_TABLE = 'bot_conversations';

/** The conversations storage adapter over the database. */
export async function createPostgresConversationStorage(sql: Pick<SqlExecutor, 'query'>): Promise<ConversationStorage> {
  const client = { query: async (text: string, params?: unknown[]) => ({ rows: await sql.query(text, params ?? []) }) };
  // typed as a pg Client, but the adapter only ever calls `client.query(text, params)`
  return (await PsqlAdapter.create({ client: client as unknown as Client, tableName: CONVERSATIONS_TABLE })) as ConversationStorage;
}
