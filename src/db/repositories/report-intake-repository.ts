/**
 * The intake's write path for reports in raw SQL: the same contract as `reports.create`
 * (one atomic statement, reference R-<year>-<id> from the id sequence, idempotent on submissionKey,
 * member's lastReportAt updated) and the hourly count, without the ORM's per-query CPU cost
 * on the bot's hot path. `reports-repository.ts` creates reports with the same statement.
 */
import type { NewReport } from '../../domain/types.js';
import type { SqlExecutor } from '../sql.js';

/** What the bot needs back from a stored report. */
export interface StoredReport {
  id: number;
  reference: string;
}

/** The report write path API. */
export type ReportIntake = ReturnType<typeof createReportIntake>;

/**
 * One statement, so one round trip and atomic without an explicit transaction: take the next
 * id, insert with the reference built from it (same format as formatReference), update the
 * member; a row already stored under the same submission key makes it insert nothing.
 */
export const CREATE_REPORT_SQL = `WITH nid AS (SELECT nextval(pg_get_serial_sequence('"Report"', 'id'))::int AS id),
ins AS (
  INSERT INTO "Report" ("id", "reference", "memberId", "unitId", "submissionKey", "chosenTopic", "content", "proposal",
    "mood", "spread", "source", "attachmentFileId", "attachmentKind", "quick", "createdAt")
  SELECT nid.id, 'R-' || $1::text || '-' || CASE WHEN length(nid.id::text) >= 6 THEN nid.id::text ELSE lpad(nid.id::text, 6, '0') END,
    $2, $3, $4, $5, $6, $7, $8::"Mood", $9::"Spread", $10::"Source", $11, $12, $13, $14
  FROM nid
  ON CONFLICT ("submissionKey") DO NOTHING
  RETURNING "id", "reference"
),
upd AS (UPDATE "Member" SET "lastReportAt" = $14, "lastSeenAt" = $14 WHERE "id" = $2 AND EXISTS (SELECT 1 FROM ins))
SELECT "id", "reference" FROM ins`;

/** Parameters of CREATE_REPORT_SQL, in order. */
export function createReportParams(input: NewReport, now: Date): unknown[] {
  return [
    String(now.getUTCFullYear()), input.memberId, input.unitId, input.submissionKey ?? null, input.chosenTopic, input.content, input.proposal,
    input.mood, input.spread, input.source, input.attachmentFileId ?? null, input.attachmentKind ?? null, input.quick ?? false, now,
  ];
}

/** Report creation and counting over the raw SQL executor (PostgreSQL or PGlite). */
export function createReportIntake(sql: SqlExecutor) {
  const byKey = async (key: string) => (await sql.query<StoredReport>(`SELECT "id", "reference" FROM "Report" WHERE "submissionKey" = $1`, [key]))[0];
  return {
    async create(input: NewReport, now: Date): Promise<{ report: StoredReport; created: boolean }> {
      const [row] = await sql.query<StoredReport>(CREATE_REPORT_SQL, createReportParams(input, now));
      if (row) return { report: { id: row.id, reference: row.reference }, created: true };
      // nothing inserted: this submission was stored before (a double tap)
      const existing = input.submissionKey ? await byKey(input.submissionKey) : undefined;
      if (!existing) throw new Error('report insert returned no row');
      return { report: existing, created: false };
    },

    async countByMemberSince(memberId: number, since: Date): Promise<number> {
      const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Report" WHERE "memberId" = $1 AND "createdAt" >= $2`, [memberId, since]);
      return Number(row?.n ?? 0);
    },
  };
}
