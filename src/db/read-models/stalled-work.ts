/** What must still happen, as the database says it (app/reconcile/ports.ts StalledWork). */
import type { PendingDelivery, StalledWork } from '../../app/reconcile/ports.js';
import type { SqlExecutor } from '../sql.js';

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

export function createStalledWork(sql: Pick<SqlExecutor, 'query'>): StalledWork {
  const ids = async (q: string, before: Date, take: number) => (await sql.query<{ id: number }>(q, [before.toISOString(), take])).map((r) => r.id);
  return {
    unanalysedReports: (before, take) => ids(`SELECT id FROM "Report" WHERE status = 'received' AND "createdAt" < ${ts(1)} ORDER BY id LIMIT $2`, before, take),
    unevaluatedReports: (before, take) =>
      ids(`SELECT id FROM "Report" WHERE status = 'analysed' AND "evaluatedAt" IS NULL AND "analysedAt" < ${ts(1)} ORDER BY id LIMIT $2`, before, take),
    async pendingDeliveries(before, take): Promise<PendingDelivery[]> {
      return sql.query<PendingDelivery>(
        `SELECT id, lane, method LIKE 'edit%' AS edit FROM "Delivery" WHERE status = 'pending' AND "updatedAt" < ${ts(1)} ORDER BY lane, id LIMIT $2`,
        [before.toISOString(), take],
      );
    },
  };
}
