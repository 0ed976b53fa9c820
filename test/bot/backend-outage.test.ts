/**
 * The bot while Redis (the state backend) or PostgreSQL is down, over long polling against the
 * fake Bot API's getUpdates: the person is told at once that the service is busy and what they
 * typed is kept; the update is confirmed to Telegram only once handled, so a restart of the bot
 * during the outage loses nothing; when the backend is back the update is handled once.
 * The servers are real; they are made unavailable by cutting a loopback proxy in front of them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Update } from 'grammy/types';
import { busyNotice } from '../../src/bot/busy-notice.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { createI18n, translator } from '../../src/bot/i18n.js';
import { startPolling, type Poller } from '../../src/bot/polling.js';
import { createRedisBotState, type BotState } from '../../src/bot/state.js';
import { createUpdateKeeper } from '../../src/bot/update-keeper.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createMemberLookup, createReportIntake, createRepositories } from '../../src/db/repositories/index.js';
import { createPostgresConversationStorage } from '../../src/db/state/conversations.js';
import { createPostgresDraftStore } from '../../src/db/state/draft-store.js';
import { createPostgresFloodCounter } from '../../src/db/state/flood-counter.js';
import { textUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';
import { createRedis, type Redis } from '../../src/queue/redis.js';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.js';
import { createHarness, pressUpdate, type Harness } from './harness.js';

const BUSY_EN = /The service is busy right now. What you typed is kept/;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

const t = translator(createI18n());

/** A bot process: the bot, its keeper and long polling over the fake's getUpdates. */
function startProcess(overrides: Partial<BotDeps>, backendsUp: () => Promise<boolean>): { poller: Poller } {
  const bot = h.newBot({ ...overrides, backendsUp });
  const keeper = createUpdateKeeper({
    handle: (u) => bot.handleUpdate(u),
    notifyBusy: busyNotice(bot.api, t),
    backendsUp,
    logger: silentLogger(),
    busyAfterMs: 300,
    retryDelayMs: () => 100,
  });
  return { poller: startPolling(bot, keeper, { logger: silentLogger(), pollSeconds: 1, drainMs: 300 }) };
}

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error('timed out')), ms)))]);
  } finally {
    clearTimeout(t);
  }
}

/** Pushes an update through Telegram (the fake) and waits for a text to the person matching `expected`. */
async function say(u: FakeUser, update: Update, expected: RegExp): Promise<number> {
  const before = h.api.textsTo(u.id).length;
  const id = h.api.pushUpdate(update);
  await vi.waitFor(() => expect(h.api.textsTo(u.id).slice(before).some((t) => expected.test(t))).toBe(true), { timeout: 15_000, interval: 50 });
  return id;
}

const count = (u: FakeUser, re: RegExp) => h.api.textsTo(u.id).filter((t) => re.test(t)).length;

