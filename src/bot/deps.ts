/** Everything createBot needs, built by the composition roots (workers/bot.ts, the demo, tests). */
import type { I18n } from '@grammyjs/i18n';
import type { Queue } from 'bullmq';
import type { Composer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { MemberLookup, ReportIntake, Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { AnalyzeJob } from '../queue/jobs/analyze.js';
import type { BotContext } from './context.js';
import type { BotState } from './state.js';
import type { BackendProbe } from './outage.js';

/** Per-person limits (flood and reports per hour). */
export interface BotLimits {
  /** Updates a person may send per window before the flood notice (default 20 per 10 s). */
  floodLimit: number;
  floodWindowMs: number;
  /** Reports per rolling hour (default 20). */
  reportsPerHour: number;
}

/** Production limits: 20 updates per 10 s, 20 reports per hour. */
export const DEFAULT_BOT_LIMITS: BotLimits = { floodLimit: 20, floodWindowMs: 10_000, reportsPerHour: 20 };

/** createBot's dependencies. */
export interface BotDeps {
  token: string;
  /** Skips getMe (tests, the demo, webhook mode). */
  botInfo?: UserFromGetMe;
  /** A fake Telegram at the fetch level (FakeBotApi.fetch). */
  fetch?: typeof fetch;
  /** The Bot API server (TELEGRAM_API_ROOT); default Telegram's. */
  apiRoot?: string;
  repos: Repositories;
  /** Fast per-update membership lookup (raw SQL, `createMemberLookup(db.sql)`); defaults to repos.members. */
  memberLookup?: MemberLookup;
  /** Raw-SQL write path for reports (`createReportIntake(db.sql)`); defaults to repos.reports. */
  reportIntake?: ReportIntake;
  /** Conversation state, draft index and flood counters (Redis or PostgreSQL: src/bot/state.ts). */
  state: BotState;
  analysisQueue: Queue<AnalyzeJob>;
  i18n: I18n<BotContext>;
  clock: Clock;
  logger: Logger;
  /**
   * Features that take typed text before the quick-report offer but after an active report flow
   * (surveys: a typed answer to the question being asked).
   */
  answerFeatures?: Composer<BotContext>[];
  /** What `/cancel` stops when no report is in progress (the first that returns true answers). */
  cancelHooks?: ((ctx: BotContext) => Promise<boolean>)[];
  /** Features of other modules (alerts, digest…), registered before the "unhandled" feature. */
  extraFeatures?: Composer<BotContext>[];
  /** Storage key prefix of conversation state (default `conv:`). */
  conversationPrefix?: string;
  limits?: Partial<BotLimits>;
  /**
   * Asked after a failure: false when PostgreSQL or the state backend does not answer, so that
   * the update is held and handed again later (src/bot/update-keeper.ts) rather than apologised for.
   */
  backendsUp?: BackendProbe;
}
