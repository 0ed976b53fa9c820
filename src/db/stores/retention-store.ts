/**
 * The retention job's store (port of src/app/retention/ports.ts) over SQL: what expired is
 * chosen per unit (`unnest` of unit ids and cutoffs), deleted in batches of one transaction
 * each (rows locked with SKIP LOCKED, and a transaction-scoped advisory lock so that two
 * workers processes do not run it at once), and the issue groups touched are recounted with
 * the same statement the analysis uses (refreshCounters).
 */
import type { RetentionCounts, RetentionStore, UnitCutoff } from '../../app/retention/ports.js';
import { resolveSettings, type Settings } from '../../domain/settings.js';
import { lockGroups, refreshCounters } from '../repositories/issue-groups-repository.js';
import type { SqlExecutor } from '../sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

const POLICY = `policy AS (SELECT * FROM unnest($1::int[], $2::timestamptz[]) AS p(unit_id, cutoff))`;
const LIVE_ALERT = `EXISTS (SELECT 1 FROM "Alert" a WHERE a."reportId" = r.id AND a.status IN ('open', 'acknowledged'))`;
const EXPIRED = `FROM "Report" r JOIN policy p ON p.unit_id = r."unitId" WHERE r."createdAt" < p.cutoff`;
const EXPIRED_DELIVERIES = `FROM "Delivery" d JOIN "Member" m ON m.id = d."memberId" JOIN policy p ON p.unit_id = m."unitId"
  WHERE d."createdAt" < p.cutoff AND d.status IN ('sent', 'failed')`;
const LOCK_KEY = `hashtext('pulse-retention')`;

const params = (cutoffs: readonly UnitCutoff[]) => [cutoffs.map((c) => c.unitId), cutoffs.map((c) => c.cutoff.toISOString())];

/** The store on the process's database. */
export function createRetentionStore(sql: SqlExecutor): RetentionStore {
  return {
    async unitRetention() {
      const units = await sql.query<{ id: number; path: number[] }>(`SELECT id, path FROM "Unit"`);
      const rows = await sql.query<{ scope: string; value: unknown }>(`SELECT scope, value FROM "Setting" WHERE key = 'retentionMonths'`);
      const byScope = new Map(rows.map((r) => [r.scope, r.value]));
      const layer = (scope: string): Partial<Settings> => (byScope.has(scope) ? ({ retentionMonths: byScope.get(scope) } as Partial<Settings>) : {});
      return units.map((u) => ({ unitId: u.id, months: resolveSettings([layer('global'), ...(u.path ?? []).map((id) => layer(String(id)))]).retentionMonths }));
    },

    async count(cutoffs) {
      if (cutoffs.length === 0) return empty();
      const p = params(cutoffs);
      const [r] = await sql.query<{ reports: number; held: number; oldest: Date | null; newest: Date | null; groups: number }>(
        `WITH ${POLICY}, expired AS (SELECT r.id, r."createdAt", r."issueGroupId", ${LIVE_ALERT} AS held ${EXPIRED})
         SELECT count(*) FILTER (WHERE NOT held)::int AS reports, count(*) FILTER (WHERE held)::int AS held,
                min("createdAt") FILTER (WHERE NOT held) AS oldest, max("createdAt") FILTER (WHERE NOT held) AS newest,
                count(DISTINCT "issueGroupId") FILTER (WHERE NOT held)::int AS groups
           FROM expired`,
        p,
      );
      const [d] = await sql.query<{ tags: number; bands: number; alerts: number; groups_emptied: number }>(
        `WITH ${POLICY}, gone AS (SELECT r.id, r."issueGroupId" ${EXPIRED} AND NOT ${LIVE_ALERT})
         SELECT (SELECT count(*) FROM "ReportTopic" t WHERE t."reportId" IN (SELECT id FROM gone))::int AS tags,
                (SELECT count(*) FROM "ReportBand" b WHERE b."reportId" IN (SELECT id FROM gone))::int AS bands,
                (SELECT count(*) FROM "Alert" a WHERE a."reportId" IN (SELECT id FROM gone))::int AS alerts,
                (SELECT count(DISTINCT g."issueGroupId") FROM gone g
                  WHERE g."issueGroupId" IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM "Report" k WHERE k."issueGroupId" = g."issueGroupId" AND k.id NOT IN (SELECT id FROM gone)))::int AS groups_emptied`,
        p,
      );
      const [del] = await sql.query<{ n: number }>(`WITH ${POLICY} SELECT count(*)::int AS n ${EXPIRED_DELIVERIES}`, p);
      return {
        ...empty(),
        reports: r!.reports,
        heldByLiveAlerts: r!.held,
        oldest: r!.oldest,
        newest: r!.newest,
        groupsRecounted: r!.groups,
        groupsDeleted: d!.groups_emptied,
        tags: d!.tags,
        bands: d!.bands,
        alerts: d!.alerts,
        deliveries: del!.n,
      };
    },

    purgeBatch: (cutoffs, limit) => (cutoffs.length === 0 ? Promise.resolve(empty()) : sql.transaction((tx) => purge(tx, cutoffs, limit))),
  };
}

