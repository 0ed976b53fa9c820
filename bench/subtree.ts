/**
 * Subtree queries over a 6-level tree of 5,000 units with 10 members each (PostgreSQL).
 * Run: npx tsx bench/subtree.ts
 */
import { createRepositories } from '../src/db/repositories/index.js';
import { generateTree } from '../test/support/tree.js';
import { benchDatabase, performance, report, timeRuns } from './support.js';

const db = await benchDatabase();
try {
  const repos = createRepositories(db);
  const tree = generateTree(5000, 6);
  let t = performance.now();
  const units = await repos.units.importTree(tree.nodes);
  console.log(`imported ${units.length} units (6 levels) in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  await db.prisma.member.createMany({
    data: units.flatMap((u, i) =>
      Array.from({ length: 10 }, (_, k) => ({ telegramUserId: BigInt(10_000_000 + i * 10 + k), displayName: `m${i}-${k}`, role: k === 0 ? ('leader' as const) : ('collaborator' as const), unitId: u.id })),
    ),
  });
  console.log(`inserted ${units.length * 10} members in ${(performance.now() - t).toFixed(0)} ms`);
  await db.sql.exec('ANALYZE');
  const byDepth = (d: number) => units.find((u) => u.depth === d)!;
  for (const depth of [0, 1, 2, 4]) {
    const root = byDepth(depth);
    const size = (await repos.units.subtreeIds(root.id)).length;
    const members = (await repos.units.subtreeMembers(root.id)).length;
    report(`subtreeMembers depth ${depth} (${size} units, ${members} members)`, await timeRuns(30, () => repos.units.subtreeMembers(root.id)));
    report(`subtreeIds depth ${depth}`, await timeRuns(50, () => repos.units.subtreeIds(root.id)));
    report(`leaders of subtree depth ${depth}`, await timeRuns(50, () => repos.units.subtreeMembers(root.id, { roles: ['leader'], activeOnly: true })));
  }
  const leaf = units.find((u) => u.depth === 5)!;
  report('ancestry (leaf → root)', await timeRuns(100, () => repos.units.ancestry(leaf.id)));
  report('isInSubtree', await timeRuns(100, () => repos.units.isInSubtree(units[0]!.id, leaf.id)));
} finally {
  await db.destroy();
}
