import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { createRepositories } from '../../../src/db/repositories/index.js';
import { silentLogger } from '../../../src/logger.js';
import { startDigests } from '../../../src/compose/digests.js';
import { QUEUES } from '../../../src/queue/names.js';
import { createRuntime, type Runtime } from '../../../src/compose/runtime.js';
import { createPostgresTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../../support/db.js';
import { createFakeDelivery } from '../../support/fake-delivery.js';
import { seedOrganisation, type Seeded } from './seed.js';

/** Boots the digests part as a process would, waits for its start-up catch-up, shuts down. */
async function bootOnce(db: TestDatabase, prefix: string, now: Date) {
  const parsed = parseConfig({ DATABASE_URL: db.url!, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const rt: Runtime = await createRuntime(parsed.config, { queuePrefix: prefix, clock: () => now, logger: silentLogger() });
  const delivery = createFakeDelivery();
  try {
    const { catchUpJobId } = await startDigests(rt, { delivery });
    const queue = rt.queues.queue(QUEUES.digests);
    let state = await queue.getJobState(catchUpJobId);
    for (let i = 0; i < 400 && state !== 'completed' && state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      state = await queue.getJobState(catchUpJobId);
    }
    expect(state).toBe('completed');
    const summary = (await queue.getJob(catchUpJobId))!.returnvalue as unknown;
    await queue.close();
    return { summary, delivery };
  } finally {
    await rt.shutdown('test');
  }
}

describe('a restart after a missed run (runtime + Redis + PostgreSQL)', () => {
  let db: TestDatabase;
  let s: Seeded;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    s = await seedOrganisation(db.sql, createRepositories(db));
  });
  afterAll(async () => {
    const { createRedis } = await import('../../../src/queue/redis.js');
    const redis = createRedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.destroy();
  });

  it('sends the missed daily digest once when back, and nothing on the next restart', async () => {
    const now = new Date('2026-11-26T05:00:00Z'); // down at 07:30, back at noon
    const first = await bootOnce(db, prefix, now);
    expect(first.summary).toMatchObject({ units: 4, sent: 8, alreadySent: 0 });
    expect(first.delivery.textsFor(s.members.l0)).toHaveLength(2); // yesterday + last week
    expect(first.delivery.messages.map((m) => m.idempotencyKey)).toContain(`digest-${s.members.l0}-day-2026-11-25-m1`);
    const second = await bootOnce(db, prefix, new Date('2026-11-26T06:00:00Z'));
    expect(second.summary).toMatchObject({ units: 4, sent: 0, alreadySent: 8 });
    expect(second.delivery.messages).toEqual([]);
  });
});

describe('a fresh deployment (issue 15)', () => {
  let db: TestDatabase;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    const { createRedis } = await import('../../../src/queue/redis.js');
    const redis = createRedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.destroy();
  });

  it('sends no catch-up digest for periods that ended before its units existed, then the next day’s digest as usual', async () => {
    const repos = createRepositories(db);
    const root = await repos.units.create({ name: 'Khối mới' });
    await repos.members.create({ telegramUserId: 8_800_001n, displayName: 'Leader', role: 'leader', unitId: root.id, language: 'en' });
    const created = (await repos.units.get(root.id))!.createdAt;
    const first = await bootOnce(db, prefix, new Date(created.getTime() + 3_600_000));
    expect(first.summary).toMatchObject({ units: 1, sent: 0 });
    expect(first.delivery.messages).toHaveLength(0);
    const nextMorning = await bootOnce(db, prefix, new Date(created.getTime() + 36 * 3_600_000));
    expect(nextMorning.delivery.messages.some((m) => m.idempotencyKey.includes('-day-'))).toBe(true);
  });
});
