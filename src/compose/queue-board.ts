/**
 * The queue monitor for admins: @bull-board/fastify over the project's BullMQ queues, mounted
 * inside the admin-only context of the dashboard at /admin/queues. Its UI is bull-board's own:
 * its scripts are files it serves (script-src stays 'self'), but its React components set inline
 * styles, so this one path allows inline styles; its Google Fonts stylesheet stays blocked
 * (no third-party request leaves an admin's browser; system fonts are used).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from './runtime.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** A mount function for WebDashboardDeps.queueBoard. */
export function queueBoardFor(rt: Runtime): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const queues = Object.values(QUEUES).map((name) => rt.queues.queue(name) as Queue);
    rt.onShutdown('queue-board', async () => void (await Promise.all(queues.map((q) => q.close()))));
    const adapter = new FastifyAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: adapter });
    await app.register(async (board) => {
      board.addHook('onSend', async (_req, reply, payload) => {
        const csp = reply.getHeader('content-security-policy');
        if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
        return payload;
      });
      await board.register(adapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
  };
}
