/**
 * The unit tree. Subtree queries go through the closure table (one indexed lookup by
 * ancestor), so they stay fast for trees of thousands of units at any depth.
 */
import type { Unit } from '../../domain/types.js';
import type { Role } from '../../domain/vocabulary.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Member } from '../../domain/types.js';
import type { PrismaClient } from '../generated/client.js';
import type { SqlExecutor } from '../sql.js';
import type * as P from '../generated/client.js';
import { toMember, toUnit } from './mappers.js';

export type { NewUnit } from '../../app/admin/ports.js';
import type { NewUnit } from '../../app/admin/ports.js';

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;

/** A unit's columns as the driver returns them (timestamps read as UTC). */
const UNIT_COLUMNS = `u.id, u.name, u."parentId", u.depth, u.path, u.timezone, u."digestTime", u.active, (u."createdAt" AT TIME ZONE 'UTC') AS "createdAt"`;

export function createUnitsRepository(prisma: PrismaClient, sql: Pick<SqlExecutor, 'query'>) {
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
      const [u] = await sql.query<P.Unit>(`SELECT ${UNIT_COLUMNS} FROM "Unit" u WHERE u.id = $1`, [id]);
      return u ? toUnit(u) : null;
    },

    async getMany(ids: readonly number[]): Promise<Unit[]> {
      if (ids.length === 0) return [];
      return (await sql.query<P.Unit>(`SELECT ${UNIT_COLUMNS} FROM "Unit" u WHERE u.id = ANY($1::int[]) ORDER BY u.id`, [[...ids]])).map(toUnit);
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
      const rows = await sql.query<P.Unit>(
        `SELECT ${UNIT_COLUMNS} FROM "UnitClosure" c JOIN "Unit" u ON u.id = c."ancestorId" WHERE c."descendantId" = $1 ORDER BY c.depth`,
        [id],
      );
      return rows.map(toUnit);
    },

    /** True when `unitId` is `ancestorId` or lies below it. */
    async isInSubtree(ancestorId: number, unitId: number): Promise<boolean> {
      const row = await prisma.unitClosure.findUnique({ where: { ancestorId_descendantId: { ancestorId, descendantId: unitId } } });
      return row !== null;
    },

    /** Members of the whole subtree, optionally filtered by role and activity (one indexed join on the closure table). */
    async subtreeMembers(rootId: number, opts: { roles?: Role[]; activeOnly?: boolean } = {}): Promise<Member[]> {
      const roles = opts.roles ?? ['collaborator', 'leader', 'admin'];
      const rows = await prisma.$queryRaw<P.Member[]>`
        SELECT m.* FROM "Member" m
        JOIN "UnitClosure" c ON c."descendantId" = m."unitId"
        WHERE c."ancestorId" = ${rootId}
          AND m.role::text = ANY(${roles}::text[])
          AND (${!opts.activeOnly} OR m.active)
        ORDER BY m.id`;
      return rows.map(toMember);
    },

    /**
     * Bulk-imports a tree (an org chart, or benchmark data): nodes reference their parent by
     * index in the same list (parents first) or by an existing unit id. Closure rows are
     * computed in memory and inserted in batches, in one transaction.
     */
    async importTree(nodes: { name: string; parentIndex?: number; parentId?: number; timezone?: string }[]): Promise<Unit[]> {
      return prisma.$transaction(
        async (tx) => {
          const ids = (await tx.$queryRaw<{ id: bigint }[]>`SELECT nextval(pg_get_serial_sequence('"Unit"', 'id')) AS id FROM generate_series(1, ${nodes.length}::int)`).map((r) => Number(r.id));
          const external = new Map<number, { path: number[]; timezone: string }>();
          for (const pid of new Set(nodes.map((n) => n.parentId).filter((x): x is number => x !== undefined))) {
            const u = await tx.unit.findUnique({ where: { id: pid } });
            if (!u) throw new NotFoundError('parent unit', { parentId: pid });
            external.set(pid, { path: u.path, timezone: u.timezone });
          }
          const rows = nodes.map((n, i) => ({ id: ids[i]!, name: n.name, parentId: null as number | null, depth: 0, path: [] as number[], timezone: n.timezone ?? 'Asia/Ho_Chi_Minh' }));
          rows.forEach((row, i) => {
            const n = nodes[i]!;
            const parent = n.parentIndex !== undefined ? rows[n.parentIndex] : undefined;
            if (n.parentIndex !== undefined && (!parent || n.parentIndex >= i)) throw new Error(`importTree: node ${i} must come after its parent`);
            const parentPath = parent ? parent.path : n.parentId !== undefined ? external.get(n.parentId)!.path : [];
            row.parentId = parent ? parent.id : (n.parentId ?? null);
            row.path = [...parentPath, row.id];
            row.depth = row.path.length - 1;
            if (!n.timezone) row.timezone = parent?.timezone ?? (n.parentId !== undefined ? external.get(n.parentId)!.timezone : row.timezone);
          });
          const createdAt = new Date();
          for (let i = 0; i < rows.length; i += 1000) await tx.unit.createMany({ data: rows.slice(i, i + 1000).map((r) => ({ ...r, createdAt })) });
          const closure = rows.flatMap((r) => r.path.map((a, k) => ({ ancestorId: a, descendantId: r.id, depth: r.path.length - 1 - k })));
          for (let i = 0; i < closure.length; i += 5000) await tx.unitClosure.createMany({ data: closure.slice(i, i + 5000) });
          return rows.map((r) => toUnit({ ...r, digestTime: '07:30', active: true, createdAt, updatedAt: createdAt }));
        },
        { timeout: 120_000 },
      );
    },

    async count(): Promise<number> {
      return prisma.unit.count();
    },
  };
}
