/**
 * The digest read model and ledger (ports of src/app/digests/ports.ts) over the SQL of
 * digest-queries.ts. `scoped(scope)` resolves the scope's unit ids once; every query of the
 * scoped reader is limited to them, so a digest cannot count, quote or title anything outside.
 */
import type { DigestClaim, DigestLedger, DigestReadModel, ScopedDigestReads } from '../../app/digests/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import * as q from './digest-queries.js';

type Sql = Pick<SqlExecutor, 'query'>;

async function unitIdsOf(sql: Sql, scope: Scope): Promise<number[]> {
  if (scope.kind === 'subtree') return q.subtreeUnitIds(sql, scope.unitId);
  return (await sql.query<{ id: number }>(`SELECT id FROM "Unit" ORDER BY id`)).map((r) => r.id);
}

export function createDigestReadModel(sql: Sql): DigestReadModel {
  return {
    async scoped(scope: Scope): Promise<ScopedDigestReads> {
      const unitIds = await unitIdsOf(sql, scope);
      const win = (w: { from: Date; to: Date; prevFrom: Date; prevTo: Date }): q.Windows => ({ unitIds, ...w });
      return {
        headline: (w) => q.headlineCounts(sql, win(w)),
        topicMoodCounts: (w) => q.topicMoodCounts(sql, win(w)),
        topIssueGroups: (w, limit) => q.topIssueGroups(sql, win(w), limit),
        groupTexts: (groupId, take) => q.groupTextsInScope(sql, unitIds, groupId, take),
        openAlerts: (limit) => q.openAlerts(sql, unitIds, limit),
        proposals: (w, limit) => q.proposals(sql, win(w), limit),
        silentUnits: (since, to, limit) => q.silentUnits(sql, unitIds, since, to, limit),
        inactiveCollaborators: (since, to, limit) => q.inactiveCollaborators(sql, unitIds, since, to, limit),
        volume: (buckets) => q.bucketCounts(sql, unitIds, buckets),
      };
    },
    topicNames: () => q.topicNames(sql),
    unitsWithLeaders: () => q.unitsWithLeaders(sql),
    yearlyActivity: (unitId, from, to, tz) => q.yearlyActivity(sql, unitId, from, to, tz),
  };
}

export function createDigestLedger(sql: Sql): DigestLedger {
  return {
    async claim(c: DigestClaim) {
      await sql.query(
        `INSERT INTO "Digest" (key, "memberId", "unitId", period, "periodKey", "fromAt", "toAt")
         VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC'), ($7::timestamptz AT TIME ZONE 'UTC'))
         ON CONFLICT (key) DO NOTHING`,
        [c.key, c.memberId, c.unitId, c.period, c.periodKey, c.fromAt.toISOString(), c.toAt.toISOString()],
      );
      const [row] = await sql.query<{ sent: boolean }>(`SELECT "sentAt" IS NOT NULL AS sent FROM "Digest" WHERE key = $1`, [c.key]);
      return { alreadySent: row?.sent ?? false };
    },
    async markSent(key, stats, at) {
      await sql.query(`UPDATE "Digest" SET "sentAt" = ($2::timestamptz AT TIME ZONE 'UTC'), stats = $3::jsonb WHERE key = $1`, [key, at.toISOString(), JSON.stringify(stats)]);
    },
    async sent(key) {
      const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Digest" WHERE key = $1 AND "sentAt" IS NOT NULL`, [key]);
      return (row?.n ?? 0) > 0;
    },
  };
}
