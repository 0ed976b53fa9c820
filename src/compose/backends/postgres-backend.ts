/**
 * The PostgreSQL state backend (STATE_BACKEND=postgres): BullMQ's PostgreSQL backend in its own
 * schema (`public` on the embedded database, served over a loopback socket, polled), and the
 * bot's state, card-edit windows and the delivery limiter in tables of ours (db/state/).
 * Loaded only when chosen.
 */
import type { StateBackend } from './port.js';
import type { Database } from '../../db/client.js';
import { createPostgresCardEditGate } from '../../db/state/card-edit-gate.js';
import { createPostgresConversationStorage } from '../../db/state/conversations.js';
import { createPostgresDraftStore } from '../../db/state/draft-store.js';
import { createPostgresFloodCounter } from '../../db/state/flood-counter.js';
import { createPostgresLimiterStore } from '../../db/state/limiter-store.js';
import { pruneExpiredState } from '../../db/state/prune.js';
import type { Logger } from '../../logger.js';
import { createPostgresQueueFactory } from '../../queue/factory.js';
import { migrateQueueSchema } from '../../queue/postgres-schema.js';

/** Options of the PostgreSQL backend. */
export interface PostgresBackendOptions {
  /** Key prefix of the state rows (deployments and test runs sharing tables). */
  prefix: string;
  /**
   * BullMQ's schema. Default `bullmq`, or `<schema>_bullmq` when DATABASE_URL names a schema
   * (deployments sharing a database keep their queues apart); always `public` on the embedded database.
   */
  queueSchema?: string;
  logger: Logger;
}

/** Opens the PostgreSQL backend on the process's database (migrating BullMQ's schema). */
export async function openPostgresBackend(db: Pick<Database, 'kind' | 'schema' | 'sql' | 'connectionUrl'>, opts: PostgresBackendOptions): Promise<StateBackend> {
  const embedded = db.kind === 'pglite';
  const schema = embedded ? 'public' : (opts.queueSchema ?? (db.schema === 'public' ? 'bullmq' : `${db.schema}_bullmq`));
  const url = await db.connectionUrl();
  await migrateQueueSchema(url, schema);
  const sql = db.sql;
  return {
    kind: 'postgres',
    queueSchema: schema,
    queues: createPostgresQueueFactory({ connectionString: url, schema, prefix: opts.prefix, logger: opts.logger, ...(embedded ? { pollSeconds: 0.2 } : {}) }),
    botState: async (o = {}) => ({
      conversations: await createPostgresConversationStorage(sql),
      drafts: createPostgresDraftStore(sql, o.draftsPrefix ?? `${opts.prefix}:drafts`),
      flood: createPostgresFloodCounter(sql),
    }),
    cardEditGate: () => createPostgresCardEditGate(sql, opts.prefix),
    limiterStore: () => createPostgresLimiterStore(sql, opts.prefix),
    pruneExpired: () => pruneExpiredState(sql),
    ping: async () => void (await sql.query('SELECT 1')),
    close: async () => undefined,
  };
}
