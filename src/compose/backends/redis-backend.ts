/**
 * The Redis state backend (STATE_BACKEND=redis): BullMQ on one Redis server or a Redis Cluster
 * (hash-tagged prefixes, so that each queue's and each Lua script's keys share one slot), the
 * bot's state, card-edit windows and the delivery limiter in Redis. Loaded only when chosen.
 */
import type { StateBackend } from './port.js';
import { createRedisBotState } from '../../bot/state.js';
import { createRedisLimiterStore } from '../../delivery/redis-limiter-store.js';
import type { Logger } from '../../logger.js';
import { createRedisCardEditGate } from '../../queue/card-edit-gate.js';
import { createRedisQueueFactory } from '../../queue/factory.js';
import { createRedisConnection, hashTagged, pingRedis, RedisUnavailableError, type Cluster, type Redis } from '../../queue/redis.js';

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
