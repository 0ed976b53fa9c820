/**
 * Redis connections for STATE_BACKEND=redis: one server, or a Redis Cluster when REDIS_URL lists
 * several seed nodes. BullMQ needs `maxRetriesPerRequest: null` on connections its workers use.
 * On a cluster every key prefix is hash-tagged (`{pulse}`, BullMQ's documented convention), so
 * that all keys of a queue, and all keys of each Lua script of ours, fall in one slot.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type { Redis, Cluster };

/** A connection suitable for BullMQ queues and workers and for grammY storage. */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...opts });
}

/** A Redis Cluster from its seed URLs (each `redis://host:port`, optionally with a password). */
export function createRedisCluster(urls: string[], opts: RedisOptions = {}): Cluster {
  const nodes = urls.map((u) => {
    const p = new URL(u);
    return { host: p.hostname, port: Number(p.port || 6379) };
  });
  const first = new URL(urls[0]!);
  const auth = first.password ? { password: decodeURIComponent(first.password), ...(first.username ? { username: decodeURIComponent(first.username) } : {}) } : {};
  return new Cluster(nodes, {
    redisOptions: { maxRetriesPerRequest: null, ...auth, ...(first.protocol === 'rediss:' ? { tls: {} } : {}), ...opts },
    enableReadyCheck: true,
  });
}

/** One server for one URL, a cluster for several. */
export function createRedisConnection(urls: string[], opts: RedisOptions = {}): Redis | Cluster {
  return urls.length > 1 ? createRedisCluster(urls, opts) : createRedis(urls[0]!, opts);
}

/** The key prefix as a hash tag (`pulse` → `{pulse}`), so that every key under it shares one cluster slot. */
export function hashTagged(prefix: string): string {
  return /\{[^}]+\}/.test(prefix) ? prefix : `{${prefix}}`;
}

/** True when a PING to `url` answers within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** STATE_BACKEND=redis and nothing answers at REDIS_URL. */
export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(readonly url: string) {
    super(`Redis does not answer at ${url}: start one ("docker compose up -d redis") or use STATE_BACKEND=postgres`);
    this.name = 'RedisUnavailableError';
  }
}
