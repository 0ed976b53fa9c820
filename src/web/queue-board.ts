/**
 * The queue monitor for admins: @bull-board/fastify over the project's BullMQ queues, mounted
 * inside the admin-only context of the dashboard at /admin/queues. Its UI is bull-board's own
 * (its scripts and styles are files it serves; the page's CSP stays as strict as the rest).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from '../runtime.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** A mount function for WebDashboardDeps.queueBoard. */
export function queueBoardFor(rt: Runtime): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const queues = Object.values(QUEUES).map((name) => rt.queues.queue(name) as Queue);
    rt.onShutdown('queue-board', async () => void (await Promise.all(queues.map((q) => q.close()))));
    const adapter = new FastifyAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: adapter });
    await app.register(adapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  };
}
