/**
 * The backend of queues and short-lived shared state, chosen by configuration (STATE_BACKEND):
 *
 * - `redis`: BullMQ on Redis (one server, or a Redis Cluster with hash-tagged prefixes), the
 *   bot's state, card-edit windows and the delivery limiter in Redis (Lua where atomic);
 * - `postgres`: BullMQ's PostgreSQL backend in its own schema (`public` on the embedded
 *   database, served over a loopback socket), the same state in tables of ours (db/state/).
 *
 * Part of the composition roots' wiring (src/runtime.ts builds one per process): nothing else
 * names a backend; use cases see only the ports (QueueFactory, BotState, CardEditGate, LimiterStore).
 */
import type { CardEditGate } from './app/alerts/deps.js';
import { createRedisBotState, type BotState } from './bot/state.js';
import type { Database } from './db/client.js';
import { createPostgresCardEditGate } from './db/state/card-edit-gate.js';
import { createPostgresConversationStorage } from './db/state/conversations.js';
import { createPostgresDraftStore } from './db/state/draft-store.js';
import { createPostgresFloodCounter } from './db/state/flood-counter.js';
import { createPostgresLimiterStore } from './db/state/limiter-store.js';
import { pruneExpiredState } from './db/state/prune.js';
import type { LimiterStore } from './delivery/limiter.js';
import { createRedisLimiterStore } from './delivery/redis-limiter-store.js';
import type { Logger } from './logger.js';
import { createRedisCardEditGate } from './queue/card-edit-gate.js';
import { createPostgresQueueFactory, createRedisQueueFactory, type QueueFactory } from './queue/factory.js';
import { migrateQueueSchema } from './queue/postgres-schema.js';
import { createRedisConnection, hashTagged, pingRedis, RedisUnavailableError, type Cluster, type Redis } from './queue/redis.js';

/** Queues and shared state on one backend. */
export interface StateBackend {
  kind: 'redis' | 'postgres';
  queues: QueueFactory;
  /** PostgreSQL: the schema of BullMQ's tables (bot threads open their backend on the same). */
  queueSchema?: string;
  /** The bot's conversation state, draft index and flood counters (`draftsPrefix` isolates test runs and the demo). */
  botState(opts?: { draftsPrefix?: string }): Promise<BotState>;
  cardEditGate(): CardEditGate;
  limiterStore(): LimiterStore;
  /** Removes expired state (PostgreSQL; Redis expires keys itself): the sweeper calls it. */
  pruneExpired(): Promise<number>;
  /** Resolves when the backend answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Options of the Redis backend. */
export interface RedisBackendOptions {
  /** REDIS_URL split at commas: one server, or the seed nodes of a cluster. */
  urls: string[];
  /** Key prefix (hash-tagged on a cluster). */
  prefix: string;
  logger: Logger;
  /** Fail at once when nothing answers (rather than retrying in the background). */
  requireReachable?: boolean;
}

/** Opens the Redis backend. */
export async function openRedisBackend(opts: RedisBackendOptions): Promise<StateBackend> {
  if (opts.requireReachable && opts.urls.length === 1 && !(await pingRedis(opts.urls[0]!))) throw new RedisUnavailableError(opts.urls[0]!);
  const cluster = opts.urls.length > 1;
  const prefix = cluster ? hashTagged(opts.prefix) : opts.prefix;
  const redis = createRedisConnection(opts.urls);
  redis.on('error', (err: Error) => opts.logger.warn({ err: err.message }, 'redis connection error'));
  // The bot's state on a connection of its own with auto-pipelining: the commands of all
  // updates in flight leave in one write per tick. Not for BullMQ, which is not known to be safe with it.
  let stateRedis: Redis | Cluster | null = null;
  const botRedis = () => {
    if (!stateRedis) {
      stateRedis = cluster ? (redis as Cluster).duplicate(undefined, { enableAutoPipelining: true }) : (redis as Redis).duplicate({ enableAutoPipelining: true });
      stateRedis.on('error', (err: Error) => opts.logger.warn({ err: err.message }, 'bot state redis connection error'));
    }
    return stateRedis;
  };
  const quit = async (r: Redis | Cluster) => void (await r.quit().catch(() => r.disconnect()));
  return {
    kind: 'redis',
    queues: createRedisQueueFactory(redis, prefix, opts.logger),
    botState: async (o = {}) => createRedisBotState(botRedis(), { draftsPrefix: o.draftsPrefix ?? `${prefix}:drafts` }),
    cardEditGate: () => createRedisCardEditGate(redis, prefix),
    limiterStore: () => createRedisLimiterStore(redis, prefix),
    pruneExpired: async () => 0,
    ping: async () => void (await redis.ping()),
    async close() {
      if (stateRedis) await quit(stateRedis);
      await quit(redis);
    },
  };
}

/** Options of the PostgreSQL backend. */
export interface PostgresBackendOptions {
  /** Key prefix of the state rows (deployments and test runs sharing tables). */
  prefix: string;
  /** BullMQ's schema (default `bullmq`; always `public` on the embedded database). */
  queueSchema?: string;
  logger: Logger;
}

/** Opens the PostgreSQL backend on the process's database (migrating BullMQ's schema). */
export async function openPostgresBackend(db: Pick<Database, 'kind' | 'sql' | 'connectionUrl'>, opts: PostgresBackendOptions): Promise<StateBackend> {
  const embedded = db.kind === 'pglite';
  const schema = embedded ? 'public' : (opts.queueSchema ?? 'bullmq');
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