async function purge(tx: Sql, cutoffs: readonly UnitCutoff[], limit: number): Promise<RetentionCounts> {
  const [{ locked }] = (await tx.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`)) as [{ locked: boolean }];
  if (!locked) return empty();
  const p = params(cutoffs);
  const picked = await tx.query<{ id: number; createdAt: Date; issueGroupId: number | null }>(
    `WITH ${POLICY} SELECT r.id, r."createdAt", r."issueGroupId" ${EXPIRED} AND NOT ${LIVE_ALERT} ORDER BY r.id LIMIT $3 FOR UPDATE OF r SKIP LOCKED`,
    [...p, limit],
  );
  const [held] = await tx.query<{ n: number }>(`WITH ${POLICY} SELECT count(*)::int AS n ${EXPIRED} AND ${LIVE_ALERT}`, p);
  const out = empty();
  out.heldByLiveAlerts = held!.n;
  const ids = picked.map((r) => r.id);
  if (ids.length > 0) {
    const groups = [...new Set(picked.map((r) => r.issueGroupId).filter((g): g is number => g !== null))];
    await lockGroups(tx, groups);
    const alerts = (await tx.query<{ id: number }>(`SELECT id FROM "Alert" WHERE "reportId" = ANY($1::int[])`, [ids])).map((a) => a.id);
    const [tags] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ReportTopic" WHERE "reportId" = ANY($1::int[])`, [ids]);
    const [bands] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ReportBand" WHERE "reportId" = ANY($1::int[])`, [ids]);
    if (alerts.length > 0) {
      out.cards = (await tx.query(`DELETE FROM "AlertCard" WHERE "liveKey" IS NULL AND cardinality("alertIds") > 0 AND "alertIds" <@ $1::int[] RETURNING id`, [alerts])).length;
      out.alerts = (await tx.query(`DELETE FROM "Alert" WHERE id = ANY($1::int[]) RETURNING id`, [alerts])).length;
    }
    out.reports = (await tx.query(`DELETE FROM "Report" WHERE id = ANY($1::int[]) RETURNING id`, [ids])).length;
    out.tags = tags!.n;
    out.bands = bands!.n;
    for (const g of groups) if (await refreshCounters(tx, g)) out.groupsRecounted += 1;
    out.groupsDeleted = (
      await tx.query(
        `DELETE FROM "IssueGroup" g WHERE g.id = ANY($1::int[])
            AND NOT EXISTS (SELECT 1 FROM "Report" r WHERE r."issueGroupId" = g.id)
            AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."issueGroupId" = g.id)
            AND NOT EXISTS (SELECT 1 FROM "IssueGroup" m WHERE m."mergedIntoId" = g.id)
          RETURNING id`,
        [groups],
      )
    ).length;
    out.oldest = picked.reduce<Date | null>((m, r) => (!m || r.createdAt < m ? r.createdAt : m), null);
    out.newest = picked.reduce<Date | null>((m, r) => (!m || r.createdAt > m ? r.createdAt : m), null);
  }
  out.deliveries = (await tx.query(`WITH ${POLICY} DELETE FROM "Delivery" WHERE id IN (SELECT d.id ${EXPIRED_DELIVERIES} LIMIT $3) RETURNING id`, [...p, limit])).length;
  return out;
}

function empty(): RetentionCounts {
  return { reports: 0, tags: 0, bands: 0, alerts: 0, cards: 0, deliveries: 0, groupsRecounted: 0, groupsDeleted: 0, heldByLiveAlerts: 0, oldest: null, newest: null };
}
