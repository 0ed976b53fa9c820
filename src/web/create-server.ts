/**
 * The web process: health and readiness endpoints, and the plugins the composition root adds (the dashboard, the webhook). Routes stay thin;
 * an error handler maps error codes to status codes and never leaks internals.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  checks: HealthCheck[];
  version?: string;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (client address, https). */
  trustProxy?: boolean;
  /** Extra route plugins (e.g. the Telegram webhook, the dashboard) registered by the composition root. */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/** Builds the Fastify app (not listening). */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  // Request logs are info-level noise (health checks every few seconds): the server logs warnings and errors only.
  const app = Fastify({ loggerInstance: deps.logger.child({}, { level: 'warn' }) as FastifyBaseLogger, bodyLimit: 1_000_000, trustProxy: deps.trustProxy ?? false }) as unknown as FastifyInstance;
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({ error: status >= 500 ? 'internal_error' : (error as { code?: string }).code ?? 'bad_request' });
  });

  /** Liveness: the process answers. */
  app.get('/health', async () => ({ status: 'ok', version: deps.version ?? 'dev' }));

  /** Readiness: every dependency answers within its timeout; 503 with the failing ones otherwise. */
  app.get('/ready', async (_req, reply) => {
    const results = await Promise.all(
      deps.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), 2000);
          return [c.name, 'ok'] as const;
        } catch (e) {
          return [c.name, `down: ${(e as Error).message}`] as const;
        }
      }),
    );
    const ok = results.every(([, s]) => s === 'ok');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(results) });
  });

  for (const plugin of deps.plugins ?? []) await plugin(app);
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
