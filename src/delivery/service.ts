/**
 * The DeliveryPort implementation: every message is first recorded in the Delivery table under
 * its idempotency key, then queued on the `delivery` queue in its lane (BullMQ priority) with a
 * job id derived from the delivery id. Enqueuing the same key twice queues nothing new; a
 * pending row whose job was lost (crash between insert and add) is re-queued by the second call.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { DeliveriesRepository } from '../db/repositories/deliveries-repository.js';
import type { Clock } from '../domain/clock.js';
import { jobIds, LANES } from '../queue/names.js';
import type { DeliveryPort, EnqueueResult, OutgoingMessage } from './port.js';
import type { RecordedMessageQueue } from '../app/surveys/ports.js';

export const deliveryJobSchema = z.object({ deliveryId: z.number().int().positive() });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

/** Job id of a delivery: one job per recorded message (queue/names.ts). */
export const deliveryJobId = jobIds.delivery;

/** Retries of transient failures (5xx, network), exponential from 1 s. */
export const DELIVERY_ATTEMPTS = 8;

export interface DeliveryServiceDeps {
  deliveries: DeliveriesRepository;
  queue: Queue;
  clock: Clock;
}

/** Builds the port alerts, digests, reminders and broadcasts send through. */
export function createDeliveryService(deps: DeliveryServiceDeps): DeliveryPort &
  RecordedMessageQueue & { requeue(deliveryId: number, lane: number, notBefore?: Date, edit?: boolean): Promise<void> } {
  const job = (deliveryId: number, lane: number, notBefore?: Date, edit = false) => {
    // Within a lane, new messages go before edits of messages already delivered.
    const priority = lane * 10 + (edit ? 1 : 0);
    const delay = notBefore ? Math.max(0, notBefore.getTime() - deps.clock().getTime()) : 0;
    return {
      name: 'send',
      data: { deliveryId } satisfies DeliveryJob,
      opts: {
        jobId: deliveryJobId(deliveryId),
        priority,
        delay,
        attempts: DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential' as const, delay: 1000 },
        removeOnComplete: { age: 3600, count: 5000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    };
  };
  const requeue = async (deliveryId: number, lane: number, notBefore?: Date, edit = false) => {
    const j = job(deliveryId, lane, notBefore, edit);
    await deps.queue.add(j.name, j.data, j.opts);
  };
  return {
    requeue,
    /** Queues rows already recorded in bulk (a survey's planning), in chunks of BullMQ's addBulk. */
    async queueRecorded(items, lane) {
      for (let i = 0; i < items.length; i += 2000) {
        await deps.queue.addBulk(items.slice(i, i + 2000).map((it) => job(it.deliveryId, LANES[lane], it.notBefore)));
      }
    },
    async enqueue(msg: OutgoingMessage): Promise<EnqueueResult> {
      const lane = LANES[msg.lane];
      const { record, created } = await deps.deliveries.insertOrGet({
        idempotencyKey: msg.idempotencyKey,
        memberId: msg.memberId,
        chatId: msg.chatId,
        kind: msg.kind,
        lane,
        method: msg.method,
        payload: msg.payload,
      });
      if (record.status === 'pending') await requeue(record.id, lane, msg.notBefore, msg.method.startsWith('edit'));
      return { deliveryId: record.id, duplicate: !created };
    },
    async withdraw(keys: readonly string[], reason: string): Promise<number> {
      let withdrawn = 0;
      for (const key of keys) {
        const record = await deps.deliveries.byKey(key);
        if (!record || record.status !== 'pending') continue;
        if (!(await deps.deliveries.withdrawPending(record.id, `withdrawn: ${reason}`))) continue;
        await deps.queue.remove(deliveryJobId(record.id)).catch(() => 0);
        withdrawn += 1;
      }
      return withdrawn;
    },
  };
}
