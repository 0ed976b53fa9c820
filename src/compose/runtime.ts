/**
 * The shared wiring of every process kind: configuration, logger, database (PostgreSQL or
 * embedded PGlite), repositories, the state backend (queues and shared state on Redis or
 * PostgreSQL: src/compose/backends.ts), i18n, clock, and an ordered shutdown.
 * Entry points (src/main.ts, workers/*.ts, src/demo) build one Runtime and hand it to the
 * `start(rt)` function of each part they run. Closers run in reverse order of registration,
 * so workers stop taking work before the backend and the database close.
 */
import type { I18n } from '@grammyjs/i18n';
import type { Config } from '../config.js';
import { loadConfigOrExit, redisUrlsOf, stateBackendOf } from '../config.js';
import { openStateBackend, type StateBackend } from './backends.js';
import { openDatabase, type Database } from '../db/client.js';
import { applyMigrations, readMigrations } from '../db/migrate.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import { createLogger, type Logger } from '../logger.js';
import type { QueueFactory } from '../queue/factory.js';
import { createI18n, translator, type Translate } from '../bot/i18n.js';
import type { BotContext } from '../bot/context.js';
import type { UserFromGetMe } from 'grammy/types';
import type { FakeBotApi } from '../fake-telegram/index.js';

import { MIGRATIONS_DIR } from '../db/migrate.js';

/**
 * How this process talks to Telegram: the real Bot API when a token is configured, else the
 * fake Bot API (demo, chat, tests) — one instance shared by the bot and the delivery worker so
 * that everything the bot "sends" can be shown.
 */
export interface TelegramTransport {
  token: string;
  /** grammY `client.fetch` override; undefined = the real network. */
  fetch?: typeof fetch;
  /** The Bot API server (TELEGRAM_API_ROOT); undefined = Telegram's. */
  apiRoot?: string;
  /** Known bot identity (skips getMe); set for the fake API. */
  botInfo?: UserFromGetMe;
  fake?: FakeBotApi;
}

export interface Runtime {
  config: Config;
  telegram: TelegramTransport;
  logger: Logger;
  db: Database;
  repos: Repositories;
  /** Queues and shared state (Redis or PostgreSQL). */
  backend: StateBackend;
  /** `backend.queues`. */
  queues: QueueFactory;
  i18n: I18n<BotContext>;
  t: Translate;
  clock: Clock;
  /** Registers a closer; closers run last-registered-first on shutdown. */
  onShutdown(name: string, fn: () => Promise<void> | void): void;
  shutdown(reason: string): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply migrations at start (always true for the embedded database). */
  migrate?: boolean;
  /** Key prefix of queues and shared state (tests and the demo isolate themselves). */
  queuePrefix?: string;
  /** BullMQ's schema on PostgreSQL (default `bullmq`; tests use one of their own). */
  queueSchema?: string;
  logger?: Logger;
  clock?: Clock;
  /** Use this fake Bot API even if a token is configured (tests, demo). */
  fakeTelegram?: FakeBotApi;
}

const FAKE_TOKEN = '1000000001:FAKE-TOKEN-FOR-THE-DEMO-AND-TESTS-000';

/** Real Telegram when a token is configured, else a fake Bot API (loaded only then). */
export async function telegramTransport(config: Config, fake?: FakeBotApi): Promise<TelegramTransport> {
  if (!fake && config.TELEGRAM_BOT_TOKEN) return { token: config.TELEGRAM_BOT_TOKEN, ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}) };
  const api = fake ?? new (await import('../fake-telegram/index.js')).FakeBotApi({ botUsername: config.BOT_USERNAME });
  return { token: FAKE_TOKEN, fetch: api.fetch, botInfo: api.botInfo, fake: api };
}

/** Builds the runtime; on failure it releases what was opened and rethrows. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const closers: { name: string; fn: () => Promise<void> | void }[] = [];
  const onShutdown = (name: string, fn: () => Promise<void> | void) => void closers.push({ name, fn });
  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      for (const c of closers.reverse()) {
        try {
          await c.fn();
          logger.debug({ part: c.name }, 'closed');
        } catch (e) {
          logger.warn({ part: c.name, err: e }, 'close failed');
        }
      }
    })());
  try {
    const db = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
    onShutdown('database', () => db.close());
    if (opts.migrate || db.kind === 'pglite') {
      const r = await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
      if (r.applied.length) logger.info({ applied: r.applied }, 'migrations applied');
    }
    const prefix = opts.queuePrefix ?? 'pulse';
    const backend = await openStateBackend(stateBackendOf(config), db, {
      redisUrls: redisUrlsOf(config),
      prefix,
      logger,
      ...(opts.queueSchema ? { queueSchema: opts.queueSchema } : {}),
    });
    onShutdown('state-backend', () => backend.close());
    const i18n = createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language });
    return {
      config,
      telegram: await telegramTransport(config, opts.fakeTelegram),
      logger,
      db,
      repos: createRepositories(db),
      backend,
      queues: backend.queues,
      i18n,
      t: translator(i18n),
      clock: opts.clock ?? (() => new Date()),
      onShutdown,
      shutdown,
    };
  } catch (e) {
    for (const c of closers.reverse()) await Promise.resolve(c.fn()).catch(() => undefined);
    throw e;
  }
}

/** Exits cleanly on SIGINT/SIGTERM after the runtime's closers ran. */
export function exitOnSignals(rt: Runtime): void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count += 1;
    if (count > 1) process.exit(130);
    void rt.shutdown(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** For workers/*.ts run directly: parse config, build a runtime, start the part, wait for signals. */
export async function runStandalone(name: string, start: (rt: Runtime) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit(process.env);
  let rt: Runtime;
  try {
    rt = await createRuntime(config);
  } catch (e) {
    process.stderr.write(`${name}: cannot start: ${(e as Error).message}\n`);
    process.exit(1);
  }
  exitOnSignals(rt);
  await start(rt);
  rt.logger.info({ part: name }, 'started');
}
