/**
 * Per-person flood counters in PostgreSQL (STATE_BACKEND=postgres): a fixed window per key, as
 * the Redis counter (INCR, expiry set by the first hit). One statement per update: a live
 * row is incremented, an expired one starts a new window.
 */
import type { FloodCounter } from '../../bot/flood-limit.js';
import type { SqlExecutor } from '../sql.js';

const HIT = `
INSERT INTO state_key (key, value, expires_at) VALUES ($1, '1', pulse_now_ms() + $2)
ON CONFLICT (key) DO UPDATE SET
  value = CASE WHEN state_key.expires_at <= pulse_now_ms() THEN '1' ELSE (state_key.value::integer + 1)::text END,
  expires_at = CASE WHEN state_key.expires_at <= pulse_now_ms() THEN EXCLUDED.expires_at ELSE state_key.expires_at END
RETURNING value`;

/** Flood counters over the database; keys are given whole by the caller (they carry its prefix). */
export function createPostgresFloodCounter(sql: Pick<SqlExecutor, 'query'>): FloodCounter {
  return {
    async hit(key, windowMs) {
      const rows = await sql.query<{ value: string }>(HIT, [key, windowMs]);
      return Number(rows[0]!.value);
    },
  };
}
