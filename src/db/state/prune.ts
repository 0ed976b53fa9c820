/**
 * Removes the PostgreSQL backend's expired state (Redis expires keys by itself): `state_key`
 * rows past their expiry and `state_log` entries older than any window reads (the longest is
 * the group chats' 61 s). Every reader already ignores expired rows; this only keeps the tables small.
 */
import type { SqlExecutor } from '../sql.js';

/** Log entries older than this are read by no window (ms). */
const LOG_HORIZON_MS = 5 * 60_000;

/** One pass; returns how many rows went. */
export async function pruneExpiredState(sql: Pick<SqlExecutor, 'query'>): Promise<number> {
  const keys = await sql.query(`DELETE FROM state_key WHERE expires_at <= pulse_now_ms() RETURNING 1`);
  const logs = await sql.query(`DELETE FROM state_log WHERE at <= pulse_now_ms() - $1 RETURNING 1`, [LOG_HORIZON_MS]);
  return keys.length + logs.length;
}
