/**
 * The analysis' and the group edits' transactions over SQL (ports of src/app/analysis/ports.ts
 * and src/app/issue-groups/ports.ts): every step of one transaction runs on its connection, the
 * audit row of an edit included, so a change and its record commit together or not at all.
 * Raw SQL on purpose (issue-groups-repository.ts): the analysis hot path runs a dozen of these
 * statements per report.
 */
import type { AnalysisStore, AnalysisTx } from '../../app/analysis/ports.js';
import type { AuditEntry } from '../../app/alerts/ports.js';
import type { GroupEditTx, GroupStore, GroupingTx } from '../../app/issue-groups/ports.js';
import type { PrismaClient } from '../generated/client.js';
import { effectiveSettings, lockReport, writeAnalysis, writeLeaderTopic } from '../repositories/analysis-repository.js';
import * as g from '../repositories/issue-groups-repository.js';
import type { SqlExecutor } from '../sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

function grouping(tx: Sql): GroupingTx {
  return {
    findCandidates: (q) => g.findCandidates(tx, q),
    createGroup: (first) => g.createGroup(tx, first),
    lockGroups: (ids) => g.lockGroups(tx, ids),
    refreshCounters: (id) => g.refreshCounters(tx, id),
    memberTexts: (id, take) => g.memberTexts(tx, id, take),
    writeLabel: (id, label) => g.writeLabel(tx, id, label),
    setGroupStatus: (id, status, mergedIntoId) => g.setGroupStatus(tx, id, status, mergedIntoId ?? null),
  };
}

async function audit(tx: Sql, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO "AuditLog" ("actorKind", "actorId", action, entity, "entityId", data, at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, COALESCE($7::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'))`,
    [e.actorKind, e.actorId ?? null, e.action, e.entity, e.entityId === undefined || e.entityId === null ? null : String(e.entityId), e.data ? JSON.stringify(e.data) : null, e.at?.toISOString() ?? null],
  );
}

function analysisTx(tx: Sql): AnalysisTx {
  return {
    ...grouping(tx),
    lockReport: (id) => lockReport(tx, id),
    settings: (unitId) => effectiveSettings(tx, unitId),
    lockBands: (keys) => g.lockBands(tx, keys),
    groupGrowth: (q) => g.groupGrowth(tx, q),
    writeAnalysis: (id, f, extra) => writeAnalysis(tx, id, f, extra),
    writeLeaderTopic: (c) => writeLeaderTopic(tx, c),
    audit: (e) => audit(tx, e),
  };
}

export function createAnalysisStore(sql: SqlExecutor): AnalysisStore {
  return {
    transaction: (fn) => sql.transaction((tx) => fn(analysisTx(tx))),
    async reportForCorrection(reportId) {
      const [r] = await sql.query<{ unitId: number; status: string; topicSlug: string | null; issueGroupId: number | null }>(
        `SELECT "unitId", status::text AS status, "topicSlug", "issueGroupId" FROM "Report" WHERE id = $1`,
        [reportId],
      );
      return r ?? null;
    },
  };
}

function groupEditTx(tx: Sql): GroupEditTx {
  return {
    ...grouping(tx),
    async moveAllReports(sourceId, targetId) {
      const moved = await tx.query<{ id: number }>(`UPDATE "Report" SET "issueGroupId" = $2, "groupSuggested" = false WHERE "issueGroupId" = $1 RETURNING id`, [sourceId, targetId]);
      return moved.length;
    },
    async lockReportForMove(reportId) {
      const [r] = await tx.query<{ status: string; issueGroupId: number | null }>(`SELECT status::text AS status, "issueGroupId" FROM "Report" WHERE id = $1 FOR UPDATE`, [reportId]);
      return r ?? null;
    },
    async moveReport(reportId, groupId) {
      await tx.query(`UPDATE "Report" SET "issueGroupId" = $2, "groupSuggested" = false, "groupSimilarity" = NULL WHERE id = $1`, [reportId, groupId]);
    },
    audit: (e) => audit(tx, e),
  };
}

export function createGroupStore(sql: SqlExecutor, prisma: PrismaClient): GroupStore {
  return {
    edit: (fn) => sql.transaction((tx) => fn(groupEditTx(tx))),
    list: (opts) => g.listGroups(prisma, opts),
  };
}
