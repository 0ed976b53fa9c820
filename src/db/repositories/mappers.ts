/** Converts Prisma rows to domain objects (the only place that knows both shapes). */
import type { Member, Unit, Invite, Topic } from '../../domain/types.js';
import type { Language, Role } from '../../domain/vocabulary.js';
import type * as P from '../generated/client.js';

export function toUnit(u: P.Unit): Unit {
  return {
    id: u.id,
    name: u.name,
    parentId: u.parentId,
    depth: u.depth,
    path: u.path,
    timezone: u.timezone,
    digestTime: u.digestTime,
    active: u.active,
    createdAt: u.createdAt,
  };
}

/**
 * A member row as Prisma returns it, or as raw SQL returns it (bigints and timestamps may
 * come back as text there): one mapping for both.
 */
export type MemberRow = Omit<P.Member, 'telegramUserId' | 'chatId' | 'lastSeenAt' | 'lastReportAt' | 'joinedAt' | 'role' | 'deactivatedAt' | 'inviteId'> & {
  role: string;
  telegramUserId: bigint | string;
  chatId: bigint | string | null;
  lastSeenAt: Date | string | null;
  lastReportAt: Date | string | null;
  joinedAt: Date | string;
};

const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export function toMember(m: MemberRow): Member {
  return {
    id: m.id,
    telegramUserId: BigInt(m.telegramUserId),
    chatId: m.chatId === null ? null : BigInt(m.chatId),
    displayName: m.displayName,
    username: m.username,
    role: m.role as Role,
    unitId: m.unitId,
    language: (m.language === 'vi' || m.language === 'en' ? m.language : null) as Language | null,
    active: m.active,
    reachable: m.reachable,
    lastSeenAt: asDate(m.lastSeenAt),
    lastReportAt: asDate(m.lastReportAt),
    joinedAt: asDate(m.joinedAt)!,
  };
}

export function toInvite(i: P.Invite): Invite {
  return {
    id: i.id,
    unitId: i.unitId,
    role: i.role as Role,
    expiresAt: i.expiresAt,
    maxUses: i.maxUses,
    uses: i.uses,
    revokedAt: i.revokedAt,
    createdById: i.createdById,
    label: i.label,
  };
}

export function toTopic(t: P.Topic): Topic {
  return {
    slug: t.slug,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    keywords: t.keywords,
    sensitive: t.sensitive,
    active: t.active,
    sortOrder: t.sortOrder,
  };
}
