/**
 * The dashboard's own writes: one-time sign-in tokens (the LoginTokenStore port), the web
 * session store (only a hash of each session id is kept), and the small edits the admin pages
 * make that no repository had: an issue group's title, a unit's schedule, one topic.
 */
import { createHash } from 'node:crypto';
import type { LoginTokenStore } from '../../app/dashboard/ports.js';
import type { SqlExecutor } from '../sql.js';

type Sql = Pick<SqlExecutor, 'query'>;
const utc = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const iso = (d: Date) => d.toISOString();

export function createLoginTokenStore(sql: Sql): LoginTokenStore {
  return {
    async create(t) {
      await sql.query(`INSERT INTO "LoginToken" ("tokenHash", "memberId", "expiresAt", "createdAt") VALUES ($1, $2, ${utc(3)}, ${utc(4)})`, [
        t.tokenHash,
        t.memberId,
        iso(t.expiresAt),
        iso(t.createdAt),
      ]);
    },
    async find(tokenHash) {
      const rows = await sql.query<{ memberId: number; expiresAt: Date; usedAt: Date | null }>(
        `SELECT "memberId", ("expiresAt" AT TIME ZONE 'UTC') AS "expiresAt", ("usedAt" AT TIME ZONE 'UTC') AS "usedAt" FROM "LoginToken" WHERE "tokenHash" = $1`,
        [tokenHash],
      );
      return rows[0] ?? null;
    },
    async consume(tokenHash, now) {
      const rows = await sql.query<{ memberId: number }>(
        `UPDATE "LoginToken" SET "usedAt" = ${utc(2)} WHERE "tokenHash" = $1 AND "usedAt" IS NULL AND "expiresAt" > ${utc(2)} RETURNING "memberId"`,
        [tokenHash, iso(now)],
      );
      return rows[0]?.memberId ?? null;
    },
  };
}

/** What the session plugin stores: a JSON object with `memberId` once signed in. */
export interface SessionData {
  memberId?: number;
  [k: string]: unknown;
}

const hashSid = (sid: string) => createHash('sha256').update(sid).digest('base64url');

/** The WebSession table as a session store (get/set/destroy), plus the clean-ups around it. */
export function createWebSessionStore(sql: Sql, clock: () => Date) {
  return {
    async get(sid: string): Promise<SessionData | null> {
      const rows = await sql.query<{ data: SessionData }>(`SELECT data FROM "WebSession" WHERE "idHash" = $1 AND "expiresAt" > ${utc(2)}`, [hashSid(sid), iso(clock())]);
      return rows[0]?.data ?? null;
    },
    async set(sid: string, data: SessionData, expiresAt: Date): Promise<void> {
      await sql.query(
        `INSERT INTO "WebSession" ("idHash", "memberId", data, "expiresAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3::jsonb, ${utc(4)}, ${utc(5)}, ${utc(5)})
         ON CONFLICT ("idHash") DO UPDATE SET "memberId" = EXCLUDED."memberId", data = EXCLUDED.data, "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = EXCLUDED."updatedAt"`,
        [hashSid(sid), typeof data.memberId === 'number' ? data.memberId : null, JSON.stringify(data), iso(expiresAt), iso(clock())],
      );
    },
    async destroy(sid: string): Promise<void> {
      await sql.query(`DELETE FROM "WebSession" WHERE "idHash" = $1`, [hashSid(sid)]);
    },
    /** Ends every session of a member (sign-out everywhere, deactivation). */
    async destroyForMember(memberId: number): Promise<number> {
      return (await sql.query(`DELETE FROM "WebSession" WHERE "memberId" = $1 RETURNING 1`, [memberId])).length;
    },
    /** Drops expired sessions, and sign-in tokens a day past their expiry (used or not). */
    async purgeExpired(): Promise<number> {
      const now = iso(clock());
      const sessions = await sql.query(`DELETE FROM "WebSession" WHERE "expiresAt" <= ${utc(1)} RETURNING 1`, [now]);
      const tokens = await sql.query(`DELETE FROM "LoginToken" WHERE "expiresAt" <= ${utc(1)} - interval '1 day' RETURNING 1`, [now]);
      return sessions.length + tokens.length;
    },
  };
}

export type WebSessionStore = ReturnType<typeof createWebSessionStore>;

/**
 * The secret that signs the dashboard's cookies, made once per database (so every web process
 * and every restart agree without a new configuration variable). Whoever can read the database
 * can read the sessions anyway.
 */
export async function cookieSecret(sql: Sql, fresh: string): Promise<string> {
  await sql.query(
    `INSERT INTO "Setting" (scope, key, value, "updatedAt") VALUES ('system', 'webCookieSecret', to_jsonb($1::text), now()) ON CONFLICT (scope, key) DO NOTHING`,
    [fresh],
  );
  const rows = await sql.query<{ value: string }>(`SELECT value #>> '{}' AS value FROM "Setting" WHERE scope = 'system' AND key = 'webCookieSecret'`);
  return rows[0]!.value;
}

/** A person's title for an issue group (kept through later relabelling). */
export async function renameGroup(sql: Sql, groupId: number, title: string): Promise<boolean> {
  const rows = await sql.query(`UPDATE "IssueGroup" SET title = $2, "titleEdited" = true, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE id = $1 RETURNING id`, [groupId, title]);
  return rows.length === 1;
}

export async function setUnitSchedule(sql: Sql, unitId: number, s: { timezone: string; digestTime: string }): Promise<boolean> {
  const rows = await sql.query(`UPDATE "Unit" SET timezone = $2, "digestTime" = $3, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE id = $1 RETURNING id`, [unitId, s.timezone, s.digestTime]);
  return rows.length === 1;
}

export async function updateTopic(sql: Sql, slug: string, t: { nameVi: string; nameEn: string; keywords: string[]; sensitive: boolean; active: boolean }): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE "Topic" SET "nameVi" = $2, "nameEn" = $3, keywords = $4::text[], sensitive = $5, active = $6, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE slug = $1 RETURNING slug`,
    [slug, t.nameVi, t.nameEn, t.keywords, t.sensitive, t.active],
  );
  return rows.length === 1;
}
