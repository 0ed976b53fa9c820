/**
 * The state backends the integration tests run on (`describe.each(BACKENDS)`): Redis (the
 * local server, a random key prefix) and PostgreSQL (BullMQ's schema and our state tables in
 * the test file's own schemas). TEST_BACKENDS=redis (or postgres) narrows the list.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StateBackend } from '../../src/compose/backends.js';
import { openPostgresBackend } from '../../src/compose/backends/postgres-backend.js';
import { openRedisBackend } from '../../src/compose/backends/redis-backend.js';
import { silentLogger } from '../../src/logger.js';
import { createRedis } from '../../src/queue/redis.js';
import type { Database } from '../../src/db/client.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './db.js';

export type BackendKind = 'redis' | 'postgres';

/** Every backend, or those named in TEST_BACKENDS (comma-separated). */
export const BACKENDS: BackendKind[] = (process.env.TEST_BACKENDS?.split(',') ?? ['redis', 'postgres']).filter(
  (b): b is BackendKind => b === 'redis' || b === 'postgres',
);

/** A backend of a test file, with a `destroy()` that removes what it stored. */
export interface TestBackend extends StateBackend {
  destroy(): Promise<void>;
}

/** Opens `kind` for a test file on its database (the PostgreSQL backend keeps its queues in a schema next to the file's). */
export async function openTestBackend(kind: BackendKind, db: Pick<Database, 'kind' | 'schema' | 'sql' | 'connectionUrl'>, prefix = `t${randomBytes(4).toString('hex')}`): Promise<TestBackend> {
  const logger = silentLogger();
  if (kind === 'redis') {
    const backend = await openRedisBackend({ urls: [TEST_REDIS_URL], prefix, logger });
    return {
      ...backend,
      async destroy() {
        await backend.close();
        const redis = createRedis(TEST_REDIS_URL);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  }
  const queueSchema = db.kind === 'pglite' ? undefined : `${db.schema}_q`;
  const backend = await openPostgresBackend(db, { prefix, logger, ...(queueSchema ? { queueSchema } : {}) });
  return {
    ...backend,
    async destroy() {
      await backend.close();
      if (!queueSchema) return;
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
      await c.end();
    },
  };
}
