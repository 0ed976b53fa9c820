import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCachedMemberLookup, type CachedMemberLookup } from '../../../src/db/member-cache.js';
import { createMemberLookup, createRepositories, type MemberLookup, type Repositories } from '../../../src/db/repositories/index.js';
import type { Member } from '../../../src/domain/types.js';
import { createPgliteTestDatabase, createPostgresTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../../support/db.js';

/** Counts the lookups that reach the database. */
function counting(inner: MemberLookup): MemberLookup & { calls: number } {
  const c = {
    calls: 0,
    async findByTelegramId(id: bigint) {
      c.calls++;
      return inner.findByTelegramId(id);
    },
  };
  return c;
}

const listeningOf = (cache: CachedMemberLookup) => vi.waitFor(() => expect(cache.stats().listening).toBe(true), { timeout: 5000 });

describe.each([
  ['PostgreSQL', createPostgresTestDatabase],
  ['PGlite', createPgliteTestDatabase],
] as const)('membership cache on %s', (_name, open) => {
  let db: TestDatabase;
  let repos: Repositories;
  let unitId: number;
  let nextId = 7_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  beforeAll(async () => {
    db = await open();
    repos = createRepositories(db);
    unitId = (await repos.units.create({ name: 'U' })).id;
  });
  afterAll(async () => {
    await db?.destroy();
  });
  const member = (): Promise<Member> => repos.members.create({ telegramUserId: BigInt(++nextId), displayName: 'x', role: 'collaborator', unitId });

  it('serves repeated lookups from memory and drops an entry when the database says the member changed', async () => {
    const inner = counting(createMemberLookup(db.sql));
    const cache = createCachedMemberLookup(db, inner);
    await listeningOf(cache);
    const m = await member();
    await vi.waitFor(() => expect(cache.stats().invalidations).toBe(1)); // its creation was heard
    for (let i = 0; i < 5; i++) expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(true);
    expect(inner.calls).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 4, misses: 1 });

    await repos.members.deactivate(m.id, new Date());
    await vi.waitFor(async () => expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(false));
    expect(inner.calls).toBeGreaterThanOrEqual(2);

    // a change made with plain SQL is heard just the same
    await db.sql.query(`UPDATE "Member" SET "language" = 'en' WHERE "id" = $1`, [m.id]);
    await vi.waitFor(async () => expect((await cache.findByTelegramId(m.telegramUserId))?.language).toBe('en'));
    // a report (lastReportAt/lastSeenAt) does not evict anyone
    const before = cache.stats().invalidations;
    await db.sql.query(`UPDATE "Member" SET "lastSeenAt" = now(), "lastReportAt" = now() WHERE "id" = $1`, [m.id]);
    await db.sql.query(`UPDATE "Member" SET "displayName" = 'y' WHERE "id" = $1`, [m.id]); // a change that does notify, as a marker
    await vi.waitFor(() => expect(cache.stats().invalidations).toBeGreaterThan(before));
    expect(cache.stats().invalidations).toBe(before + 1);
    await cache.close();
  });

  it('does not cache people without membership, so a new member is known on the next message', async () => {
    const inner = counting(createMemberLookup(db.sql));
    const cache = createCachedMemberLookup(db, inner);
    await listeningOf(cache);
    const id = BigInt(++nextId);
    expect(await cache.findByTelegramId(id)).toBeNull();
    await repos.members.create({ telegramUserId: id, displayName: 'new', role: 'collaborator', unitId });
    expect((await cache.findByTelegramId(id))?.displayName).toBe('new');
    await cache.close();
  });

  it('a lookup in flight when a change is heard does not store its older answer; forget() drops at once', async () => {
    const m = await member();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = createMemberLookup(db.sql);
    let slow = true;
    const inner: MemberLookup = {
      async findByTelegramId(id) {
        const row = await real.findByTelegramId(id); // read before the change…
        if (slow) await gate; // …answered after it was heard
        return row;
      },
    };
    const cache = createCachedMemberLookup(db, inner);
    await listeningOf(cache);
    const pending = cache.findByTelegramId(m.telegramUserId);
    await vi.waitFor(() => expect(cache.stats().misses).toBe(1));
    const before = cache.stats().invalidations;
    await repos.members.deactivate(m.id, new Date());
    await vi.waitFor(() => expect(cache.stats().invalidations).toBeGreaterThan(before));
    release();
    expect((await pending)?.active).toBe(true); // the caller that asked first gets what was read
    slow = false;
    expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(false); // but it was not cached

    cache.forget(m.telegramUserId);
    const misses = cache.stats().misses;
    await cache.findByTelegramId(m.telegramUserId);
    expect(cache.stats().misses).toBe(misses + 1);
    await cache.close();
  });

  it('returns frozen members: no caller can change what the next update sees', async () => {
    const cache = createCachedMemberLookup(db, createMemberLookup(db.sql));
    await listeningOf(cache);
    const m = await member();
    const a = (await cache.findByTelegramId(m.telegramUserId))!;
    expect(() => Object.assign(a, { active: false })).toThrow(TypeError);
    await cache.close();
  });
});

describe('membership cache when the notification connection is lost (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('goes to the database for every lookup until it listens again, then caches again', async () => {
    const repos = createRepositories(db);
    const unit = await repos.units.create({ name: 'U' });
    const m = await repos.members.create({ telegramUserId: 6_100_000_001n, displayName: 'x', role: 'collaborator', unitId: unit.id });
    const inner = counting(createMemberLookup(db.sql));
    const cache = createCachedMemberLookup(db, inner);
    await listeningOf(cache);
    await cache.findByTelegramId(m.telegramUserId);
    await cache.findByTelegramId(m.telegramUserId);
    expect(inner.calls).toBe(1);

    // kill the LISTEN connection from the server side, as a PostgreSQL restart would
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`, [`LISTEN "pulse_member_changed_${db.schema}"`]);
    await vi.waitFor(() => expect(cache.stats().listening).toBe(false));
    expect(cache.stats().size).toBe(0);
    // a change made while nobody listens is not missed: nothing is served from memory meanwhile
    await repos.members.deactivate(m.id, new Date());
    const before = inner.calls;
    expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(false);
    expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(false);
    expect(inner.calls).toBe(before + 2);
    await listeningOf(cache); // reconnected (after 0.5 s)
    expect((await cache.findByTelegramId(m.telegramUserId))?.active).toBe(false);
    const calls = inner.calls;
    await cache.findByTelegramId(m.telegramUserId);
    expect(inner.calls).toBe(calls);
    await admin.end();
    await cache.close();
  });
});
