/**
 * What the reconciler reads (the database: what must still happen) and asks for (the queues:
 * the job that makes it happen), declared here and implemented in
 * src/db/read-models/stalled-work.ts and src/queue/redrive.ts.
 */

/** A message recorded and not sent yet. */
export interface PendingDelivery {
  id: number;
  /** Lane priority (1 alerts … 4 broadcasts). */
  lane: number;
  edit: boolean;
}

export interface StalledWork {
  /** Reports stored before `before` and still not analysed. */
  unanalysedReports(before: Date, take: number): Promise<number[]>;
  /** Reports analysed before `before` whose alert evaluation never finished. */
  unevaluatedReports(before: Date, take: number): Promise<number[]>;
  /** Messages recorded before `before` and still pending (not claimed by a sender). */
  pendingDeliveries(before: Date, take: number): Promise<PendingDelivery[]>;
}

/** What asking for a job found: the job was there (waiting, delayed or running), was added, or had failed for good and was retried. */
export type Ensured = 'present' | 'added' | 'retried';

export interface WorkQueues {
  ensureAnalysis(reportId: number): Promise<Ensured>;
  ensureEvaluation(reportId: number): Promise<Ensured>;
  ensureDelivery(d: PendingDelivery): Promise<Ensured>;
}
