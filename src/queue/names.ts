/**
 * Queue names and the ids of the jobs queued by the queue, delivery and digest modules, built
 * and parsed here only. BullMQ rejects custom ids containing ':', so ids join the words with '-'
 * (STACK-NOTES): `analyze-<reportId>`, `delivery-<deliveryId>`. An id derived from the work makes
 * adding the same work twice a no-op. (The alerts module's step and card-edit job ids live with
 * its use cases: app/alerts/deps.ts `alertJobIds`.)
 */
import type { ScheduledPeriod } from '../domain/digest/periods.js';

export const QUEUES = {
  analysis: 'analysis',
  alerts: 'alerts',
  delivery: 'delivery',
  digests: 'digests',
  /** Topic-model retraining (its own queue, so that no other worker consumes its jobs). */
  training: 'model-training',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const jobIds = {
  /** The analysis of one report. */
  analyze: (reportId: number) => `analyze-${reportId}`,
  /** The alerts worker's evaluation of one analysed report. */
  evaluate: (reportId: number) => `evaluate-${reportId}`,
  /** One recorded outgoing message (the Delivery row's id). */
  delivery: (deliveryId: number) => `delivery-${deliveryId}`,
  /** The retraining job and its nightly scheduler (one at a time). */
  retrain: 'retrain-topic-model',
  /** The job scheduler of a unit's digest for a period. */
  digestScheduler: (unitId: number, period: ScheduledPeriod) => `digest-${unitId}-${period}`,
  /** The start-up catch-up of missed digests: one per boot. */
  digestCatchUp: (atMs: number, nonce: string) => `digest-catch-up-${atMs}-${nonce}`,
} as const;

/** The unit and period of a digest scheduler id, or null for any other id. */
export function parseDigestSchedulerId(id: string): { unitId: number; period: ScheduledPeriod } | null {
  const m = /^digest-(\d+)-(day|week|month)$/.exec(id);
  return m ? { unitId: Number(m[1]), period: m[2] as ScheduledPeriod } : null;
}

/** Lane priorities of the delivery queue (BullMQ: lower number = higher priority). */
export const LANES = { alert: 1, digest: 2, reminder: 3, broadcast: 4 } as const;
export type Lane = keyof typeof LANES;
