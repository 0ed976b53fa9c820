/**
 * The delivery limiter's state in PostgreSQL (STATE_BACKEND=postgres): the same rules as the
 * Redis script, in the SQL function `pulse_limiter_acquire` (migration
 * 20261201154415_postgres_state_backend), on `state_key` (pace, blocks, slow flag, in-flight
 * locks) and `state_log` (each chat's sliding log, the 429s of the last second), with the
 * database's clock. Attempts of one prefix are serialised by an advisory lock in the function.
 */
import type { LimiterStore } from '../../delivery/limiter.js';
import type { SqlExecutor } from '../sql.js';

const REASONS = { 0: null, 1: 'pace', 2: 'chat' } as const;

/** The limiter's state over the database; `prefix` isolates deployments and test runs. */
export function createPostgresLimiterStore(sql: Pick<SqlExecutor, 'query' | 'transaction'>, prefix: string): LimiterStore {
  const key = (...parts: string[]) => `${prefix}:rl:${parts.join(':')}`;
  const setFor = `INSERT INTO state_key (key, value, expires_at) VALUES ($1, '1', pulse_now_ms() + $2)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`;
  return {
    async acquire(chat, token, r) {
      const rows = await sql.query<{ admitted: boolean; wait_ms: string | number; reason: 0 | 1 | 2 }>(
        `SELECT admitted, wait_ms, reason FROM pulse_limiter_acquire($1, $2, $3, $4, $5, $6, $7, $8)`,
        [prefix, chat, token, r.intervalMs, r.chatMax, r.chatWindowMs, r.inFlightTtlMs, r.catchUpMs],
      );
      const row = rows[0]!;
      return { admitted: row.admitted, waitMs: Number(row.wait_ms), reason: REASONS[row.reason] };
    },
    async release(chat, token) {
      await sql.query(`DELETE FROM state_key WHERE key = $1 AND value = $2`, [key('inflight', chat), token]);
    },
    async blockedFor(chat) {
      const rows = await sql.query<{ ms: string | number | null }>(
        `SELECT max(expires_at) - pulse_now_ms() AS ms FROM state_key WHERE key IN ($1, $2) AND expires_at > pulse_now_ms()`,
        [key('block', '*'), key('block', chat)],
      );
      return Math.max(0, Number(rows[0]?.ms ?? 0));
    },
    async tooManyRequests(chat, ms, slowdownMs, floodThreshold) {
      return sql.transaction(async (tx) => {
        await tx.query(setFor, [key('block', chat), ms]);
        await tx.query(setFor, [key('slow'), slowdownMs]);
        await tx.query(`DELETE FROM state_log WHERE key = $1 AND at <= pulse_now_ms() - 1000`, [key('flood')]);
        await tx.query(
          `INSERT INTO state_log (key, member, at) VALUES ($1, $2, pulse_now_ms()) ON CONFLICT (key, member) DO UPDATE SET at = EXCLUDED.at`,
          [key('flood'), chat],
        );
        const [{ n }] = (await tx.query<{ n: string | number }>(`SELECT count(*) AS n FROM state_log WHERE key = $1`, [key('flood')])) as [{ n: string | number }];
        const global = Number(n) >= floodThreshold;
        if (global) await tx.query(setFor, [key('block', '*'), ms]);
        return { global };
      });
    },
  };
}
