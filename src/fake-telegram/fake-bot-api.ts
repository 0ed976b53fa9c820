import type { Update, UserFromGetMe } from 'grammy/types';
/**
 * A fake Telegram Bot API at grammY's `fetch` level (STACK-NOTES: conversations build their own
 * Api object, so transformers are not enough). Used by tests, benchmarks, the demo and
 * `npm run chat`: it records every call, answers realistic results (message ids per chat,
 * chats, dates) and can be told to fail (429 with retry_after, 403 blocked, 400, 5xx), to be
 * slow, or to enforce Telegram's rate limits by answering 429 beyond them.
 */
import { readRequestBody } from './request-body.js';
import { RateLimitModel, type RateLimits } from './rate-limit-model.js';

export interface ApiCall {
  seq: number;
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** What the fake answered. */
  ok: boolean;
  errorCode?: number;
  result?: unknown;
  /** A send that failed (5xx) after Telegram had delivered the message (`FailureSpec.delivered`). */
  delivered?: boolean;
}

export interface FailureSpec {
  code: 400 | 403 | 429 | 500 | 502;
  description?: string;
  retryAfter?: number;
  /** 5xx only: the message is delivered (the person sees it), then the answer is the error. */
  delivered?: boolean;
}

interface Rule {
  match: (method: string, payload: Record<string, unknown>) => boolean;
  failure: FailureSpec;
  remaining: number;
}

export interface FakeBotApiOptions {
  botId?: number;
  botUsername?: string;
  /** Artificial latency per call, ms. */
  latencyMs?: number;
  /** Enforce Telegram's limits and answer 429 beyond them. */
  limits?: RateLimits;
  /** Clock (ms); defaults to the wall clock. */
  now?: () => number;
  /**
   * Keep every call in `calls` (default true). Benchmarks turn it off: listeners still see each
   * call, but a log growing by thousands of payloads per second would be the benchmark's own
   * garbage, not the bot's.
   */
  keepCalls?: boolean;
}

type Listener = (call: ApiCall) => void;

