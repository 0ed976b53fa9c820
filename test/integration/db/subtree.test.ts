import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import type { Unit } from '../../../src/domain/types.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { generateTree } from '../../support/tree.js';

describe('subtree queries over 5,000 units in a 6-level tree (PostgreSQL)', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let units: Unit[];
  const tree = generateTree(5000, 6);

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    units = await repos.units.importTree(tree.nodes);
    // two members per unit: a leader on every 7th unit, collaborators elsewhere
    await db.prisma.member.createMany({
      data: units.flatMap((u, i) => [
        { telegramUserId: BigInt(1_000_000 + i * 2), displayName: `m${i}a`, role: i % 7 === 0 ? ('leader' as const) : ('collaborator' as const), unitId: u.id },
        { telegramUserId: BigInt(1_000_000 + i * 2 + 1), displayName: `m${i}b`, role: 'collaborator' as const, unitId: u.id, active: i % 11 !== 0 },
      ]),
    });
  }, 120_000);
  afterAll(async () => db?.destroy());

  it('builds 6 levels and 5,000 units with correct paths', () => {
    expect(units).toHaveLength(5000);
    expect(Math.max(...units.map((u) => u.depth))).toBe(5);
    const i = 4321;
    expect(units[i]!.path).toEqual(tree.ancestorsOf[i]!.map((k) => units[k]!.id));
  });

  it.each([0, 1, 9, 120, 1500])('returns exactly the members below node %i', async (rootIndex) => {
    const inSubtree = new Set(tree.ancestorsOf.flatMap((anc, i) => (anc.includes(rootIndex) ? [units[i]!.id] : [])));
    const expected = (await db.prisma.member.findMany({ select: { id: true, unitId: true } }))
      .filter((m) => inSubtree.has(m.unitId))
      .map((m) => m.id)
      .sort((a, b) => a - b);
    const got = (await repos.units.subtreeMembers(units[rootIndex]!.id)).map((m) => m.id);
    expect(got).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const leaders = await repos.units.subtreeMembers(units[rootIndex]!.id, { roles: ['leader'], activeOnly: true });
    expect(leaders.every((m) => m.role === 'leader' && inSubtree.has(m.unitId))).toBe(true);
    expect((await repos.units.subtreeIds(units[rootIndex]!.id)).length).toBe(inSubtree.size);
  });

  it('climbs from a leaf to the root through every level', async () => {
    const leaf = units.findIndex((u) => u.depth === 5);
    const ladder = await repos.units.ancestry(units[leaf]!.id);
    expect(ladder.map((u) => u.id)).toEqual([...tree.ancestorsOf[leaf]!].reverse().map((k) => units[k]!.id));
  });
});
