/**
 * The features other modules add to the bot (alert buttons and /alerts, /digest, /dashboard),
 * wired once so that src/main.ts, workers/bot.ts, the bot threads and the demo agree. Kept
 * apart from src/compose/parts.ts so that a bot thread does not load the other parts (the NLP models
 * among them).
 */
import type { Composer } from 'grammy';
import type { BotContext } from '../bot/context.js';
import { alertsFeature } from '../bot/features/alerts.js';
import { dashboardLoginFeature } from '../bot/features/dashboard-login.js';
import { digestFeature } from '../bot/features/digest.js';
import { createLoginTokenStore } from '../db/read-models/dashboard-writes.js';
import { alertsDepsFromRuntime } from './alerts.js';
import { digestReadDeps } from './digests.js';
import type { Runtime } from './runtime.js';

/**
 * The features other modules add to the bot: alert buttons and /alerts, /digest, and /dashboard
 * with its sign-in link to `PUBLIC_URL` (else `webAddress`, else the web part's configured address).
 */
export function botExtraFeatures(rt: Runtime, opts: { webAddress?: string } = {}): Composer<BotContext>[] {
  const alertsDeps = alertsDepsFromRuntime(rt);
  rt.onShutdown('bot-alerts-queues', () => alertsDeps.close());
  const baseUrl = rt.config.PUBLIC_URL ?? opts.webAddress ?? `http://${rt.config.WEB_HOST}:${rt.config.WEB_PORT}`;
  return [
    alertsFeature(alertsDeps),
    digestFeature(digestReadDeps({ sql: rt.db.sql, repos: rt.repos, clock: rt.clock })),
    dashboardLoginFeature({ tokens: createLoginTokenStore(rt.db.sql), members: rt.repos.members, audit: rt.repos.audit, clock: rt.clock, baseUrl }),
  ];
}
