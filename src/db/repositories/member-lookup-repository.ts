/**
 * The bot's per-update membership lookup in raw SQL. It runs on every update a person sends
 * (deactivation must take effect at once, so it is not cached); through the ORM it cost
 * ~2.4 ms of CPU per call, which capped the bot at a few hundred updates per second.
 */
import type { Member } from '../../domain/types.js';
import type { Language, Role } from '../../domain/vocabulary.js';
import type { SqlExecutor } from '../sql.js';

interface Row {
  id: number;
  telegramUserId: string | bigint;
  chatId: string | bigint | null;
  displayName: string;
  username: string | null;
  role: string;
  unitId: number;
  language: string | null;
  active: boolean;
  reachable: boolean;
  lastSeenAt: Date | string | null;
  lastReportAt: Date | string | null;
  joinedAt: Date | string;
}

const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

function toMember(r: Row): Member {
  return {
    id: r.id,
    telegramUserId: BigInt(r.telegramUserId),
    chatId: r.chatId === null ? null : BigInt(r.chatId),
    displayName: r.displayName,
    username: r.username,
    role: r.role as Role,
    unitId: r.unitId,
    language: (r.language === 'vi' || r.language === 'en' ? r.language : null) as Language | null,
    active: r.active,
    reachable: r.reachable,
    lastSeenAt: date(r.lastSeenAt),
    lastReportAt: date(r.lastReportAt),
    joinedAt: date(r.joinedAt)!,
  };
}

/** The membership lookup API. */
export type MemberLookup = ReturnType<typeof createMemberLookup>;

/** Membership by Telegram user id over the raw SQL executor (PostgreSQL or PGlite). */
export function createMemberLookup(sql: SqlExecutor) {
  return {
    async findByTelegramId(telegramUserId: bigint): Promise<Member | null> {
      const rows = await sql.query<Row>(
        `SELECT "id", "telegramUserId"::text AS "telegramUserId", "chatId"::text AS "chatId", "displayName", "username", "role"::text AS "role",
                "unitId", "language", "active", "reachable", "lastSeenAt", "lastReportAt", "joinedAt"
           FROM "Member" WHERE "telegramUserId" = $1`,
        [telegramUserId.toString()],
      );
      return rows[0] ? toMember(rows[0]) : null;
    },
  };
}
