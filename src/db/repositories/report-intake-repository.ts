/**
 * The intake's write path for reports in raw SQL: the same contract as `reports.create`
 * (one transaction, reference R-<year>-<id> from the id sequence, idempotent on submissionKey,
 * member's lastReportAt updated) and the hourly count, without the ORM's per-query CPU cost
 * on the bot's hot path. `reports-repository.ts` stays the reference for reads.
 */
import { formatReference } from '../../domain/reference.js';
import type { NewReport } from '../../domain/types.js';
import type { SqlExecutor } from '../sql.js';

/** What the bot needs back from a stored report. */
export interface StoredReport {
  id: number;
  reference: string;
}

export type ReportIntake = ReturnType<typeof createReportIntake>;

const INSERT = `INSERT INTO "Report" ("id", "reference", "memberId", "unitId", "submissionKey", "chosenTopic", "content", "proposal",
  "mood", "spread", "source", "attachmentFileId", "attachmentKind", "quick", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::"Mood", $10::"Spread", $11::"Source", $12, $13, $14, $15)`;

/** Report creation and counting over the raw SQL executor (PostgreSQL or PGlite). */
export function createReportIntake(sql: SqlExecutor) {
  const byKey = async (key: string) => (await sql.query<StoredReport>(`SELECT "id", "reference" FROM "Report" WHERE "submissionKey" = $1`, [key]))[0];
  return {
    async create(input: NewReport, now: Date): Promise<{ report: StoredReport; created: boolean }> {
      if (input.submissionKey) {
        const existing = await byKey(input.submissionKey);
        if (existing) return { report: existing, created: false };
      }
      try {
        const report = await sql.transaction(async (tx) => {
          const [row] = await tx.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('"Report"', 'id'))::text AS id`);
          const id = Number(row!.id);
          const reference = formatReference(now.getUTCFullYear(), id);
          await tx.query(INSERT, [
            id, reference, input.memberId, input.unitId, input.submissionKey ?? null, input.chosenTopic, input.content, input.proposal,
            input.mood, input.spread, input.source, input.attachmentFileId ?? null, input.attachmentKind ?? null, input.quick ?? false, now,
          ]);
          await tx.query(`UPDATE "Member" SET "lastReportAt" = $2, "lastSeenAt" = $2 WHERE "id" = $1`, [input.memberId, now]);
          return { id, reference };
        });
        return { report, created: true };
      } catch (e) {
        // a double tap racing this one stored the same submission first
        const existing = input.submissionKey ? await byKey(input.submissionKey) : undefined;
        if (existing) return { report: existing, created: false };
        throw e;
      }
    },

    async countByMemberSince(memberId: number, since: Date): Promise<number> {
      const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Report" WHERE "memberId" = $1 AND "createdAt" >= $2`, [memberId, since]);
      return Number(row?.n ?? 0);
    },
  };
}
