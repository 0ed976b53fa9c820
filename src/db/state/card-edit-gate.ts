/**
 * The alerts' card edit windows in PostgreSQL (STATE_BACKEND=postgres), the same contract as the
 * Redis gate (app/alerts/deps.ts `CardEditGate`, queue/card-edit-gate.ts): one `state_key` row per
 * alert holds when its window opened and expires with it. Opening is one INSERT … ON CONFLICT that
 * only replaces an expired row, so of two changes at once exactly one leads.
 */
import type { CardEditGate } from '../../app/alerts/ports.js';
import type { SqlExecutor } from '../sql.js';

const OPEN = `
INSERT INTO state_key (key, value, expires_at) VALUES ($1, $2, pulse_now_ms() + $3)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
  WHERE state_key.expires_at <= pulse_now_ms()
RETURNING value`;

const RESTART = `
INSERT INTO state_key (key, value, expires_at) VALUES ($1, $2, pulse_now_ms() + $3)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`;

/** The gate over the database; `prefix` isolates deployments and test runs (the queue prefix). */
export function createPostgresCardEditGate(sql: Pick<SqlExecutor, 'query'>, prefix: string): CardEditGate {
  const key = (alertId: number) => `${prefix}:alert-edit-window:${alertId}`;
  return {
    async open(alertId, nowMs, holdMs) {
      for (;;) {
        if ((await sql.query(OPEN, [key(alertId), String(nowMs), holdMs])).length > 0) return { lead: true };
        const open = await sql.query<{ value: string }>(`SELECT value FROM state_key WHERE key = $1 AND expires_at > pulse_now_ms()`, [key(alertId)]);
        // the window expired between the two statements: try to open it again
        if (open[0]) return { lead: false, openedAt: Number(open[0].value) };
      }
    },
    async restart(alertId, nowMs, holdMs) {
      await sql.query(RESTART, [key(alertId), String(nowMs), holdMs]);
    },
  };
}
