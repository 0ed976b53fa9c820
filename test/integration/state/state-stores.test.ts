/**
 * The shared-state ports on every backend: Redis, PostgreSQL, and the PostgreSQL backend on the
 * embedded database (PGlite) — the card-edit gate, flood counters, the draft index,
 * conversation storage and the delivery limiter's store, and pruning of expired rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramRateLimiter } from '../../../src/delivery/limiter.js';
import type { BotState } from '../../../src/bot/state.js';
import { BACKENDS, openTestBackend, type TestBackend } from '../../support/backends.js';
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cases = [...BACKENDS.map((b) => [b, 'PostgreSQL'] as const), ...(BACKENDS.includes('postgres') ? [['postgres', 'PGlite'] as const] : [])];

describe.each(cases)('shared state on the %s backend (database: %s)', (kind, database) => {
  let db: TestDatabase;
  let backend: TestBackend;
  let state: BotState;
  beforeAll(async () => {
    db = database === 'PGlite' ? await createPgliteTestDatabase() : await createPostgresTestDatabase(4);
    backend = await openTestBackend(kind, db);
    state = await backend.botState();
  });
  afterAll(async () => {
    await backend?.destroy();
    await db?.destroy();
  });

  it('card-edit gate: of many changes at once exactly one leads; the others see when its window opened', async () => {
    const gate = backend.cardEditGate();
    const opens = await Promise.all(Array.from({ length: 8 }, (_, i) => gate.open(11, 1000 + i, 1500)));
    expect(opens.filter((o) => o.lead)).toHaveLength(1);
    const openedAt = opens.flatMap((o) => (o.lead ? [] : [o.openedAt]));
    expect(new Set(openedAt).size).toBe(1);
    await sleep(1600); // the window (1.5 s) is over, whatever the store's speed
    expect(await gate.open(11, 5000, 1500)).toEqual({ lead: true });
    await gate.restart(11, 6000, 1500);
    expect(await gate.open(11, 6100, 1500)).toEqual({ lead: false, openedAt: 6000 });
  });

  it('flood counter: counts hits in a fixed window that the first hit opens', async () => {
    const key = `${backend.queues.prefix}:flood-7`;
    const hits = await Promise.all(Array.from({ length: 5 }, () => state.flood.hit(key, 1500)));
    expect(hits.sort()).toEqual([1, 2, 3, 4, 5]);
    await sleep(1600);
    expect(await state.flood.hit(key, 1500)).toBe(1);
  });

  it('draft index and conversation storage', async () => {
    await state.drafts.touch(501, { lang: 'vi', echo: 'một', at: 1_000 });
    await state.drafts.touch(502, { lang: 'en', echo: 'two', at: 3_000 });
    await state.drafts.touch(501, { lang: 'vi', echo: 'một hai', at: 2_000 });
    expect(await state.drafts.get(501)).toEqual({ lang: 'vi', echo: 'một hai', at: 2_000 });
    expect((await state.drafts.idleBefore(2_500)).map((d) => d.chatId)).toEqual([501]);
    await state.drafts.clear(501);
    expect(await state.drafts.get(501)).toBeNull();
    const key = `${backend.queues.prefix}:conv:501`;
    const value = { version: [1, 4] as [1, 4], state: { report: [] } } as never;
    expect(await state.conversations.read(key)).toBeUndefined();
    await state.conversations.write(key, value);
    expect(await state.conversations.read(key)).toEqual(value);
    await state.conversations.delete(key);
    expect(await state.conversations.read(key)).toBeUndefined();
  });

  it('delivery limiter: one request in flight per chat, the global pace, the per-chat window, 429 blocks and a flood', async () => {
    // a slow pace (one admission per 500 ms) so that no step depends on how fast the store answers
    const limiter = new TelegramRateLimiter(backend.limiterStore(), { globalPerSecond: 2, privateMax: 2, privateWindowMs: 5000, floodThreshold: 2 });
    const a = await limiter.tryAcquire(9001n);
    expect(a.admitted).toBe(true);
    expect(await limiter.tryAcquire(9001n)).toMatchObject({ admitted: false, reason: 'chat' });
    await limiter.done(9001n, a.token);
    expect(await limiter.tryAcquire(9002n)).toMatchObject({ admitted: false, reason: 'pace' });
    const b = await limiter.acquire(9001n); // waits out the pace in place
    expect(b.admitted).toBe(true);
    await limiter.done(9001n, b.token);
    const third = await limiter.acquire(9001n); // a third message to the chat within its window
    expect(third).toMatchObject({ admitted: false, reason: 'chat' });
    expect(third.waitMs).toBeGreaterThan(2500);
    expect(await limiter.onTooManyRequests(9003n, 1)).toEqual({ global: false });
    expect(await limiter.blockedFor(9003n)).toBeGreaterThan(900);
    expect(await limiter.blockedFor(9004n)).toBe(0);
    expect(await limiter.onTooManyRequests(9004n, 1)).toEqual({ global: true });
    expect(await limiter.blockedFor(9005n)).toBeGreaterThan(900);
  });

  it('prunes expired state (PostgreSQL; Redis expires keys itself)', async () => {
    await state.flood.hit(`${backend.queues.prefix}:flood-prune`, 1);
    await sleep(20);
    const pruned = await backend.pruneExpired();
    if (kind === 'redis') expect(pruned).toBe(0);
    else expect(pruned).toBeGreaterThanOrEqual(1);
  });
});
