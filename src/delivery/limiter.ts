/**
 * A rate limiter shared in Redis, so that any number of delivery workers (threads or
 * machines) together stay within Telegram's limits. Design choice: a shared limiter rather
 * than a single consumer, because alerts must not wait behind one slow process and the
 * deployment scales by adding workers. Redis' own clock (TIME) is used so that workers on
 * different machines agree.
 *
 * - Global: paced (GCRA without burst) at `globalPerSecond` (27.5) with a safety margin below
 *   Telegram's ~30/s: pacing, unlike a window counter, cannot emit a burst, and the margin
 *   absorbs ~100 ms of delay between admission and the request reaching Telegram.
 * - Per chat: a sliding log (private: 3 per 3.3 s ≈ 1/s with short bursts; groups: 19 per
 *   61 s) with a margin over Telegram's 1/s and 20/min.
 * - One request in flight per chat, so that a 429's retry_after is known before the next one.
 * - Blocks: after a 429 the chat (or, on a flood of 429s across chats, everything) is blocked
 *   for `retry_after`; the global pace is halved for a while ("slow the lane").
 */
import type { Redis } from 'ioredis';

export interface LimiterOptions {
  globalPerSecond: number;
  privateMax: number;
  privateWindowMs: number;
  groupMax: number;
  groupWindowMs: number;
  /** How long the pace stays halved after a 429. */
  slowdownMs: number;
  /** 429s on distinct chats within one second that mean a global flood. */
  floodThreshold: number;
  /**
   * One request per chat at a time: a second message to a chat waits until the first one's
   * answer is known, so a 429 is always recorded before the next request to that chat.
   * The lock expires after this long if its holder dies.
   */
  inFlightTtlMs: number;
  /** A slot taken this late after its due time keeps the pace's schedule (no lost capacity). */
  catchUpMs: number;
}

export const DEFAULT_LIMITER_OPTIONS: LimiterOptions = {
  globalPerSecond: 27.5,
  privateMax: 3,
  privateWindowMs: 3300,
  groupMax: 19,
  groupWindowMs: 61_000,
  slowdownMs: 30_000,
  floodThreshold: 3,
  inFlightTtlMs: 40_000,
  catchUpMs: 10,
};

/** admitted: send now (waitMs 0); else ask again after `waitMs`. */
export interface Admission {
  admitted: boolean;
  waitMs: number;
  /** Why not admitted: the global pace (short waits) or the chat (busy, limited or blocked). */
  reason: 'pace' | 'chat' | null;
  /** Held while the request to this chat is in flight; pass to `done`. */
  token: string;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// KEYS: 1 global pace, 2 chat log, 3 global block, 4 chat block, 5 slow flag, 6 chat in-flight
// ARGV: 1 unique token, 2 interval ms, 3 chat max, 4 chat window ms, 5 in-flight ttl ms, 6 catch-up ms
// Admission happens at the moment of sending (no future reservations), so a late timer can
// never bunch requests together.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = math.max(redis.call('PTTL', KEYS[3]), redis.call('PTTL', KEYS[4]))
if blocked > 0 then return {0, blocked, 2} end
if redis.call('EXISTS', KEYS[6]) == 1 then return {0, 25, 2} end
local interval = tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[5]) == 1 then interval = interval * 2 end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < tat then return {0, tat - now, 1} end
local cmax = tonumber(ARGV[3])
local cwin = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - cwin)
local n = redis.call('ZCARD', KEYS[2])
if n >= cmax then
  local first = redis.call('ZRANGE', KEYS[2], n - cmax, n - cmax, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) + cwin - now), 2}
