import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCollaborators } from '../../src/demo/simulate-collaborators.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

function seeded(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('simulated collaborators', () => {
  it('send realistic reports through the real conversation code, quick ones included, over several days', async () => {
    const users = Array.from({ length: 8 }, (_, i) => h.user(i % 4 === 3 ? 'en' : 'vi'));
    for (const u of users) await h.member(u);
    const start = h.now.value;
    const clock = { now: () => h.now.value, set: (d: Date) => void (h.now.value = d) };
    const res = await simulateCollaborators({ bot: h.bot, api: h.api, users, days: 3, reportsPerDay: 12, rng: seeded(42), clock });
    h.now.value = start;
    expect(res.failed).toBe(0);
    expect(res.submitted).toBeGreaterThan(20);
    expect(res.quick).toBeGreaterThan(0);
    expect(res.full).toBeGreaterThan(0);
    const rows = await h.db.prisma.report.findMany({ where: { member: { telegramUserId: { in: users.map((u) => BigInt(u.id)) } } } });
    expect(rows).toHaveLength(res.submitted);
    expect(rows.filter((r) => r.quick)).toHaveLength(res.quick);
    const days = new Set(rows.map((r) => r.createdAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.content.length >= 10 && r.status === 'received')).toBe(true);
  });
});
