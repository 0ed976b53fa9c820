/**
 * The per-person flood limit: at most `limit` updates per `windowMs` from one person, counted
 * in the shared state (so every bot process and thread counts together), with one friendly
 * notice when the limit is first passed in a window. The counter is a port with a Redis and a
 * PostgreSQL implementation (`createRedisFloodCounter`, db/state/flood-counter.ts); the
 * middleware is the few lines @grammyjs/ratelimiter had, whose store could only be Redis or memory.
 */
import type { Cluster, Redis } from 'ioredis';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

/** Counts hits per key in fixed windows. */
export interface FloodCounter {
  /** Counts one hit; returns the hits in the key's current window (the first hit opens a window of `windowMs`). */
  hit(key: string, windowMs: number): Promise<number>;
}

/** The Redis counter: INCR, and PEXPIRE on the first hit (what @grammyjs/ratelimiter's Redis store did). */
export function createRedisFloodCounter(redis: Redis | Cluster): FloodCounter {
  return {
    async hit(key, windowMs) {
      const hits = await redis.incr(key);
      if (hits === 1) await redis.pexpire(key, windowMs);
      return hits;
    },
  };
}

/** Options of the flood limit. */
export interface FloodLimitOptions {
  counter: FloodCounter;
  limit: number;
  windowMs: number;
  /** Key prefix of the counters (deployments and test runs sharing a store). */
  prefix?: string;
  onLimitExceeded(ctx: BotContext): Promise<unknown>;
}

/** The middleware: passes updates within the limit, answers the first one past it, drops the rest. */
export function floodLimit(opts: FloodLimitOptions): MiddlewareFn<BotContext> {
  const prefix = opts.prefix ?? 'pulse-flood-';
  return async (ctx, next) => {
    if (!ctx.from) return next();
    const hits = await opts.counter.hit(`${prefix}${ctx.from.id}`, opts.windowMs);
    if (hits <= opts.limit) return next();
    if (hits === opts.limit + 1) await opts.onLimitExceeded(ctx);
  };
}