describe('Redis (the state backend) down', () => {
  let proxy: CuttableProxy;
  const conns: Redis[] = [];
  beforeAll(async () => {
    proxy = await startCuttableProxy(6379);
  });
  afterAll(async () => {
    for (const c of conns) c.disconnect();
    await proxy.close();
  });
  const stateThroughProxy = (): { state: BotState; up: () => Promise<boolean> } => {
    const redis = createRedis(`redis://127.0.0.1:${proxy.port}`, { retryStrategy: () => 100 });
    redis.on('error', () => undefined);
    conns.push(redis);
    const up = async () => within(redis.ping(), 300).then(() => true, () => false);
    return { state: createRedisBotState(redis, { draftsPrefix: `${h.prefix}:drafts` }), up };
  };

  it('answers "busy" within the busy delay, keeps the typed text across a bot restart, and handles it once Redis is back', async () => {
    const u = h.user('en');
    const member = await h.member(u, 'collaborator', 'en');
    const first = stateThroughProxy();
    const p1 = startProcess({ state: first.state }, first.up);
    await say(u, textUpdate(u, '/report'), /1\/6 · Topic/);
    await say(u, pressUpdate(h.api, u, 'Economy').update, /Content/i);

    await proxy.cut();
    const content = 'People in the ward worry that the flood cut the road to the market';
    const typed = await say(u, textUpdate(u, content), BUSY_EN);
    expect(h.api.confirmedOffset).toBeLessThanOrEqual(typed);

    // the bot restarts during the outage: the held update stays unconfirmed at Telegram
    await p1.poller.stop();
    conns[0]!.disconnect();
    expect(h.api.confirmedOffset).toBeLessThanOrEqual(typed);
    expect(h.api.unconfirmedUpdates()).toBeGreaterThanOrEqual(1);

    const second = stateThroughProxy();
    const p2 = startProcess({ state: second.state }, second.up);
    await vi.waitFor(() => expect(count(u, BUSY_EN)).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 50 });
    await proxy.restore();
    await vi.waitFor(() => expect(count(u, /Got it \(\d+ characters\)/)).toBe(1), { timeout: 15_000, interval: 50 });
    await vi.waitFor(() => expect(h.api.confirmedOffset).toBeGreaterThan(typed), { timeout: 15_000, interval: 50 });

    // the flow goes on from there, and the report holds what was typed during the outage
    await say(u, pressUpdate(h.api, u, 'Done').update, /Mood/i);
    await say(u, pressUpdate(h.api, u, 'Worried').update, /Spread|How widely/i);
    await say(u, pressUpdate(h.api, u, 'locality').update, /Source/i);
    await say(u, pressUpdate(h.api, u, 'Conversation').update, /Proposal|propos/i);
    await say(u, pressUpdate(h.api, u, 'Skip').update, /check/i);
    await say(u, pressUpdate(h.api, u, 'Submit').update, /R-2026-\d{6}/);
    await p2.poller.stop();
    const [report] = await h.repos.reports.latestOf(member.id);
    expect(report?.content).toBe(content);
    expect(count(u, /Got it \(\d+ characters\)/)).toBe(1);
  });
});

describe('PostgreSQL down (data and STATE_BACKEND=postgres state)', () => {
  let proxy: CuttableProxy;
  let db: Database;
  beforeAll(async () => {
    proxy = await startCuttableProxy(5432);
    const url = new URL(h.db.url!);
    url.port = String(proxy.port);
    db = await openDatabase({ url: url.toString(), poolSize: 3 });
  });
  afterAll(async () => {
    await db.close().catch(() => undefined);
    await proxy.close();
  });

  it('answers "busy" at once, holds the update while PostgreSQL is down, and answers it when it is back', async () => {
    const u = h.user('en');
    await h.member(u, 'collaborator', 'en');
    const sql = db.sql;
    const state: BotState = {
      conversations: await createPostgresConversationStorage(sql),
      drafts: createPostgresDraftStore(sql, `${h.prefix}:pgdrafts`),
      flood: createPostgresFloodCounter(sql),
    };
    const up = async () => within(sql.query('SELECT 1'), 500).then(() => true, () => false);
    const p = startProcess({ state, repos: createRepositories(db), memberLookup: createMemberLookup(sql), reportIntake: createReportIntake(sql) }, up);
    await say(u, textUpdate(u, '/help'), /report/i);

    await proxy.cut();
    const helpsBefore = h.api.textsTo(u.id).length;
    const held = await say(u, textUpdate(u, '/help'), BUSY_EN);
    expect(h.api.confirmedOffset).toBeLessThanOrEqual(held);
    expect(h.api.textsTo(u.id).slice(helpsBefore).filter((t) => !BUSY_EN.test(t))).toEqual([]);

    await proxy.restore();
    await vi.waitFor(() => expect(h.api.textsTo(u.id).slice(helpsBefore).filter((t) => !BUSY_EN.test(t))).toHaveLength(1), { timeout: 15_000, interval: 50 });
    await vi.waitFor(() => expect(h.api.confirmedOffset).toBeGreaterThan(held), { timeout: 15_000, interval: 50 });
    expect(count(u, BUSY_EN)).toBe(1);
    await p.poller.stop();
  });
});
