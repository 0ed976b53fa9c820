/**
 * The delivery worker: takes `delivery` jobs (lane = BullMQ priority, alerts first), sends
 * through the shared limiter (its state in Redis or PostgreSQL), and hands outcomes to observers (the alerts module records
 * message ids; 403 marks the member unreachable and tells admins). Many of these workers may
 * run at once: the limiter, not the worker count, keeps Telegram's limits.
 */
import { DelayedError, UnrecoverableError, type Job, type Worker } from 'bullmq';
import { Api } from 'grammy';
import type { Translate } from '../bot/i18n.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import { TelegramRateLimiter, type LimiterOptions, type LimiterStore } from '../delivery/limiter.js';
import type { DeliveryPort } from '../delivery/port.js';
import { sendDelivery, type SendOutcome } from '../delivery/sender.js';
import { deliveryJobSchema, DELIVERY_ATTEMPTS, type DeliveryJob } from '../delivery/service.js';
import { handleBlockedDelivery } from '../delivery/unreachable.js';
import type { Logger } from '../logger.js';
import type { QueueFactory } from './factory.js';
import { QUEUES } from './names.js';
import type { DeliveryObserver, MessageOutcome } from '../app/ports/messages.js';

export type { DeliveryObserver } from '../app/ports/messages.js';

export interface DeliveryWorkerDeps {
  api: Api;
  repos: Pick<Repositories, 'deliveries' | 'members'>;
  queues: QueueFactory;
  /** The limiter's shared state (StateBackend.limiterStore()). */
  limiterStore: LimiterStore;
  port: DeliveryPort;
  t: Translate;
  clock: Clock;
  logger: Logger;
  observers?: DeliveryObserver[];
  concurrency?: number;
  limiter?: Partial<LimiterOptions>;
  inFlightGraceMs?: number;
  /** BullMQ lock settings (tests shorten them to simulate a killed worker). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

async function observe(deps: DeliveryWorkerDeps, outcome: SendOutcome, log: Logger): Promise<void> {
  if (outcome.type !== 'sent' && outcome.type !== 'failed') return;
  if (outcome.type === 'failed' && outcome.blocked) {
    await handleBlockedDelivery({ members: deps.repos.members, port: deps.port, t: deps.t }, outcome.record);
  }
  const seen: MessageOutcome =
    outcome.type === 'sent'
      ? { type: 'sent', idempotencyKey: outcome.record.idempotencyKey, deliveryId: outcome.record.id, messageId: outcome.messageId }
      : { type: 'failed', idempotencyKey: outcome.record.idempotencyKey, deliveryId: outcome.record.id, reason: outcome.reason };
  for (const o of deps.observers ?? []) {
    try {
      await o(seen);
    } catch (err) {
      log.warn({ err }, 'delivery observer failed');
    }
  }
}

/** Builds and starts the worker; `close()` stops it. */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): Worker<DeliveryJob> {
  const limiter = new TelegramRateLimiter(deps.limiterStore, deps.limiter);
  const sender = {
    api: deps.api,
    deliveries: deps.repos.deliveries,
    limiter,
    logger: deps.logger,
    now: deps.clock,
    ...(deps.inFlightGraceMs !== undefined ? { inFlightGraceMs: deps.inFlightGraceMs } : {}),
  };
  const processor = async (job: Job<DeliveryJob>, token?: string) => {
    const parsed = deliveryJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid delivery job payload');
    const log = deps.logger.child({ queue: QUEUES.delivery, jobId: job.id, deliveryId: parsed.data.deliveryId });
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? DELIVERY_ATTEMPTS);
    const outcome = await sendDelivery(sender, parsed.data.deliveryId, { lastAttempt, transientFailures: job.attemptsMade });
    if (outcome.type === 'retry') {
      log.debug({ delayMs: outcome.delayMs, reason: outcome.reason }, 'delivery postponed');
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError();
    }
    await observe(deps, outcome, log);
    return outcome.type;
  };
  const worker = deps.queues.worker<DeliveryJob>(QUEUES.delivery, processor, {
    concurrency: deps.concurrency ?? 16,
    ...(deps.lockDurationMs ? { lockDuration: deps.lockDurationMs } : {}),
    ...(deps.stalledIntervalMs ? { stalledInterval: deps.stalledIntervalMs } : {}),
  });
  worker.on('failed', (job, err) => deps.logger.warn({ queue: QUEUES.delivery, jobId: job?.id, err: err.message }, 'delivery job failed'));
  return worker;
}
