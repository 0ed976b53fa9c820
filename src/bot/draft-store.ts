/**
 * An index of report drafts in progress (the text typed so far and the last activity, in the
 * shared state: Redis or PostgreSQL, db/state/draft-store.ts), so that a draft left for 24 hours is given back and dropped even if the
 * person never writes again — not only when they come back. The conversation state itself
 * stays with the conversations plugin; this is what the reaper needs to find and echo it.
 */
import type { Api, StorageAdapter } from 'grammy';
import type { Cluster, Redis } from 'ioredis';
import type { Clock } from '../domain/clock.js';
import { DRAFT_IDLE_MS } from '../domain/report-draft.js';
import type { Language } from '../domain/vocabulary.js';
import type { Logger } from '../logger.js';
import type { Translate } from './i18n.js';

/** One draft in progress, as the reaper needs it. */
export interface DraftRecord {
  lang: Language;
  /** What the person typed so far, already escaped for Telegram HTML. */
  echo: string;
  /** Last activity (ms since epoch). */
  at: number;
}

/** The draft index: one record per chat with a draft in progress. */
export interface DraftStore {
  touch(chatId: number, rec: DraftRecord): Promise<void>;
  get(chatId: number): Promise<DraftRecord | null>;
  clear(chatId: number): Promise<void>;
  /** Drafts untouched since `beforeMs`, oldest first. */
  idleBefore(beforeMs: number): Promise<{ chatId: number; rec: DraftRecord }[]>;
}

/**
 * The draft index in Redis: one hash `<prefix>` of chat id → record. One HSET per message the
 * flow sends (a transaction or a sorted set cost several times more on the hot path); the
 * reaper reads the whole hash, which holds only the drafts in progress.
 */
export function createRedisDraftStore(redis: Redis | Cluster, prefix = 'pulse:drafts'): DraftStore {
  return {
    async touch(chatId: number, rec: DraftRecord): Promise<void> {
      await redis.hset(prefix, String(chatId), JSON.stringify(rec));
    },
    async get(chatId: number): Promise<DraftRecord | null> {
      const json = await redis.hget(prefix, String(chatId));
      return json ? (JSON.parse(json) as DraftRecord) : null;
    },
    async clear(chatId: number): Promise<void> {
      await redis.hdel(prefix, String(chatId));
    },
    async idleBefore(beforeMs: number): Promise<{ chatId: number; rec: DraftRecord }[]> {
      const all = await redis.hgetall(prefix);
      return Object.entries(all)
        .map(([id, json]) => ({ chatId: Number(id), rec: JSON.parse(json) as DraftRecord }))
        .filter((d) => d.rec.at <= beforeMs)
        .sort((a, b) => a.rec.at - b.rec.at);
    },
  };
}

/** What the reaper needs to give back and drop idle drafts. */
export interface ReaperDeps {
  api: Api;
  /** The conversations' storage: an idle draft's conversation state is deleted with it. */
  conversations: Pick<StorageAdapter<unknown>, 'delete'>;
  drafts: DraftStore;
  clock: Clock;
  t: Translate;
  logger: Logger;
  /** The conversations' storage key prefix (default `conv:`). */
  conversationPrefix?: string;
}

/** One pass: gives back and drops every draft idle for 24 hours. Returns how many were dropped. */
export async function reapIdleDrafts(deps: ReaperDeps): Promise<number> {
  const stale = await deps.drafts.idleBefore(deps.clock().getTime() - DRAFT_IDLE_MS);
  for (const { chatId, rec } of stale) {
    await deps.conversations.delete(`${deps.conversationPrefix ?? 'conv:'}${chatId}`);
    await deps.drafts.clear(chatId);
    if (!rec.echo) continue;
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
