/** Starts the web process part on a runtime: health/readiness and the leaders' dashboard. */
import type { FastifyInstance } from 'fastify';
import { cookieSecret, createWebSessionStore } from '../db/read-models/dashboard-writes.js';
import type { Runtime } from './runtime.js';
import { createServer } from '../web/create-server.js';
import { dashboardDepsFromRuntime } from './dashboard.js';
import { dashboardPlugin, freshSecret, type WebDashboardDeps } from '../web/dashboard/plugin.js';
import { queueBoardFor } from './queue-board.js';
import { surveyStoreOf } from './surveys.js';

export interface WebOptions {
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
  /** Mount the dashboard (default true). */
  dashboard?: boolean;
}

/** The dashboard plugin's deps for a runtime (the web part and the tests build it the same way). */
export async function webDashboardDepsFromRuntime(rt: Runtime): Promise<WebDashboardDeps & { close(): Promise<void> }> {
  const dashboard = dashboardDepsFromRuntime(rt);
  return {
    dashboard,
    sessions: createWebSessionStore(rt.db.sql, () => new Date()),
    secret: await cookieSecret(rt.db.sql, freshSecret()),
    publicUrl: rt.config.PUBLIC_URL,
    t: rt.t,
    queueBoard: queueBoardFor(rt),
    surveys: { store: surveyStoreOf(rt), units: rt.repos.units, settings: rt.repos.settings, clock: rt.clock },
    close: () => dashboard.close(),
  };
}

/** A plugin function mounting the dashboard in its own encapsulated context. */
export function dashboardRoutes(deps: WebDashboardDeps): (app: FastifyInstance) => Promise<void> {
  return async (app) => void (await app.register(async (scoped) => dashboardPlugin(scoped, deps)));
}

/** Listens on WEB_HOST:WEB_PORT; returns the bound address. */
export async function startWeb(rt: Runtime, opts: WebOptions = {}): Promise<string> {
  const plugins = [...(opts.plugins ?? [])];
  if (opts.dashboard !== false) {
    const deps = await webDashboardDepsFromRuntime(rt);
    const purge = () => void deps.sessions.purgeExpired().catch((err: unknown) => rt.logger.warn({ err }, 'session purge failed'));
    const timer = setInterval(purge, 3600_000);
    timer.unref();
    purge();
    rt.onShutdown('dashboard', async () => {
      clearInterval(timer);
      await deps.close();
    });
    plugins.push(dashboardRoutes(deps));
  }
  const app = await createServer({
    logger: rt.logger.child({ part: 'web' }),
    checks: [
      { name: 'database', check: async () => void (await rt.db.sql.query('SELECT 1')) },
      // named after the backend: `redis`, or `queues` when they live in PostgreSQL too
      { name: rt.backend.kind === 'redis' ? 'redis' : 'queues', check: () => rt.backend.ping() },
    ],
    trustProxy: (rt.config.PUBLIC_URL ?? '').startsWith('https://'),
    plugins,
  });
  const address = await app.listen({ port: rt.config.WEB_PORT, host: rt.config.WEB_HOST });
  rt.onShutdown('web', () => app.close());
  return address;
}
