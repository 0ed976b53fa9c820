/**
 * The real bot over the fake Bot API, on a runtime: what `npm run chat` and the demo's
 * simulated collaborators talk to when there is no Telegram token. The flood limit is raised
 * (simulated people type faster than people); everything else is the production bot.
 */
import type { Composer } from 'grammy';
import type { Queue } from 'bullmq';
import type { BotContext } from '../bot/context.js';
import { createBot } from '../bot/create-bot.js';
import type { BotLimits } from '../bot/deps.js';
import { botDepsFromRuntime } from '../compose/bot.js';
import type { Clock } from '../domain/clock.js';
import { FakeBotApi } from '../fake-telegram/index.js';
import type { Logger } from '../logger.js';
import type { AnalyzeJob } from '../queue/jobs/analyze.js';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from '../compose/runtime.js';

/** The bot, its fake Telegram and its analysis queue. */
export interface FakeTelegramBot {
  bot: ReturnType<typeof createBot>;
  api: FakeBotApi;
  analysisQueue: Queue<AnalyzeJob>;
  /** Closes the bot's analysis queue (the runtime closes the rest). */
  close(): Promise<void>;
}

/** Options of createFakeTelegramBot. */
export interface FakeTelegramBotOptions {
  api?: FakeBotApi;
  /** The bot's clock (the demo's simulated clock); defaults to the runtime's. */
  clock?: Clock;
  logger?: Logger;
  extraFeatures?: Composer<BotContext>[];
  limits?: Partial<BotLimits>;
  /** Key prefixes of conversation state and drafts (the demo isolates each run). */
  conversationPrefix?: string;
  draftsPrefix?: string;
}

/** Builds the production bot on the runtime with Telegram faked at the fetch level. */
export async function createFakeTelegramBot(rt: Runtime, opts: FakeTelegramBotOptions = {}): Promise<FakeTelegramBot> {
  // the runtime's fake transport, when it has one, so that what workers send shows up too
  const api = opts.api ?? rt.telegram.fake ?? new FakeBotApi();
  const analysisQueue = rt.queues.queue<AnalyzeJob>(QUEUES.analysis);
  const bot = createBot({
    token: rt.telegram.fake ? rt.telegram.token : '100000:FAKE-TELEGRAM-not-a-real-token-xxxxxxxx',
    botInfo: api.botInfo as never,
    fetch: api.fetch,
    ...(await botDepsFromRuntime(rt, analysisQueue, opts.logger ?? rt.logger.child({ part: 'bot' }), {
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.draftsPrefix ? { draftsPrefix: opts.draftsPrefix } : {}),
    })),
    limits: { floodLimit: 100_000, ...opts.limits },
    ...(opts.extraFeatures ? { extraFeatures: opts.extraFeatures } : {}),
    ...(opts.conversationPrefix ? { conversationPrefix: opts.conversationPrefix } : {}),
  });
  return { bot, api, analysisQueue, close: () => analysisQueue.close() };
}
