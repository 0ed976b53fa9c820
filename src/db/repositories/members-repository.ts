/** Members: the people bound to a unit and a role through an invite. */
import type { Member } from '../../domain/types.js';
import type { Language, Role } from '../../domain/vocabulary.js';
import type { PrismaClient } from '../generated/client.js';
import { toMember } from './mappers.js';

export interface NewMember {
  telegramUserId: bigint;
  chatId?: bigint | null;
  displayName: string;
  username?: string | null;
  role: Role;
  unitId: number;
  language?: Language | null;
  inviteId?: number | null;
}

export type MembersRepository = ReturnType<typeof createMembersRepository>;

export function createMembersRepository(prisma: PrismaClient) {
  return {
    async create(m: NewMember): Promise<Member> {
      return toMember(
        await prisma.member.create({
          data: {
            telegramUserId: m.telegramUserId,
            chatId: m.chatId ?? m.telegramUserId,
            displayName: m.displayName,
            username: m.username ?? null,
            role: m.role,
            unitId: m.unitId,
            language: m.language ?? null,
            inviteId: m.inviteId ?? null,
          },
        }),
      );
    },

    async get(id: number): Promise<Member | null> {
      const m = await prisma.member.findUnique({ where: { id } });
      return m ? toMember(m) : null;
    },

    async findByTelegramId(telegramUserId: bigint): Promise<Member | null> {
      const m = await prisma.member.findUnique({ where: { telegramUserId } });
      return m ? toMember(m) : null;
    },

    /** Active leaders of exactly this unit (not of its subtree). */
    async leadersOf(unitId: number): Promise<Member[]> {
      const rows = await prisma.member.findMany({ where: { unitId, role: { in: ['leader'] }, active: true }, orderBy: { id: 'asc' } });
      return rows.map(toMember);
    },

    async setLanguage(id: number, language: Language): Promise<void> {
      await prisma.member.update({ where: { id }, data: { language } });
    },

    async deactivate(id: number, at: Date): Promise<void> {
      await prisma.member.update({ where: { id }, data: { active: false, deactivatedAt: at } });
    },

    async setReachable(id: number, reachable: boolean): Promise<void> {
      await prisma.member.update({ where: { id }, data: { reachable } });
    },

    async touch(id: number, at: Date): Promise<void> {
      await prisma.member.update({ where: { id }, data: { lastSeenAt: at } });
    },

    async admins(): Promise<Member[]> {
      return (await prisma.member.findMany({ where: { role: 'admin', active: true }, orderBy: { id: 'asc' } })).map(toMember);
    },
  };
}
