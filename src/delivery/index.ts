/** The delivery module's public surface: the port and its factory, for every sender of messages. */
import type { Queue } from 'bullmq';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import type { QueueFactory } from '../queue/factory.js';
import { QUEUES } from '../queue/names.js';
import type { DeliveryPort } from './port.js';
import { createDeliveryService } from './service.js';

export type { DeliveryPort, OutgoingMessage, EnqueueResult, DeliveryKind } from './port.js';
export { createDeliveryService, deliveryJobId } from './service.js';
export { TelegramRateLimiter, DEFAULT_LIMITER_OPTIONS, type LimiterOptions } from './limiter.js';

/** The port over the runtime's queues and repositories (digests, reminders, alerts use this). */
export function createDeliveryPort(deps: { repos: Pick<Repositories, 'deliveries'>; queues: QueueFactory; clock: Clock; deliveryQueue?: Queue }): DeliveryPort {
  return createDeliveryService({ deliveries: deps.repos.deliveries, queue: deps.deliveryQueue ?? deps.queues.queue(QUEUES.delivery), clock: deps.clock });
}