end
local nexttat = now + interval
if now - tat < tonumber(ARGV[6]) then nexttat = tat + interval end
redis.call('SET', KEYS[1], nexttat, 'PX', 60000)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], cwin + 1000)
redis.call('SET', KEYS[6], ARGV[1], 'PX', tonumber(ARGV[5]))
return {1, 0, 0}
`;

/** The shared limiter over one Redis; `prefix` isolates deployments and test runs. */
export class TelegramRateLimiter {
  private seq = 0;
  private readonly opts: LimiterOptions;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    opts: Partial<LimiterOptions> = {},
  ) {
    this.opts = { ...DEFAULT_LIMITER_OPTIONS, ...opts };
    if (this.opts.globalPerSecond <= 0 || this.opts.privateMax < 1 || this.opts.groupMax < 1) throw new RangeError('limiter limits must be positive');
  }

  private key(...parts: string[]): string {
    return `${this.prefix}:rl:${parts.join(':')}`;
  }

  private waiters: { chat: string; priority: number; seq: number; done: (a: Admission) => void; fail: (e: unknown) => void }[] = [];
  private pumping = false;

  /**
   * Admits a request to a chat now, waiting out the global pace in place; returns a denial
   * when the chat itself must wait. Callers of one process wait in a local line ordered by
   * priority (lower first, like BullMQ), so that one of them (not all) polls Redis while the
   * pace is the limit and an alert never waits behind a queue of broadcasts.
   */
  acquire(chatId: bigint | string, priority = 0): Promise<Admission> {
    return new Promise<Admission>((done, fail) => {
      this.waiters.push({ chat: String(chatId), priority, seq: ++this.seq, done, fail });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        this.waiters.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
        const w = this.waiters[0]!;
        let a: Admission;
        try {
          a = await this.tryAcquire(w.chat);
        } catch (e) {
          this.waiters.shift();
          w.fail(e);
          continue;
        }
        if (!a.admitted && a.reason === 'pace' && a.waitMs <= 1000) {
          await new Promise((r) => setTimeout(r, a.waitMs));
          continue;
        }
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(a);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** One attempt: admitted now, or how long to wait and why. */
  async tryAcquire(chatId: bigint | string): Promise<Admission> {
    const chat = String(chatId);
    const group = chat.startsWith('-');
    const token = `${process.pid}-${Date.now()}-${++this.seq}`;
    const res = (await this.redis.eval(
      ACQUIRE,
      6,
      this.key('pace'),
      this.key('chat', chat),
      this.key('block', '*'),
      this.key('block', chat),
      this.key('slow'),
      this.key('inflight', chat),
      token,
      String(1000 / this.opts.globalPerSecond),
      String(group ? this.opts.groupMax : this.opts.privateMax),
      String(group ? this.opts.groupWindowMs : this.opts.privateWindowMs),
      String(this.opts.inFlightTtlMs),
      String(this.opts.catchUpMs),
    )) as [number, number, number];
    const reason = res[2] === 1 ? 'pace' : res[2] === 2 ? 'chat' : null;
    return { admitted: res[0] === 1, waitMs: Math.max(0, Math.ceil(Number(res[1]))), reason, token };
  }

  /** Ends the in-flight request to a chat (after its outcome, a 429 block included, is known). */
  async done(chatId: bigint | string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key('inflight', String(chatId)), token);
  }

  /** Milliseconds a chat (or everything) remains blocked by a 429; 0 when free. */
  async blockedFor(chatId: bigint | string): Promise<number> {
    const [g, c] = await Promise.all([this.redis.pttl(this.key('block', '*')), this.redis.pttl(this.key('block', String(chatId)))]);
    return Math.max(0, g, c);
  }

  /**
   * Obeys a 429: nothing goes to that chat before `retry_after` (plus a margin), the pace is
   * halved for a while, and when several chats got 429 within a second everything pauses.
   */
  async onTooManyRequests(chatId: bigint | string, retryAfterSeconds: number): Promise<{ global: boolean }> {
    const ms = Math.max(1, retryAfterSeconds) * 1000 + 100;
    const flood = this.key('flood');
    const multi = this.redis
      .multi()
      .set(this.key('block', String(chatId)), '1', 'PX', ms)
      .set(this.key('slow'), '1', 'PX', this.opts.slowdownMs)
      .sadd(flood, String(chatId))
      .pexpire(flood, 1000)
      .scard(flood);
    const out = await multi.exec();
    const distinct = Number(out?.[4]?.[1] ?? 0);
    const global = distinct >= this.opts.floodThreshold;
    if (global) await this.redis.set(this.key('block', '*'), '1', 'PX', ms);
    return { global };
  }
}
