/**
 * The bot's per-update membership lookup in raw SQL (through the ORM it cost ~2.4 ms of CPU
 * per call). The bot puts `createCachedMemberLookup` (src/db/member-cache.ts) in front of it,
 * kept correct by the database's member-change notifications.
 */
import type { Member } from '../../domain/types.js';
import type { SqlExecutor } from '../sql.js';
import { toMember, type MemberRow } from './mappers.js';

/** The membership lookup API. */
export interface MemberLookup {
  findByTelegramId(telegramUserId: bigint): Promise<Member | null>;
  /** Drops what a cache holds for this person (after a change made in this process). */
  forget?(telegramUserId: bigint): void;
}

/** Membership by Telegram user id over the raw SQL executor (PostgreSQL or PGlite). */
export function createMemberLookup(sql: SqlExecutor): MemberLookup {
  return {
    async findByTelegramId(telegramUserId: bigint): Promise<Member | null> {
      const rows = await sql.query<MemberRow>(
        `SELECT "id", "telegramUserId"::text AS "telegramUserId", "chatId"::text AS "chatId", "displayName", "username", "role"::text AS "role",
                "unitId", "language", "active", "reachable", "lastSeenAt", "lastReportAt", "joinedAt"
           FROM "Member" WHERE "telegramUserId" = $1`,
        [telegramUserId.toString()],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
  };
}
