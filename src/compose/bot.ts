/**
 * The bot as a process part. With a token: long polling through @grammyjs/runner (updates of
 * one chat in order, chats in parallel) or, in webhook mode, `setWebhook` plus a Fastify
 * route that the web part mounts; drafts idle for 24 h are given back and dropped every 10 min. Without a token the bot is not connected (the demo and
 * `npm run chat` build their own bot over the fake Bot API).
 */
import type { Bot, Composer } from 'grammy';
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { Runtime } from './runtime.js';
import { surveyBotParts } from './surveys.js';
import { createCachedMemberLookup } from '../db/member-cache.js';
import { createMemberLookup, createReportIntake } from '../db/repositories/index.js';
import type { AnalyzeJob } from '../queue/jobs/analyze.js';
import { QUEUES } from '../queue/names.js';
import type { BotContext } from '../bot/context.js';
import { createBot, type BotDeps } from '../bot/create-bot.js';
import { registerDefaultCommands, registerStaffCommands } from '../bot/commands.js';
import { translator } from '../bot/i18n.js';
import { startDraftReaper } from '../bot/draft-store.js';
import { BOT_THREAD_ENTRY, createFrontBot, isMirroredCall, type BotThreadData } from '../bot/front-bot.js';
import { createThreadPool } from '../bot/threads.js';
import { busyNotice } from '../bot/busy-notice.js';
import type { BackendProbe } from '../bot/outage.js';
import { keptWebhookCallback, startPolling } from '../bot/polling.js';
import { createUpdateKeeper, type UpdateKeeper } from '../bot/update-keeper.js';

/** Options of the bot part. */
export interface StartBotOptions {
  /**
   * Other modules' features (alerts, digest), registered before "unhandled" — built only when
   * the bot runs in this thread; bot threads (workers/bot-thread.ts) build `botExtraFeatures`.
   */
  extraFeatures?: () => Composer<BotContext>[];
  /** A fake Telegram at the fetch level (tests). */
  fetch?: typeof fetch;
}

/** What the bot part returns to its composition root. */
export interface BotPart {
  bot: Bot<BotContext> | null;
  /** In webhook mode: the Fastify plugin to give to the web part (`startWeb(rt, { plugins: [part.webhookRoute] })`). */
  webhookRoute: ((app: FastifyInstance) => void) | null;
}

/** The Fastify handler for Telegram's webhook over the update keeper, checking the secret token header. */
export function webhookHandler(bot: Bot<BotContext>, keeper: UpdateKeeper, secretToken: string) {
  return keptWebhookCallback(bot, keeper, { secretToken });
}

/** A Fastify plugin that mounts the webhook at `path` (default /telegram/webhook). */
export function webhookRoute(bot: Bot<BotContext>, keeper: UpdateKeeper, secretToken: string, path = '/telegram/webhook'): (app: FastifyInstance) => void {
  const handler = webhookHandler(bot, keeper, secretToken);
  return (app) => void app.post(path, handler);
}

/**
 * True when PostgreSQL and the state backend both answer within `timeoutMs` (a failed update is
 * then the update's own fault); one answer serves the calls of the next 500 ms.
 */
