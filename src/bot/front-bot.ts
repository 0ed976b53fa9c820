/**
 * The front of a threaded bot: a grammY Bot that only keeps one chat's updates in order
 * (`sequentialize`) and hands each update to the bot threads, which run the whole bot
 * (createBot) on their own connections. Long polling (runner) and the webhook route work on
 * it exactly as on the in-process bot.
 */
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import type { BotLimits } from './deps.js';
import type { ThreadPool } from './threads.js';
import { updateChatId } from './threads.js';

/** The entry module of a bot thread: `.ts` from the sources, `.js` from the build (dist/). */
export const BOT_THREAD_ENTRY = new URL(`../../workers/bot-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** What every bot thread is given to build its runtime and bot (structured-cloneable). */
export interface BotThreadData {
  config: Config;
  queuePrefix: string;
  /** BullMQ's schema on the PostgreSQL backend (the parent's). */
  queueSchema?: string;
  botInfo: UserFromGetMe;
  /** Use a fake Bot API in the thread and post its calls back (tests, benchmarks). */
  fakeTelegram?: boolean;
  /** Post back only the calls that carry a keyboard (the report-flow benchmark needs no more). */
  mirrorKeyboardsOnly?: boolean;
  limits?: Partial<BotLimits>;
  conversationPrefix?: string;
  draftsPrefix?: string;
}

/** What a thread posts for each call its fake Bot API answered (fakeTelegram only). */
export interface MirroredCall {
  t: 'api';
  call: { method: string; payload: Record<string, unknown>; at: number; ok: boolean; errorCode?: number; result?: unknown };
}

export function isMirroredCall(m: unknown): m is MirroredCall {
  return typeof m === 'object' && m !== null && (m as { t?: unknown }).t === 'api';
}

/** Builds the front bot; `use(pool)` installs the hand-over once the threads are ready. */
export function createFrontBot(token: string, logger: Logger, opts: { fetch?: typeof fetch; apiRoot?: string; botInfo?: UserFromGetMe } = {}) {
  const bot = new Bot<BotContext>(token, {
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
    client: { ...(opts.fetch ? { fetch: opts.fetch as never } : {}), ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}) },
  });
  // A thread answers its own errors; what reaches here is a thread that died holding the update.
  bot.catch((err) => logger.error({ updateId: err.ctx.update.update_id, err: (err.error as Error)?.message }, 'update lost by a bot thread'));
  bot.use(sequentialize((ctx) => String(updateChatId(ctx.update))));
  return {
    bot,
    use(pool: ThreadPool): void {
      bot.use((ctx) => pool.handle(ctx.update));
    },
  };
}
