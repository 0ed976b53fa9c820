/**
 * A rate limiter shared in Redis or PostgreSQL (a `LimiterStore`), so that any number of delivery workers (threads or
 * machines) together stay within Telegram's limits. Design choice: a shared limiter rather
 * than a single consumer, because alerts must not wait behind one slow process and the
 * deployment scales by adding workers. The store's own clock is used (Redis TIME, PostgreSQL
 * clock_timestamp()) so that workers on different machines agree.
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
  /**
   * The global pace of paid broadcasts (Telegram's allow_paid_broadcast, up to 1,000/s): such
   * a message spaces the next admission by this pace instead of the free one, so alerts and
   * other free messages still wait at most one free interval behind it.
   */
  paidPerSecond: number;
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
  paidPerSecond: 900,
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

/**
 * Where the limiter's shared state lives (STATE_BACKEND): Redis (one Lua script per attempt,
 * delivery/redis-limiter-store.ts) or PostgreSQL (one SQL function per attempt,
 * db/state/limiter-store.ts). Both use the store's own clock, so that workers on different machines agree.
 */
export interface LimiterStore {
  /** One admission attempt for `chat` (see ACQUIRE in the Redis store for the rules). */
  acquire(chat: string, token: string, rules: ChatRules): Promise<{ admitted: boolean; waitMs: number; reason: Admission['reason'] }>;
  /** Ends the in-flight request to a chat if `token` still holds it. */
  release(chat: string, token: string): Promise<void>;
  /** Milliseconds the chat (or everything) remains blocked; 0 when free. */
  blockedFor(chat: string): Promise<number>;
  /** Blocks the chat for `ms`, slows the pace for `slowdownMs`; blocks everything when `floodThreshold` chats got a 429 within a second. */
  tooManyRequests(chat: string, ms: number, slowdownMs: number, floodThreshold: number): Promise<{ global: boolean }>;
}

/** The limits that apply to one attempt. */
export interface ChatRules {
  /** The global pace: ms between two admissions. */
  intervalMs: number;
  chatMax: number;
  chatWindowMs: number;
  inFlightTtlMs: number;
  catchUpMs: number;
}

/** The shared limiter over one store (Redis or PostgreSQL). */
export class TelegramRateLimiter {
  private seq = 0;
  private readonly opts: LimiterOptions;

  constructor(
    private readonly store: LimiterStore,
    opts: Partial<LimiterOptions> = {},
  ) {
    this.opts = { ...DEFAULT_LIMITER_OPTIONS, ...opts };
    if (this.opts.globalPerSecond <= 0 || this.opts.privateMax < 1 || this.opts.groupMax < 1) throw new RangeError('limiter limits must be positive');
  }

  private waiters: { chat: string; priority: number; paid: boolean; seq: number; done: (a: Admission) => void; fail: (e: unknown) => void }[] = [];
  private pumping = false;

  /**
   * Admits a request to a chat now, waiting out the global pace in place; returns a denial
   * when the chat itself must wait. Callers of one process wait in a local line ordered by
   * priority (lower first, like BullMQ), so that one of them (not all) polls the store while the
   * pace is the limit and an alert never waits behind a queue of broadcasts.
   */
  acquire(chatId: bigint | string, priority = 0, paid = false): Promise<Admission> {
    return new Promise<Admission>((done, fail) => {
      this.waiters.push({ chat: String(chatId), priority, paid, seq: ++this.seq, done, fail });
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
          a = await this.tryAcquire(w.chat, w.paid);
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
  async tryAcquire(chatId: bigint | string, paid = false): Promise<Admission> {
    const chat = String(chatId);
    const group = chat.startsWith('-');
    const token = `${process.pid}-${Date.now()}-${++this.seq}`;
    const r = await this.store.acquire(chat, token, {
      intervalMs: 1000 / (paid ? this.opts.paidPerSecond : this.opts.globalPerSecond),
      chatMax: group ? this.opts.groupMax : this.opts.privateMax,
      chatWindowMs: group ? this.opts.groupWindowMs : this.opts.privateWindowMs,
      inFlightTtlMs: this.opts.inFlightTtlMs,
      catchUpMs: this.opts.catchUpMs,
    });
    return { ...r, waitMs: Math.max(0, Math.ceil(r.waitMs)), token };
  }

  /** Ends the in-flight request to a chat (after its outcome, a 429 block included, is known). */
  async done(chatId: bigint | string, token: string): Promise<void> {
    await this.store.release(String(chatId), token);
  }

  /** Milliseconds a chat (or everything) remains blocked by a 429; 0 when free. */
  async blockedFor(chatId: bigint | string): Promise<number> {
    return this.store.blockedFor(String(chatId));
  }

  /**
   * Obeys a 429: nothing goes to that chat before `retry_after` (plus a margin), the pace is
   * halved for a while, and when several chats got 429 within a second everything pauses.
   */
  async onTooManyRequests(chatId: bigint | string, retryAfterSeconds: number): Promise<{ global: boolean }> {
    const ms = Math.max(1, retryAfterSeconds) * 1000 + 100;
    return this.store.tooManyRequests(String(chatId), ms, this.opts.slowdownMs, this.opts.floodThreshold);
  }
}
