/**
 * The backend of queues and short-lived shared state, chosen by configuration (STATE_BACKEND):
 *
 * - `redis`: BullMQ on Redis (one server, or a Redis Cluster with hash-tagged prefixes), the
 *   bot's state, card-edit windows and the delivery limiter in Redis (Lua where atomic);
 * - `postgres`: BullMQ's PostgreSQL backend in its own schema (`public` on the embedded
 *   database, served over a loopback socket), the same state in tables of ours (db/state/).
 *
 * Part of the composition roots' wiring (src/compose/runtime.ts builds one per process): nothing else
 * names a backend; use cases see only the ports (QueueFactory, BotState, CardEditGate, LimiterStore).
 * Each backend's module (src/backends/) is imported only when chosen (ioredis alone is ~13 MB).
 */
import type { StateBackend } from './backends/port.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';

export type { StateBackend } from './backends/port.js';

/** Opens the backend `kind` for a process (the PostgreSQL one on the process's database). */
export async function openStateBackend(
  kind: 'redis' | 'postgres',
  db: Pick<Database, 'kind' | 'schema' | 'sql' | 'connectionUrl'>,
  opts: { redisUrls: string[]; prefix: string; queueSchema?: string; logger: Logger },
): Promise<StateBackend> {
  if (kind === 'postgres') {
    const { openPostgresBackend } = await import('./backends/postgres-backend.js');
    return openPostgresBackend(db, { prefix: opts.prefix, logger: opts.logger, ...(opts.queueSchema ? { queueSchema: opts.queueSchema } : {}) });
  }
  const { openRedisBackend } = await import('./backends/redis-backend.js');
  return openRedisBackend({ urls: opts.redisUrls, prefix: opts.prefix, logger: opts.logger, requireReachable: db.kind === 'pglite' });
}
