/**
 * The retention job (PRODUCT.md, "Privacy"): reports older than their unit's `retentionMonths`
 * are deleted with their analysis (it lives on the report row), tags, LSH bands, the closed
 * alerts they raised and those alerts' cards, and the deliveries older than the same cutoff
 * (their payloads quote report text); the issue groups they belonged to are recounted from the
 * reports left. A report whose alert is still live waits until the alert is closed. Every run
 * that removed something is audited once, with its figures; a dry run only counts.
 * Runs in batches (one transaction each) so that a large first run does not hold locks long.
 */
import { retentionCutoff } from '../../domain/retention.js';
import type { RetentionCounts, RetentionDeps, UnitCutoff } from './ports.js';

export interface RetentionRun {
  dryRun: boolean;
  cutoffs: UnitCutoff[];
  counts: RetentionCounts;
}

/** Batch size of one transaction. */
export const RETENTION_BATCH = 500;

/** Each unit's cutoff at `now`. */
export async function retentionCutoffs(deps: Pick<RetentionDeps, 'store'>, now: Date): Promise<UnitCutoff[]> {
  return (await deps.store.unitRetention()).map((u) => ({ ...u, cutoff: retentionCutoff(now, u.months) }));
}

/** Runs the job (or, with dryRun, says what it would remove). */
export async function runRetention(deps: RetentionDeps, opts: { dryRun?: boolean; actor?: 'system' | 'cli'; batch?: number } = {}): Promise<RetentionRun> {
  const now = deps.clock();
  const cutoffs = await retentionCutoffs(deps, now);
  if (opts.dryRun) return { dryRun: true, cutoffs, counts: await deps.store.count(cutoffs) };
  let total = emptyCounts();
  for (;;) {
    const batch = await deps.store.purgeBatch(cutoffs, opts.batch ?? RETENTION_BATCH);
    total = addCounts(total, batch);
    if (batch.reports === 0 && batch.deliveries === 0) break;
  }
  if (total.reports + total.deliveries + total.alerts > 0) {
    const byMonths = [...new Set(cutoffs.map((c) => c.months))].sort((a, b) => a - b);
    await deps.audit.record({
      actorKind: opts.actor ?? 'system',
      action: 'retention.delete',
      entity: 'report',
      entityId: null,
      data: { ...serialise(total), retentionMonths: byMonths, at: now.toISOString() },
      at: now,
    });
    deps.logger.info({ ...serialise(total) }, 'retention: expired reports deleted');
  }
  return { dryRun: false, cutoffs, counts: total };
}

export function emptyCounts(): RetentionCounts {
  return { reports: 0, tags: 0, bands: 0, alerts: 0, cards: 0, deliveries: 0, groupsRecounted: 0, groupsDeleted: 0, heldByLiveAlerts: 0, oldest: null, newest: null };
}

function addCounts(a: RetentionCounts, b: RetentionCounts): RetentionCounts {
  const min = (x: Date | null, y: Date | null) => (!x ? y : !y ? x : x < y ? x : y);
  const max = (x: Date | null, y: Date | null) => (!x ? y : !y ? x : x > y ? x : y);
  return {
    reports: a.reports + b.reports,
    tags: a.tags + b.tags,
    bands: a.bands + b.bands,
    alerts: a.alerts + b.alerts,
    cards: a.cards + b.cards,
    deliveries: a.deliveries + b.deliveries,
    groupsRecounted: a.groupsRecounted + b.groupsRecounted,
    groupsDeleted: a.groupsDeleted + b.groupsDeleted,
    heldByLiveAlerts: Math.max(a.heldByLiveAlerts, b.heldByLiveAlerts),
    oldest: min(a.oldest, b.oldest),
    newest: max(a.newest, b.newest),
  };
}

function serialise(c: RetentionCounts): Record<string, unknown> {
  return { ...c, oldest: c.oldest?.toISOString() ?? null, newest: c.newest?.toISOString() ?? null };
}
