/**
 * The `Digest` table as the ledger of "one digest per leader per period": a row is claimed
 * before sending and marked sent once every message was handed to the delivery path, so a
 * restart (or a scheduler firing twice) never sends the same period's digest twice.
 */
import type { SqlExecutor } from '../../db/sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

export interface DigestClaim {
  key: string;
  memberId: number;
  unitId: number;
  period: string;
  periodKey: string;
  fromAt: Date;
  toAt: Date;
}

/** Inserts the row if missing; returns whether the digest was already marked sent. */
export async function claimDigest(sql: Sql, c: DigestClaim): Promise<{ alreadySent: boolean }> {
  await sql.query(
    `INSERT INTO "Digest" (key, "memberId", "unitId", period, "periodKey", "fromAt", "toAt")
     VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC'), ($7::timestamptz AT TIME ZONE 'UTC'))
     ON CONFLICT (key) DO NOTHING`,
    [c.key, c.memberId, c.unitId, c.period, c.periodKey, c.fromAt.toISOString(), c.toAt.toISOString()],
  );
  const [row] = await sql.query<{ sent: boolean }>(`SELECT "sentAt" IS NOT NULL AS sent FROM "Digest" WHERE key = $1`, [c.key]);
  return { alreadySent: row?.sent ?? false };
}

/** Marks the digest sent (handed to delivery) with its headline stats. */
export async function markDigestSent(sql: Sql, key: string, stats: unknown, at: Date): Promise<void> {
  await sql.query(`UPDATE "Digest" SET "sentAt" = ($2::timestamptz AT TIME ZONE 'UTC'), stats = $3::jsonb WHERE key = $1`, [
    key,
    at.toISOString(),
    JSON.stringify(stats),
  ]);
}

/** True when a digest with this key was already sent. */
export async function digestSent(sql: Sql, key: string): Promise<boolean> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Digest" WHERE key = $1 AND "sentAt" IS NOT NULL`, [key]);
  return (row?.n ?? 0) > 0;
}
