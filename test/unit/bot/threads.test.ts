import { afterEach, describe, expect, it } from 'vitest';
import { createFrontBot } from '../../../src/bot/front-bot.js';
import { createThreadPool, updateChatId, type ThreadPool } from '../../../src/bot/threads.js';
import { FakeBotApi, textUpdate, type FakeUser } from '../../../src/fake-telegram/index.js';
import { silentLogger } from '../../../src/logger.js';

const ENTRY = new URL('../../support/echo-thread.ts', import.meta.url);
type Seen = { t: 'seen'; thread: number; chat: number; text: string } | { t: 'closed'; thread: number };

let pool: ThreadPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

function start(count: number) {
  const seen: Seen[] = [];
  pool = createThreadPool({ entry: ENTRY, count, data: null, logger: silentLogger(), onOther: (m) => seen.push(m as Seen) });
  const api = new FakeBotApi();
  const front = createFrontBot('123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz', silentLogger(), { botInfo: api.botInfo, fetch: api.fetch });
  front.use(pool);
  return { seen, front, p: pool };
}

const user = (id: number): FakeUser => ({ id, firstName: `U${id}`, languageCode: 'vi' });

describe('bot threads', () => {
  it('routes every update of a chat to one thread, in order, and spreads chats over the threads', async () => {
    const { seen, front, p } = start(2);
    await p.ready();
    const users = [1001, 1002, 1003, 1004].map(user);
    // each chat's updates are sent at once; the slow first one must not be overtaken
    await Promise.all(users.flatMap((u) => [`slow-${u.id}`, `a-${u.id}`, `b-${u.id}`].map((t) => front.bot.handleUpdate(textUpdate(u, t)))));
    for (const u of users) {
      const mine = seen.filter((s): s is Extract<Seen, { t: 'seen' }> => s.t === 'seen' && s.chat === u.id);
      expect(mine.map((s) => s.text)).toEqual([`slow-${u.id}`, `a-${u.id}`, `b-${u.id}`]);
      expect(new Set(mine.map((s) => s.thread)).size).toBe(1);
    }
    expect(new Set(seen.map((s) => s.thread))).toEqual(new Set([0, 1]));
    expect(updateChatId(textUpdate(users[0]!, 'x'))).toBe(1001);
  });

  it('a failing handler rejects only its update; a thread that dies is replaced and its update is reported lost', async () => {
    const { seen, p } = start(1);
    await p.ready();
    const u = user(2001);
    await expect(p.handle(textUpdate(u, 'fail'))).rejects.toThrow('handler failed');
    await expect(p.handle(textUpdate(u, 'crash'))).rejects.toThrow(/exited while handling/);
    await p.handle(textUpdate(u, 'after')); // waits for the replacement to be ready
    expect(seen.filter((s) => s.t === 'seen').map((s) => (s as { text: string }).text)).toEqual(['after']);
  });

  it('a thread that cannot start makes ready() fail and is not restarted in a loop; close() still returns', async () => {
    pool = createThreadPool({ entry: ENTRY, count: 2, data: { failAtStart: true }, logger: silentLogger() });
    await expect(pool.ready()).rejects.toThrow(/before it was ready/);
    await expect(pool.handle(textUpdate(user(4001), 'x'))).rejects.toThrow(/before it was ready/);
    await pool.close();
    pool = null;
  });

  it('close() lets each thread finish the update in hand, run its closer and exit', async () => {
    const { seen, p } = start(2);
    await p.ready();
    const slow = p.handle(textUpdate(user(3001), 'slow-last'));
    await new Promise((r) => setTimeout(r, 20));
    await p.close();
    await slow;
    pool = null;
    expect(seen.find((s) => s.t === 'seen')).toMatchObject({ text: 'slow-last' });
    const closed = seen.filter((s) => s.t === 'closed').map((s) => s.thread).sort();
    expect(closed).toEqual([0, 1]);
    await expect(p.handle(textUpdate(user(3001), 'late'))).rejects.toThrow('stopping');
  });
});
