/** What the retention job needs: each unit's retention, and a store that counts or deletes what expired. */
import type { Logger } from '../ports/logger.js';

/** Reports of `unitId` created before `cutoff` have expired. */
export interface UnitCutoff {
  unitId: number;
  months: number;
  cutoff: Date;
}

/** What a run removed (or, dry, would remove). */
export interface RetentionCounts {
  reports: number;
  tags: number;
  bands: number;
  alerts: number;
  cards: number;
  deliveries: number;
  /** Issue groups whose counters were recomputed from the reports left. */
  groupsRecounted: number;
  /** Issue groups left without a report nor an alert, removed. */
  groupsDeleted: number;
  /** Expired reports kept because an alert they raised is still open or acknowledged. */
  heldByLiveAlerts: number;
  oldest: Date | null;
  newest: Date | null;
}

export interface RetentionStore {
  /** Every unit with its effective `retentionMonths`. */
  unitRetention(): Promise<{ unitId: number; months: number }[]>;
  /** Counts what has expired (nothing is changed). */
  count(cutoffs: readonly UnitCutoff[]): Promise<RetentionCounts>;
  /**
   * Deletes up to `limit` expired reports with their tags, bands, the closed alerts they
   * raised (and those alerts' cards), recounts their issue groups, in one transaction; also
   * expired deliveries. Returns what went (reports 0 when nothing is left).
   */
  purgeBatch(cutoffs: readonly UnitCutoff[], limit: number): Promise<RetentionCounts>;
}

export interface RetentionAudit {
  record(e: { actorKind: 'system' | 'cli'; action: string; entity: string; entityId?: string | null; data?: Record<string, unknown>; at?: Date }): Promise<unknown>;
}

export interface RetentionDeps {
  store: RetentionStore;
  audit: RetentionAudit;
  clock: () => Date;
  logger: Logger;
}