export const FAKE_BOT_INFO = (id: number, username: string): UserFromGetMe => ({
  id,
  is_bot: true as const,
  first_name: 'Pulse',
  username,
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
});

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly botInfo: UserFromGetMe;
  /** Requests that arrived while a 429's retry_after for their chat (or globally) had not elapsed. */
  retryAfterViolations = 0;
  private seq = 0;
  private rules: Rule[] = [];
  private blocked = new Set<string>();
  private messageIds = new Map<string, number>();
  private listeners = new Set<Listener>();
  private latencyMs: number;
  private readonly now: () => number;
  private readonly limiter: RateLimitModel | undefined;
  private readonly keepCalls: boolean;
  private retryAfterUntil = new Map<string, number>();
  /** Updates waiting for `getUpdates` (pushUpdate), and the offset the bot last confirmed. */
  private updates: Update[] = [];
  private lastUpdateId = 0;
  private updateWaiters = new Set<() => void>();
  confirmedOffset = 0;

  constructor(opts: FakeBotApiOptions = {}) {
    this.botInfo = FAKE_BOT_INFO(opts.botId ?? 7000000001, opts.botUsername ?? 'pulse_demo_bot');
    this.latencyMs = opts.latencyMs ?? 0;
    this.now = opts.now ?? Date.now;
    this.limiter = opts.limits ? new RateLimitModel(opts.limits) : undefined;
    this.keepCalls = opts.keepCalls ?? true;
  }

  /** The function to pass as `client.fetch` to grammY. */
  readonly fetch = (async (input: unknown, init?: { body?: unknown }) => {
    const url = typeof input === 'string' ? input : String((input as { url?: string }).url ?? input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    const payload = await readRequestBody(init?.body);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (method === 'getUpdates') await this.waitForUpdates(payload, (init as { signal?: AbortSignal } | undefined)?.signal);
    const body = this.answer(method, payload);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;

  /** Fail the next `times` calls that match (method name or predicate). */
  failNext(match: string | ((method: string, payload: Record<string, unknown>) => boolean), failure: FailureSpec, times = 1): void {
    const fn = typeof match === 'string' ? (m: string) => m === match : match;
    this.rules.push({ match: fn, failure, remaining: times });
  }

  /** Drops every failure rule still pending (a storm ends). */
  clearFailures(): void {
    this.rules = [];
  }

  /** Every call to this chat answers 403 "bot was blocked by the user". */
  blockChat(chatId: number | bigint | string): void {
    this.blocked.add(String(chatId));
  }

  /**
   * Queues an update for `getUpdates` (renumbered in arrival order, as Telegram numbers them);
   * it is given out until the bot confirms it (an `offset` above its id). Returns its id.
   */
  pushUpdate(update: Update): number {
    const id = ++this.lastUpdateId;
    this.updates.push({ ...update, update_id: id });
    for (const w of this.updateWaiters) w();
    return id;
  }

  /** Updates not confirmed by the bot yet. */
  unconfirmedUpdates(): number {
    return this.updates.length;
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /**
   * Records a call answered by another fake (the fake of a bot thread, src/bot/threads.ts), so
   * that this one's log and listeners show everything the bot sent, whichever thread sent it.
   */
  mirror(call: Omit<ApiCall, 'seq'>): void {
    this.record({ ...call, seq: ++this.seq });
  }

  onCall(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls of a method, optionally to one chat. */
  callsOf(method: string, chatId?: number | bigint | string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || String(c.payload.chat_id) === String(chatId)));
  }

  /** Texts sent (sendMessage, sendPhoto captions, edits) to a chat, in order. */
  textsTo(chatId: number | bigint | string): string[] {
    return this.calls
      .filter((c) => (c.ok || c.delivered) && String(c.payload.chat_id) === String(chatId))
      .map((c) => (c.payload.text ?? c.payload.caption) as string | undefined)
      .filter((t): t is string => typeof t === 'string');
  }

  /** Resolves when a call matching the predicate has been recorded (or rejects after timeoutMs). */
  waitFor(pred: (c: ApiCall) => boolean, timeoutMs = 5000): Promise<ApiCall> {
    const found = this.calls.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`fake Bot API: no matching call within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onCall((c) => {
        if (!pred(c)) return;
        clearTimeout(timer);
        off();
        resolve(c);
      });
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.rules = [];
    this.blocked.clear();
    this.retryAfterViolations = 0;
    this.retryAfterUntil.clear();
  }

  private answer(method: string, payload: Record<string, unknown>): Record<string, unknown> {
    const chat = payload.chat_id === undefined ? undefined : String(payload.chat_id);
    const now = this.now();
    this.checkRetryAfter(chat, now);
    const failure = this.takeFailure(method, payload, chat, now);
    const call: ApiCall = { seq: ++this.seq, method, payload, at: now, ok: !failure };
    let body: Record<string, unknown>;
    if (failure) {
      call.errorCode = failure.code;
      if (failure.delivered && failure.code >= 500) {
        call.result = this.result(method, payload, now);
        call.delivered = true;
      }
      if (failure.code === 429) this.noteRetryAfter(chat, now, failure.retryAfter ?? 1);
      body = {
        ok: false,
        error_code: failure.code,
        description: failure.description ?? defaultDescription(failure),
        ...(failure.code === 429 ? { parameters: { retry_after: failure.retryAfter ?? 1 } } : {}),
      };
    } else {
      call.result = this.result(method, payload, now);
      body = { ok: true, result: call.result };
    }
    this.record(call);
    return body;
  }

  private confirm(payload: Record<string, unknown>): Update[] {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    if (offset > this.confirmedOffset) {
      this.confirmedOffset = offset;
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    }
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    return this.updates.slice(0, limit);
  }

  /** Long polling: waits up to `timeout` seconds for an update at or after `offset`. */
  private async waitForUpdates(payload: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    const timeout = typeof payload.timeout === 'number' ? payload.timeout : 0;
    if (timeout <= 0 || this.confirm(payload).length > 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.updateWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.updateWaiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
    if (signal?.aborted) throw new DOMException('The operation was aborted', 'AbortError');
  }

  private record(call: ApiCall): void {
    if (this.keepCalls) this.calls.push(call);
    for (const l of this.listeners) l(call);
  }

  private takeFailure(method: string, payload: Record<string, unknown>, chat: string | undefined, now: number): FailureSpec | undefined {
    if (chat !== undefined && this.blocked.has(chat)) return { code: 403, description: 'Forbidden: bot was blocked by the user' };
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(method, payload));
    if (rule) {
      rule.remaining -= 1;
      this.rules = this.rules.filter((r) => r.remaining > 0);
      return rule.failure;
    }
    if (this.limiter && isSend(method)) {
      const wait = this.limiter.admit(chat ?? 'none', method, now);
      if (wait > 0) return { code: 429, retryAfter: wait };
    }
    return undefined;
  }

  private noteRetryAfter(chat: string | undefined, now: number, seconds: number): void {
    this.retryAfterUntil.set(chat ?? '*', now + seconds * 1000);
  }

  private checkRetryAfter(chat: string | undefined, now: number): void {
    const until = Math.max(this.retryAfterUntil.get(chat ?? '*') ?? 0, this.retryAfterUntil.get('*') ?? 0);
    if (now < until) this.retryAfterViolations += 1;
  }

  private nextMessageId(chat: string): number {
    const id = (this.messageIds.get(chat) ?? 0) + 1;
    this.messageIds.set(chat, id);
    return id;
  }

  private result(method: string, p: Record<string, unknown>, now: number): unknown {
    const chatId = Number(p.chat_id);
    const date = Math.floor(now / 1000);
    const message = (extra: Record<string, unknown>) => ({
      message_id: this.nextMessageId(String(p.chat_id)),
      date,
      chat: { id: chatId, type: chatId < 0 ? 'group' : 'private', ...(chatId < 0 ? { title: 'Group' } : { first_name: 'User' }) },
      from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
      ...extra,
    });
    switch (method) {
      case 'getMe':
        return this.botInfo;
      case 'sendMessage':
        return message({ text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) });
      case 'sendPhoto':
        return message({ photo: [{ file_id: `photo-${this.seq}`, file_unique_id: `u${this.seq}`, width: 1200, height: 800 }], caption: p.caption });
      case 'sendDocument':
        return message({ document: { file_id: `doc-${this.seq}`, file_unique_id: `d${this.seq}` }, caption: p.caption });
      case 'editMessageText':
        return { message_id: Number(p.message_id), date, chat: { id: chatId, type: 'private' }, text: p.text, edit_date: date };
      case 'editMessageReplyMarkup':
        return { message_id: Number(p.message_id), date, chat: { id: chatId, type: 'private' }, edit_date: date };
      case 'getUpdates':
        return this.confirm(p);
      case 'getChat':
        return { id: chatId, type: 'private' };
      default:
        return true;
    }
  }
}

function isSend(method: string): boolean {
  return method.startsWith('send') || method.startsWith('edit') || method === 'copyMessage' || method === 'forwardMessage';
}

function defaultDescription(f: FailureSpec): string {
  switch (f.code) {
    case 429:
      return `Too Many Requests: retry after ${f.retryAfter ?? 1}`;
    case 403:
      return 'Forbidden: bot was blocked by the user';
    case 400:
      return 'Bad Request: chat not found';
    default:
      return 'Internal Server Error';
  }
}
