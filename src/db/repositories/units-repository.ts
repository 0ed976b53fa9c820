/**
 * The unit tree. Subtree queries go through the closure table (one indexed lookup by
 * ancestor), so they stay fast for trees of thousands of units at any depth.
 */
import type { Unit } from '../../domain/types.js';
import type { Role } from '../../domain/vocabulary.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Member } from '../../domain/types.js';
import type { PrismaClient } from '../generated/client.js';
import { toMember, toUnit } from './mappers.js';

export interface NewUnit {
  name: string;
  parentId?: number | null;
  timezone?: string;
  digestTime?: string;
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;

export function createUnitsRepository(prisma: PrismaClient) {
  return {
    /** Creates a unit and its closure rows in one transaction. */
    async create(input: NewUnit): Promise<Unit> {
      return prisma.$transaction(async (tx) => {
        const parent = input.parentId ? await tx.unit.findUnique({ where: { id: input.parentId } }) : null;
        if (input.parentId && !parent) throw new NotFoundError('parent unit', { parentId: input.parentId });
        const created = await tx.unit.create({
          data: {
            name: input.name,
            parentId: parent?.id ?? null,
            depth: parent ? parent.depth + 1 : 0,
            path: [],
            ...(input.timezone ? { timezone: input.timezone } : parent ? { timezone: parent.timezone } : {}),
            ...(input.digestTime ? { digestTime: input.digestTime } : {}),
          },
        });
        const unit = await tx.unit.update({ where: { id: created.id }, data: { path: [...(parent?.path ?? []), created.id] } });
        const ancestors = parent ? await tx.unitClosure.findMany({ where: { descendantId: parent.id } }) : [];
        await tx.unitClosure.createMany({
          data: [
            { ancestorId: unit.id, descendantId: unit.id, depth: 0 },
            ...ancestors.map((a) => ({ ancestorId: a.ancestorId, descendantId: unit.id, depth: a.depth + 1 })),
          ],
        });
        return toUnit(unit);
      });
    },

    async get(id: number): Promise<Unit | null> {
      const u = await prisma.unit.findUnique({ where: { id } });
      return u ? toUnit(u) : null;
    },

    async findByName(name: string): Promise<Unit[]> {
      const rows = await prisma.unit.findMany({ where: { name: { equals: name, mode: 'insensitive' } }, orderBy: { id: 'asc' } });
      return rows.map(toUnit);
    },

    async roots(): Promise<Unit[]> {
      return (await prisma.unit.findMany({ where: { parentId: null }, orderBy: { id: 'asc' } })).map(toUnit);
    },

    async children(id: number): Promise<Unit[]> {
      return (await prisma.unit.findMany({ where: { parentId: id }, orderBy: { id: 'asc' } })).map(toUnit);
    },

    /** Ids of the unit and every unit below it. */
    async subtreeIds(rootId: number): Promise<number[]> {
      const rows = await prisma.unitClosure.findMany({ where: { ancestorId: rootId }, select: { descendantId: true } });
      return rows.map((r) => r.descendantId);
    },

    /** The unit itself, then its parent, … up to the root (the escalation ladder). */
    async ancestry(id: number): Promise<Unit[]> {
      const rows = await prisma.unitClosure.findMany({ where: { descendantId: id }, orderBy: { depth: 'asc' }, include: { ancestor: true } });
      return rows.map((r) => toUnit(r.ancestor));
    },

    /** True when `unitId` is `ancestorId` or lies below it. */
    async isInSubtree(ancestorId: number, unitId: number): Promise<boolean> {
      const row = await prisma.unitClosure.findUnique({ where: { ancestorId_descendantId: { ancestorId, descendantId: unitId } } });
      return row !== null;
    },

    /** Members of the whole subtree, optionally filtered by role and activity. */
    async subtreeMembers(rootId: number, opts: { roles?: Role[]; activeOnly?: boolean } = {}): Promise<Member[]> {
      const rows = await prisma.member.findMany({
        where: {
          unit: { ancestors: { some: { ancestorId: rootId } } },
          ...(opts.roles ? { role: { in: opts.roles } } : {}),
          ...(opts.activeOnly ? { active: true } : {}),
        },
        orderBy: { id: 'asc' },
      });
      return rows.map(toMember);
    },

    async count(): Promise<number> {
      return prisma.unit.count();
    },
  };
}
