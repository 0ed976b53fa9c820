/** Starts the web process part on a runtime: health/readiness now, the dashboard later. */
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../runtime.js';
import { createServer } from './create-server.js';

export interface WebOptions {
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/** Listens on WEB_HOST:WEB_PORT; returns the bound address. */
export async function startWeb(rt: Runtime, opts: WebOptions = {}): Promise<string> {
  const app = await createServer({
    logger: rt.logger.child({ part: 'web' }),
    checks: [
      { name: 'database', check: async () => void (await rt.db.sql.query('SELECT 1')) },
      // named after the backend: `redis`, or `queues` when they live in PostgreSQL too
      { name: rt.backend.kind === 'redis' ? 'redis' : 'queues', check: () => rt.backend.ping() },
    ],
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
  });
  const address = await app.listen({ port: rt.config.WEB_PORT, host: rt.config.WEB_HOST });
  rt.onShutdown('web', () => app.close());
  return address;
}
