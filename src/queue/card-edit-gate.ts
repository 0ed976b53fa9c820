/**
 * The alerts' card edit windows in Redis (STATE_BACKEND=redis; db/state/card-edit-gate.ts for PostgreSQL), shared by every alerts worker (contract in
 * app/alerts/deps.ts, used by app/alerts/card-edits.ts). One key per alert holds when its
 * window opened and expires with it; opening is one atomic SET NX, so of two changes at once
 * exactly one leads.
 */
import type { Cluster, Redis } from 'ioredis';
import type { CardEditGate } from '../app/alerts/deps.js';

// KEYS: 1 the alert's window; ARGV: 1 now (ms), 2 how long the window is held (ms)
const OPEN = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1, ARGV[1]} end
return {0, redis.call('GET', KEYS[1])}
`;

/** The gate over one Redis; `prefix` isolates deployments and test runs (the queue prefix). */
export function createRedisCardEditGate(redis: Redis | Cluster, prefix: string): CardEditGate {
  const key = (alertId: number) => `${prefix}:alert-edit-window:${alertId}`;
  return {
    async open(alertId, nowMs, holdMs) {
      const [lead, openedAt] = (await redis.eval(OPEN, 1, key(alertId), String(nowMs), String(holdMs))) as [number, string | null];
      return lead === 1 || openedAt === null ? { lead: true } : { lead: false, openedAt: Number(openedAt) };
    },
    async restart(alertId, nowMs, holdMs) {
      await redis.set(key(alertId), String(nowMs), 'PX', holdMs);
    },
  };
}
