/**
 * An index of report drafts in progress (Redis: a sorted set by last activity and the text
 * typed so far), so that a draft left for 24 hours is given back and dropped even if the
 * person never writes again — not only when they come back. The conversation state itself
 * stays with the conversations plugin; this is what the reaper needs to find and echo it.
 */
import type { Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { Clock } from '../domain/clock.js';
import { DRAFT_IDLE_MS } from '../domain/report-draft.js';
import type { Language } from '../domain/vocabulary.js';
import type { Logger } from '../logger.js';
import type { Translate } from './i18n.js';

export interface DraftRecord {
  lang: Language;
  /** What the person typed so far, already escaped for Telegram HTML. */
  echo: string;
}

export type DraftStore = ReturnType<typeof createDraftStore>;

/** The draft index under `<prefix>:idle` (sorted set) and `<prefix>:data` (hash). */
export function createDraftStore(redis: Redis, prefix = 'pulse:drafts') {
  const idle = `${prefix}:idle`;
  const data = `${prefix}:data`;
  return {
    async touch(chatId: number, atMs: number, rec: DraftRecord): Promise<void> {
      await redis.multi().zadd(idle, atMs, String(chatId)).hset(data, String(chatId), JSON.stringify(rec)).exec();
    },
    async clear(chatId: number): Promise<void> {
      await redis.multi().zrem(idle, String(chatId)).hdel(data, String(chatId)).exec();
    },
    /** Drafts untouched since `beforeMs`, oldest first. */
    async idleBefore(beforeMs: number, take = 200): Promise<{ chatId: number; rec: DraftRecord | null }[]> {
      const ids = await redis.zrangebyscore(idle, 0, beforeMs, 'LIMIT', 0, take);
      if (ids.length === 0) return [];
      const recs = await redis.hmget(data, ...ids);
      return ids.map((id, i) => ({ chatId: Number(id), rec: recs[i] ? (JSON.parse(recs[i]!) as DraftRecord) : null }));
    },
  };
}

export interface ReaperDeps {
  api: Api;
  redis: Redis;
  drafts: DraftStore;
  clock: Clock;
  t: Translate;
  logger: Logger;
  /** The conversations' Redis key prefix (default `conv:`): the state is deleted with the draft. */
  conversationPrefix?: string;
}

/** One pass: gives back and drops every draft idle for 24 hours. Returns how many were dropped. */
export async function reapIdleDrafts(deps: ReaperDeps): Promise<number> {
  const stale = await deps.drafts.idleBefore(deps.clock().getTime() - DRAFT_IDLE_MS);
  for (const { chatId, rec } of stale) {
    await deps.redis.del(`${deps.conversationPrefix ?? 'conv:'}${chatId}`);
    await deps.drafts.clear(chatId);
    if (!rec?.echo) continue;
    await deps.api
      .sendMessage(chatId, deps.t(rec.lang, 'intake-draft-dropped', { draft: rec.echo }), { parse_mode: 'HTML' })
      .catch((e: unknown) => deps.logger.warn({ chatId, err: (e as Error).message }, 'could not give back a dropped draft'));
  }
  if (stale.length) deps.logger.info({ count: stale.length }, 'idle drafts dropped');
  return stale.length;
}

/** Runs `reapIdleDrafts` every `intervalMs` (default 10 min) until stopped. */
export function startDraftReaper(deps: ReaperDeps & { intervalMs?: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= reapIdleDrafts(deps)
      .catch((e: unknown) => deps.logger.warn({ err: (e as Error).message }, 'draft reaper failed'))
      .finally(() => (running = null));
  }, deps.intervalMs ?? 600_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
