/**
 * The digests part's composition: the digest and reminder use cases' ports wired to their
 * adapters (read models, ledger, delivery), and the part that starts the digests worker.
 */
import { digestChart } from '../charts/digest-chart.js';
import type { DigestDeps } from '../app/digests/build-digest.js';
import type { SendDigestDeps } from '../app/digests/send-digest.js';
import type { ReminderDeps } from '../app/reminders/send-reminders.js';
import type { Repositories } from '../db/repositories/index.js';
import { createDigestLedger, createDigestReadModel } from '../db/read-models/digest-read-model.js';
import { createReminderReads } from '../db/read-models/reminder-candidates.js';
import type { SqlExecutor } from '../db/sql.js';
import type { Clock } from '../domain/clock.js';
import type { Translate } from '../domain/translate.js';
import type { Logger } from '../logger.js';
import { createDeliveryService } from '../delivery/service.js';
import type { DeliveryPort } from '../delivery/port.js';
import { enqueueCatchUp, syncDigestSchedulers, type DigestJob } from '../queue/digest-scheduler.js';
import { createDigestWorker } from '../queue/digest-worker.js';
import { QUEUES } from '../queue/names.js';
import type { Runtime } from './runtime.js';
import { surveyStoreOf } from './surveys.js';
import { surveyDigestSection } from '../app/surveys/digest-section.js';

/** What digests and reminders run on, over one database. */
export interface DigestParts {
  sql: SqlExecutor;
  repos: Pick<Repositories, 'units' | 'members' | 'settings'>;
  clock: Clock;
  t: Translate;
  logger: Logger;
}

/** What building a digest reads (the bot's /digest, the CLI). */
export function digestReadDeps(p: Pick<DigestParts, 'sql' | 'repos' | 'clock'>): DigestDeps {
  return { read: createDigestReadModel(p.sql), units: p.repos.units, members: p.repos.members, settings: p.repos.settings, clock: p.clock };
}

/** Wires the digest and reminder use cases' ports to their adapters (composition roots, tests). */
export function digestDepsFrom(p: DigestParts, delivery: DeliveryPort): SendDigestDeps & ReminderDeps {
  return {
    ...digestReadDeps(p),
    ledger: createDigestLedger(p.sql),
    reminders: createReminderReads(p.sql),
    chart: digestChart,
    t: p.t,
    logger: p.logger.child({ part: 'digests' }),
    delivery,
  };
}

/**
 * The digests process part (for src/compose/parts.ts, the demo and workers/digests.ts): syncs the job
 * schedulers, starts the worker, queues one catch-up of missed runs, registers closers.
 * Digests and reminders go out through `opts.delivery` or a delivery service on the runtime's queues.
 */
export async function startDigests(rt: Runtime, opts: { delivery?: DeliveryPort; concurrency?: number } = {}): Promise<{ catchUpJobId: string }> {
  const logger = rt.logger.child({ part: 'digests' });
  const queue = rt.queues.queue<DigestJob>(QUEUES.digests);
  const deliveryQueue = opts.delivery ? null : rt.queues.queue(QUEUES.delivery);
  const delivery = opts.delivery ?? createDeliveryService({ deliveries: rt.repos.deliveries, queue: deliveryQueue!, clock: rt.clock });
  rt.onShutdown('digests-queues', async () => {
    await queue.close();
    await deliveryQueue?.close();
  });
  const synced = await syncDigestSchedulers(queue, rt.db.sql);
  logger.info(synced, 'digest schedulers synced');
  const surveySection = surveyDigestSection({ surveys: surveyStoreOf(rt), units: rt.repos.units, settings: rt.repos.settings, t: rt.t });
  const deps = { ...digestDepsFrom({ sql: rt.db.sql, repos: rt.repos, clock: rt.clock, t: rt.t, logger }, delivery), surveySection, logger, queue, sql: rt.db.sql };
  const worker = createDigestWorker(rt.queues, deps, opts.concurrency);
  rt.onShutdown('digests-worker', () => worker.close());
  return { catchUpJobId: await enqueueCatchUp(queue, rt.clock()) };
}
