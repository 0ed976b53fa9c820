/** The audit log: who did what to which entity (refused actions included). */
import type { PrismaClient } from '../generated/client.js';
import type { Prisma as P } from '../generated/client.js';

export interface AuditEntry {
  actorKind: 'member' | 'cli' | 'system';
  actorId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
  at?: Date;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

export function createAuditRepository(prisma: PrismaClient) {
  return {
    async record(e: AuditEntry): Promise<void> {
      await prisma.auditLog.create({
        data: {
          actorKind: e.actorKind,
          actorId: e.actorId ?? null,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
          ...(e.data ? { data: e.data as P.InputJsonValue } : {}),
          ...(e.at ? { at: e.at } : {}),
        },
      });
    },
    async forEntity(entity: string, entityId: string | number) {
      return prisma.auditLog.findMany({ where: { entity, entityId: String(entityId) }, orderBy: { id: 'asc' } });
    },
  };
}
