/**
 * The reconciler (issue 15): the database is the source of truth for what must still happen.
 * A report stored and not analysed, analysed and not evaluated for alerts, a message recorded
 * and not sent: each must have a live job, and gets one — including work whose job failed for
 * good while a dependency was down (the failed job is retried, never left as a silent no-op).
 * Runs in every workers process at start and every minute; everything it asks for is idempotent.
 * (Open alerts whose ladder stalled are driven by the alerts worker's own reconciler,
 * app/alerts/reconcile.ts; digests missed during downtime by the digest catch-up.)
 */
import type { Clock } from '../../domain/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Ensured, StalledWork, WorkQueues } from './ports.js';

export interface ReconcileDeps {
  stalled: StalledWork;
  queues: WorkQueues;
  clock: Clock;
  logger: Logger;
  /** Work younger than this is left to the normal path (ms; default 30 s). */
  graceMs?: number;
  /** At most this many items of each kind per run. */
  take?: number;
}

export interface ReconcileKindSummary {
  stalled: number;
  added: number;
  /** Jobs that had failed for good (retries used up while a dependency was down) and were retried. */
  retried: number;
}

export interface ReconcileSummary {
  analysis: ReconcileKindSummary;
  evaluation: ReconcileKindSummary;
  delivery: ReconcileKindSummary;
}

const empty = (): ReconcileKindSummary => ({ stalled: 0, added: 0, retried: 0 });

async function drive<T>(items: T[], ensure: (item: T) => Promise<Ensured>): Promise<ReconcileKindSummary> {
  const s = empty();
  for (const item of items) {
    const r = await ensure(item);
    s.stalled += 1;
    if (r === 'added') s.added += 1;
    if (r === 'retried') s.retried += 1;
  }
  return s;
}

/** One run: every stalled item gets its job. */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileSummary> {
  const before = new Date(deps.clock().getTime() - (deps.graceMs ?? 30_000));
  const take = deps.take ?? 500;
  const summary: ReconcileSummary = {
    analysis: await drive(await deps.stalled.unanalysedReports(before, take), (id) => deps.queues.ensureAnalysis(id)),
    evaluation: await drive(await deps.stalled.unevaluatedReports(before, take), (id) => deps.queues.ensureEvaluation(id)),
    delivery: await drive(await deps.stalled.pendingDeliveries(before, take), (d) => deps.queues.ensureDelivery(d)),
  };
  const acted = Object.values(summary).some((k) => k.added > 0 || k.retried > 0);
  if (acted) deps.logger.warn({ ...summary }, 'reconciler drove stalled work on');
  return summary;
}
