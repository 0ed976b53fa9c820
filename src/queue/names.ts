/**
 * Queue names and job ids. BullMQ rejects custom ids containing ':', so ids join the words
 * with '-' (STACK-NOTES): `analyze-<reportId>`, `digest-<memberId>-<period>`. An id derived
 * from the work makes adding the same work twice a no-op.
 */
export const QUEUES = {
  analysis: 'analysis',
  alerts: 'alerts',
  delivery: 'delivery',
  digests: 'digests',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const jobIds = {
  analyze: (reportId: number) => `analyze-${reportId}`,
  digest: (memberId: number, period: string, periodKey: string) => `digest-${memberId}-${period}-${periodKey}`,
} as const;

/** Lane priorities of the delivery queue (BullMQ: lower number = higher priority). */
export const LANES = { alert: 1, digest: 2, reminder: 3, broadcast: 4 } as const;
export type Lane = keyof typeof LANES;
