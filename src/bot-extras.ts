/**
 * The features other modules add to the bot (alert buttons and /alerts, /digest), wired once so
 * that src/main.ts, workers/bot.ts, the bot threads and the demo agree. Kept apart from
 * src/parts.ts so that a bot thread does not load the other parts (the NLP models among them).
 */
import type { Composer } from 'grammy';
import type { BotContext } from './bot/context.js';
import { alertsFeature } from './bot/features/alerts.js';
import { digestFeature } from './bot/features/digest.js';
import { alertsDepsFromRuntime } from './queue/alerts-worker.js';
import { digestReadDeps } from './queue/digest-worker.js';
import type { Runtime } from './runtime.js';

/** The features other modules add to the bot: alert buttons and /alerts, /digest. */
export function botExtraFeatures(rt: Runtime): Composer<BotContext>[] {
  const alertsDeps = alertsDepsFromRuntime(rt);
  rt.onShutdown('bot-alerts-queues', () => alertsDeps.close());
  return [alertsFeature(alertsDeps), digestFeature(digestReadDeps({ sql: rt.db.sql, repos: rt.repos, clock: rt.clock }))];
}