export function backendProbe(rt: Pick<Runtime, 'db' | 'backend'>, timeoutMs = 1500): BackendProbe {
  let last: { at: number; up: Promise<boolean> } | null = null;
  const probe = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('probe timed out')), timeoutMs)));
    try {
      await Promise.race([Promise.all([rt.db.sql.query('SELECT 1'), rt.backend.ping()]), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    const now = Date.now();
    if (!last || now - last.at > 500) last = { at: now, up: probe() };
    return last.up;
  };
}

/** The keeper between Telegram and the bot: held updates, the busy notice (src/bot/update-keeper.ts). */
export function keeperFor(rt: Pick<Runtime, 'db' | 'backend' | 'i18n'>, bot: Bot<BotContext>, logger: Logger, probe: BackendProbe = backendProbe(rt)): UpdateKeeper {
  return createUpdateKeeper({ handle: (u) => bot.handleUpdate(u), notifyBusy: busyNotice(bot.api, translator(rt.i18n)), backendsUp: probe, logger });
}

/**
 * The runtime-derived part of createBot's deps (the raw-SQL hot paths and the shared state of
 * the configured backend included), shared by the production bot and the fake-Telegram bot of
 * the demo and `npm run chat`. `draftsPrefix` isolates the demo's drafts.
 */
export async function botDepsFromRuntime(rt: Runtime, analysisQueue: Queue<AnalyzeJob>, logger: Logger, opts: { clock?: Clock; draftsPrefix?: string } = {}) {
  const memberLookup = createCachedMemberLookup(rt.db, createMemberLookup(rt.db.sql), { logger });
  rt.onShutdown('bot-member-cache', () => memberLookup.close());
  const clock = opts.clock ?? rt.clock;
  return {
    repos: rt.repos,
    memberLookup,
    reportIntake: createReportIntake(rt.db.sql),
    state: await rt.backend.botState(opts.draftsPrefix ? { draftsPrefix: opts.draftsPrefix } : {}),
    analysisQueue,
    backendsUp: backendProbe(rt),
    i18n: rt.i18n,
    clock,
    logger,
    ...surveyBotParts(rt, clock),
  };
}

/** Starts the bot part on the runtime (see the file comment for the modes). */
export async function startBot(rt: Runtime, opts: StartBotOptions = {}): Promise<BotPart> {
  const log = rt.logger.child({ part: 'bot' });
  const token = rt.config.TELEGRAM_BOT_TOKEN;
  if (!token) {
    log.warn('TELEGRAM_BOT_TOKEN is not set: the bot is not connected to Telegram');
    return { bot: null, webhookRoute: null };
  }
  const threads = rt.config.BOT_THREADS;
  // Threads need a database every thread can open (not the embedded one) and a transport they
  // can build themselves (not a fake handed in by a test).
  const bot = threads > 0 && rt.db.kind === 'postgres' && !opts.fetch ? await threadedBot(rt, token, threads, log) : await inProcessBot(rt, token, opts, log);
  const state = await rt.backend.botState();
  const reaper = startDraftReaper({ api: bot.api, conversations: state.conversations, drafts: state.drafts, clock: rt.clock, t: translator(rt.i18n), logger: log });
  rt.onShutdown('bot-draft-reaper', () => reaper.stop());
  await registerMenus(rt, bot).catch((e: unknown) => log.warn({ err: (e as Error).message }, 'setMyCommands failed'));
  const keeper = keeperFor(rt, bot, log);
  if (rt.config.BOT_MODE === 'webhook') {
    const secret = rt.config.WEBHOOK_SECRET!;
    await bot.api.setWebhook(rt.config.WEBHOOK_URL!, { secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query'] });
    log.info({ url: rt.config.WEBHOOK_URL }, 'webhook set');
    rt.onShutdown('bot-keeper', async () => {
      await keeper.idle(5000);
      keeper.stop();
    });
    return { bot, webhookRoute: webhookRoute(bot, keeper, secret) };
  }
  await bot.api.deleteWebhook();
  const poller = startPolling(bot, keeper, { allowedUpdates: ['message', 'edited_message', 'callback_query'], logger: log });
  rt.onShutdown('bot-runner', () => poller.stop());
  log.info({ username: bot.botInfo.username }, 'bot polling');
  return { bot, webhookRoute: null };
}

/**
 * The whole bot on a runtime (its analysis queue closed with the runtime): the bot of the main
 * thread and of each bot thread (workers/bot-thread.ts).
 */
export async function createRuntimeBot(
  rt: Runtime,
  logger: Logger,
  deps: Pick<BotDeps, 'token'> & Partial<BotDeps>,
  opts: { draftsPrefix?: string } = {},
): Promise<Bot<BotContext>> {
  const analysisQueue = rt.queues.queue<AnalyzeJob>(QUEUES.analysis);
  rt.onShutdown('bot-analysis-queue', () => analysisQueue.close());
  return createBot({ ...(await botDepsFromRuntime(rt, analysisQueue, logger, opts)), ...deps });
}

/** The whole bot in this thread. */
async function inProcessBot(rt: Runtime, token: string, opts: StartBotOptions, log: Logger): Promise<Bot<BotContext>> {
  const bot = await createRuntimeBot(rt, log, {
    token,
    ...(opts.extraFeatures ? { extraFeatures: opts.extraFeatures() } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(rt.telegram.apiRoot ? { apiRoot: rt.telegram.apiRoot } : {}),
  });
  await bot.init();
  log.info('bot handles updates in the main thread');
  return bot;
}

/** A front bot that hands each update to the bot threads (src/bot/threads.ts, workers/bot-thread.ts). */
async function threadedBot(rt: Runtime, token: string, count: number, log: Logger): Promise<Bot<BotContext>> {
  const fake = rt.telegram.fake;
  const front = createFrontBot(token, log, { ...(rt.telegram.fetch ? { fetch: rt.telegram.fetch } : {}), ...(rt.telegram.apiRoot ? { apiRoot: rt.telegram.apiRoot } : {}) });
  await front.bot.init();
  const pool = createThreadPool<BotThreadData>({
    entry: BOT_THREAD_ENTRY,
    count,
    data: { config: rt.config, queuePrefix: rt.queues.prefix, ...(rt.backend.queueSchema ? { queueSchema: rt.backend.queueSchema } : {}), botInfo: front.bot.botInfo, ...(fake ? { fakeTelegram: true } : {}) },
    logger: log,
    // with the fake Bot API, each thread has its own and mirrors its calls into the runtime's
    ...(fake ? { onOther: (m: unknown) => isMirroredCall(m) && fake.mirror(m.call) } : {}),
  });
  // registered before the runner's closer, so it runs after the runner stopped taking updates
  rt.onShutdown('bot-threads', () => pool.close());
  await pool.ready();
  front.use(pool);
  log.info({ threads: count }, 'bot handles updates in worker threads');
  return front.bot;
}

async function registerMenus(rt: Runtime, bot: Bot<BotContext>): Promise<void> {
  const t = translator(rt.i18n);
  await registerDefaultCommands(bot.api, t);
  for (const root of await rt.repos.units.roots()) {
    for (const m of await rt.repos.units.subtreeMembers(root.id, { roles: ['leader', 'admin'], activeOnly: true })) {
      await registerStaffCommands(bot.api, t, m).catch(() => undefined);
    }
  }
}
