/**
 * `createBot(deps)`: the whole intake side of the bot, built from injected dependencies (no
 * connection is opened here). Order matters: per-update logger and membership first, then
 * i18n and the flood limit, the conversations plugin with its shared state (and the give-back of
 * drafts whose state it discarded), joining, the stranger gate, the commands that must win
 * over an active flow (/cancel, /help, /language, /myreports), the report conversation, the
 * features that start flows, other modules' features (/dashboard among them), and
 * "unhandled" last. One error boundary wraps it all.
 */
import { analysisRequests } from '../queue/jobs/analyze.js';
import { conversations, createConversation } from '@grammyjs/conversations';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, Composer, type Context } from 'grammy';
import type { BotContext } from './context.js';
import { DEFAULT_BOT_LIMITS, type BotDeps, type BotLimits } from './deps.js';
import { translator, type Translate } from './i18n.js';
import { continueReportFlow, createReportFlow, FLOW_STATE_VERSION, REPORT_CONVERSATION } from './conversations/report-flow.js';
import { giveBackLostDrafts } from './conversations/lost-draft.js';
import { createErrorHandler } from './middleware/error-boundary.js';
import { membership, strangerGate, updateLogger } from './middleware/membership.js';
import { trimPressedMessage } from './middleware/trim-update.js';
import { createTaxonomyCache } from './taxonomy-cache.js';
import { floodLimit } from './flood-limit.js';
import { registerStaffCommands } from './commands.js';
import { startFeature } from './features/start.js';
import { cancelFeature, reportFeature } from './features/report.js';
import { helpFeature } from './features/help.js';
import { languageFeature } from './features/language.js';
import { myReportsFeature } from './features/my-reports.js';
import { quickReportFeature } from './features/quick-report.js';
import { groupChatFeature } from './features/group-chat.js';
import { unhandledFeature } from './features/unhandled.js';

export type { BotDeps } from './deps.js';

/** Builds the bot; call `bot.init()` (or pass botInfo) before `handleUpdate`. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const limits = { ...DEFAULT_BOT_LIMITS, ...deps.limits };
  const t = memoized(translator(deps.i18n));
  const topics = createTaxonomyCache(deps.repos, deps.clock);
  const drafts = deps.state.drafts;
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(deps.fetch ? { fetch: deps.fetch as never } : {}), ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}) },
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const intake = { repos: deps.repos, ...(deps.reportIntake ? { reportIntake: deps.reportIntake } : {}), clock: deps.clock, analysis: analysisRequests(deps.analysisQueue), logger: deps.logger, reportsPerHour: limits.reportsPerHour };
  const staffMenu = (ctx: BotContext) =>
    ctx.member ? registerStaffCommands(ctx.api, t, ctx.member).catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'setMyCommands failed')) : Promise.resolve();

  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  const conversationPrefix = deps.conversationPrefix ?? 'conv:';
  const root = bot.errorBoundary(createErrorHandler(t, { drafts, ...(deps.backendsUp ? { backendsUp: deps.backendsUp } : {}) }));
  root.use(updateLogger(deps.logger));
  root.use(async (ctx, next) => {
    await topics.refresh().catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'taxonomy reload failed; using the cached one'));
    return next();
  });
  root.use(groupChatWithI18n(deps));
  const dm = root.chatType('private');
  dm.use(membership(deps.memberLookup ?? deps.repos.members, t));
  dm.use(deps.i18n);
  dm.use(personFloodLimit(deps, limits));
  dm.use(trimPressedMessage());
  dm.use(
    conversations<BotContext, Context>({
      storage: { type: 'key', version: FLOW_STATE_VERSION, prefix: conversationPrefix, adapter: deps.state.conversations },
    }),
  );
  dm.use(giveBackLostDrafts(drafts, t));
  dm.use(startFeature({ repos: deps.repos, clock: deps.clock, onStaffJoined: staffMenu }));
  dm.use(strangerGate());
  dm.use(cancelFeature(drafts, deps.cancelHooks), helpFeature(), languageFeature({ repos: deps.repos, onLanguageChanged: staffMenu, forgetMember: (id) => deps.memberLookup?.forget?.(id) }));
  dm.use(myReportsFeature({ repos: deps.repos, clock: deps.clock, t, topics: topics.current }));
  const flow = createReportFlow({ t, clock: deps.clock, topics: topics.current, intake, drafts });
  dm.use(continueReportFlow());
  dm.use(createConversation<BotContext, Context>(flow, { id: REPORT_CONVERSATION }));
  for (const f of deps.answerFeatures ?? []) dm.use(f);
  dm.use(reportFeature(), quickReportFeature());
  for (const f of deps.extraFeatures ?? []) dm.use(f);
  dm.use(unhandledFeature());
  return bot;
}

/** Per-person flood limit in the shared state (shared by every bot process); one friendly notice per window. */
function personFloodLimit(deps: BotDeps, limits: BotLimits) {
  return floodLimit({
    counter: deps.state.flood,
    windowMs: limits.floodWindowMs,
    limit: limits.floodLimit,
    onLimitExceeded: async (ctx) => {
      ctx.log.info('flood limit');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('intake-flood') });
      else await ctx.reply(ctx.t('intake-flood'));
    },
  });
}

/** Caches translations without variables (keyboard labels, prompts): every update replays the flow. */
function memoized(t: Translate): Translate {
  const cache = new Map<string, string>();
  return (lang, key, vars) => {
    if (vars) return t(lang, key, vars);
    const k = `${lang}\u0000${key}`;
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = t(lang, key)));
    return v;
  };
}


/** Group chats need i18n (from Telegram's language) but no membership lookup. */
function groupChatWithI18n(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(['group', 'supergroup']);
  groups.use(deps.i18n, groupChatFeature());
  return c;
}
