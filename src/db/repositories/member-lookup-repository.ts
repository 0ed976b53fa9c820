/**
 * The bot's per-update membership lookup in raw SQL. It runs on every update a person sends
 * (deactivation must take effect at once, so it is not cached); through the ORM it cost
 * ~2.4 ms of CPU per call, which capped the bot at a few hundred updates per second.
 */
import type { Member } from '../../domain/types.js';
import type { SqlExecutor } from '../sql.js';
import { toMember, type MemberRow } from './mappers.js';

/** The membership lookup API. */
export type MemberLookup = ReturnType<typeof createMemberLookup>;

/** Membership by Telegram user id over the raw SQL executor (PostgreSQL or PGlite). */
export function createMemberLookup(sql: SqlExecutor) {
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
