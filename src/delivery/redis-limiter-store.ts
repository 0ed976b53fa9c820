/**
 * The delivery limiter's state in Redis (STATE_BACKEND=redis): one Lua script per admission
 * attempt, Redis' own clock (TIME). All keys of one limiter start with `<prefix>:rl:`; with a
 * hash-tagged prefix (`{pulse}` on a Redis Cluster) they share one slot, as a script's keys must.
 */
import type { Cluster, Redis } from 'ioredis';
import type { LimiterStore } from './limiter.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// KEYS: 1 global pace, 2 chat log, 3 global block, 4 chat block, 5 slow flag, 6 chat in-flight
// ARGV: 1 unique token, 2 interval ms, 3 chat max, 4 chat window ms, 5 in-flight ttl ms, 6 catch-up ms
// Admission happens at the moment of sending (no future reservations), so a late timer can
// never bunch requests together.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = math.max(redis.call('PTTL', KEYS[3]), redis.call('PTTL', KEYS[4]))
if blocked > 0 then return {0, blocked, 2} end
if redis.call('EXISTS', KEYS[6]) == 1 then return {0, 25, 2} end
local interval = tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[5]) == 1 then interval = interval * 2 end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < tat then return {0, tat - now, 1} end
local cmax = tonumber(ARGV[3])
local cwin = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - cwin)
local n = redis.call('ZCARD', KEYS[2])
if n >= cmax then
  local first = redis.call('ZRANGE', KEYS[2], n - cmax, n - cmax, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) + cwin - now), 2}
end
local nexttat = now + interval
if now - tat < tonumber(ARGV[6]) then nexttat = tat + interval end
redis.call('SET', KEYS[1], nexttat, 'PX', 60000)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], cwin + 1000)
redis.call('SET', KEYS[6], ARGV[1], 'PX', tonumber(ARGV[5]))
return {1, 0, 0}
`;

// KEYS: 1 chat block, 2 slow flag, 3 flood set, 4 global block; ARGV: 1 chat, 2 block ms, 3 slowdown ms, 4 flood threshold
const TOO_MANY = `
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], 1000)
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[4]) then
  redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
  return 1
end
return 0
`;

const REASONS = { 0: null, 1: 'pace', 2: 'chat' } as const;

/** The limiter's state over one Redis (or cluster); `prefix` isolates deployments and test runs. */
export function createRedisLimiterStore(redis: Redis | Cluster, prefix: string): LimiterStore {
  const key = (...parts: string[]) => `${prefix}:rl:${parts.join(':')}`;
  return {
    async acquire(chat, token, r) {
      const keys = [key('pace'), key('chat', chat), key('block', '*'), key('block', chat), key('slow'), key('inflight', chat)];
      const args = [token, r.intervalMs, r.chatMax, r.chatWindowMs, r.inFlightTtlMs, r.catchUpMs].map(String);
      const res = (await redis.eval(ACQUIRE, keys.length, ...keys, ...args)) as [number, number, 0 | 1 | 2];
      return { admitted: res[0] === 1, waitMs: Number(res[1]), reason: REASONS[res[2]] };
    },
    async release(chat, token) {
      await redis.eval(RELEASE, 1, key('inflight', chat), token);
    },
    async blockedFor(chat) {
      const [g, c] = await Promise.all([redis.pttl(key('block', '*')), redis.pttl(key('block', chat))]);
      return Math.max(0, g, c);
    },
    async tooManyRequests(chat, ms, slowdownMs, floodThreshold) {
      const keys = [key('block', chat), key('slow'), key('flood'), key('block', '*')];
      const global = await redis.eval(TOO_MANY, keys.length, ...keys, chat, String(ms), String(slowdownMs), String(floodThreshold));
      return { global: global === 1 };
    },
  };
}
