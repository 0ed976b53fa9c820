import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/web/create-server.js';
import { silentLogger } from '../../../src/logger.js';
import { createRedis } from '../../../src/queue/redis.js';
import { TEST_REDIS_URL } from '../../support/db.js';

describe('web health endpoints (real HTTP on port 0)', () => {
  const redis = createRedis(TEST_REDIS_URL);
  afterAll(() => redis.quit());

  it('answers /health and /ready with every dependency up', async () => {
    const app = await createServer({ logger: silentLogger(), checks: [{ name: 'redis', check: async () => void (await redis.ping()) }] });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { redis: 'ok' } });
    } finally {
      await app.close();
    }
  });

  it('reports 503 and names the dependency that is down', async () => {
    const app = await createServer({
      logger: silentLogger(),
      checks: [
        { name: 'redis', check: async () => void (await redis.ping()) },
        { name: 'database', check: async () => Promise.reject(new Error('connection refused')) },
      ],
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'degraded', checks: { redis: 'ok', database: 'down: connection refused' } });
    } finally {
      await app.close();
    }
  });
});
