/**
 * Invites are stored by hash only. Redeeming locks the invite row, re-checks it and creates
 * the member in one transaction, so two people racing for the last use cannot both get in.
 */
import { checkInvite, type InviteRefusal } from '../../domain/invites.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Invite, Member } from '../../domain/types.js';
import type { PrismaClient } from '../generated/client.js';
import { toInvite, toMember } from './mappers.js';

export type { NewInvite } from '../../app/admin/ports.js';
import type { NewInvite } from '../../app/admin/ports.js';

export type { Redeemer } from '../../app/intake/ports.js';
import type { Redeemer } from '../../app/intake/ports.js';

export type InvitesRepository = ReturnType<typeof createInvitesRepository>;

export function createInvitesRepository(prisma: PrismaClient) {
  return {
    async create(i: NewInvite): Promise<Invite> {
      return toInvite(
        await prisma.invite.create({
          data: {
            codeHash: i.codeHash,
            unitId: i.unitId,
            role: i.role,
            expiresAt: i.expiresAt,
            maxUses: i.maxUses,
            createdById: i.createdById ?? null,
            label: i.label ?? null,
          },
        }),
      );
    },

    async findByHash(codeHash: string): Promise<Invite | null> {
      const i = await prisma.invite.findUnique({ where: { codeHash } });
      return i ? toInvite(i) : null;
    },

    async revoke(id: number, at: Date): Promise<void> {
      await prisma.invite.update({ where: { id }, data: { revokedAt: at } });
    },

    /** Binds a Telegram user to the invite's unit and role; stores nothing when refused. */
    async redeem(codeHash: string, who: Redeemer, now: Date): Promise<Result<Member, InviteRefusal>> {
      return prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Invite" WHERE "codeHash" = ${codeHash} FOR UPDATE`;
        const row = locked[0] ? await tx.invite.findUnique({ where: { id: locked[0].id } }) : null;
        const check = checkInvite(row ? toInvite(row) : null, now);
        if (!check.ok) return check;
        const existing = await tx.member.findUnique({ where: { telegramUserId: who.telegramUserId } });
        if (existing) return err('already_member' as const);
        await tx.invite.update({ where: { id: check.value.id }, data: { uses: { increment: 1 } } });
        const member = await tx.member.create({
          data: {
            telegramUserId: who.telegramUserId,
            chatId: who.chatId,
            displayName: who.displayName,
            username: who.username,
            role: check.value.role,
            unitId: check.value.unitId,
            language: who.language,
            inviteId: check.value.id,
            lastSeenAt: now,
          },
        });
        return ok(toMember(member));
      });
    },
  };
}
