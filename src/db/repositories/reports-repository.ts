/**
 * Reports. `create` stores a report durably in one transaction with its human reference taken
 * from the report id sequence (R-<year>-<id>), and is idempotent on `submissionKey`: submitting
 * the same draft twice returns the first report.
 */
import type { NewReport, Report } from '../../domain/types.js';
import type { Mood, ReportStatus, Source, Spread, TopicSlug, UrgencyLevel } from '../../domain/vocabulary.js';
import type * as P from '../generated/client.js';
import type { PrismaClient } from '../generated/client.js';
import { CREATE_REPORT_SQL, createReportParams } from './report-intake-repository.js';

export type ReportsRepository = ReturnType<typeof createReportsRepository>;

export function toReport(r: P.Report): Report {
  return {
    id: r.id,
    reference: r.reference,
    memberId: r.memberId,
    unitId: r.unitId,
    submissionKey: r.submissionKey,
    chosenTopic: r.chosenTopic as TopicSlug | null,
    content: r.content,
    proposal: r.proposal,
    mood: r.mood as Mood | null,
    spread: r.spread as Spread | null,
    source: r.source as Source | null,
    attachmentFileId: r.attachmentFileId,
    attachmentKind: r.attachmentKind as 'photo' | 'document' | null,
    quick: r.quick,
    status: r.status as ReportStatus,
    createdAt: r.createdAt,
    withdrawnAt: r.withdrawnAt,
    analysedAt: r.analysedAt,
    redactedContent: r.redactedContent,
    topicSlug: r.topicSlug,
    finalMood: r.finalMood as Mood | null,
    urgencyScore: r.urgencyScore,
    urgencyLevel: r.urgencyLevel as UrgencyLevel | null,
    issueGroupId: r.issueGroupId,
  };
}

export function createReportsRepository(prisma: PrismaClient) {
  return {
    /**
     * Stores the report (status `received`) and returns it with its reference. The same single
     * statement as the intake's raw path (CREATE_REPORT_SQL), so reference format, idempotency
     * on `submissionKey` and the member update are defined once.
     */
    async create(input: NewReport, now: Date): Promise<{ report: Report; created: boolean }> {
      const [row] = await prisma.$queryRawUnsafe<{ id: number }[]>(CREATE_REPORT_SQL, ...createReportParams(input, now));
      const id = row?.id ?? (input.submissionKey ? (await prisma.report.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true } }))?.id : undefined);
      if (id === undefined) throw new Error('report insert returned no row');
      return { report: toReport((await prisma.report.findUniqueOrThrow({ where: { id } }))), created: row !== undefined };
    },

    async get(id: number): Promise<Report | null> {
      const r = await prisma.report.findUnique({ where: { id } });
      return r ? toReport(r) : null;
    },

    async findByReference(reference: string): Promise<Report | null> {
      const r = await prisma.report.findUnique({ where: { reference } });
      return r ? toReport(r) : null;
    },

    /** A member's latest reports, newest first. */
    async latestOf(memberId: number, take = 10): Promise<Report[]> {
      const rows = await prisma.report.findMany({ where: { memberId }, orderBy: { createdAt: 'desc' }, take });
      return rows.map(toReport);
    },

    /** Marks a report withdrawn if it belongs to the member and is still withdrawable. */
    async withdraw(id: number, memberId: number, now: Date): Promise<boolean> {
      const r = await prisma.report.updateMany({
        where: { id, memberId, status: { not: 'withdrawn' } },
        data: { status: 'withdrawn', withdrawnAt: now },
      });
      return r.count === 1;
    },

    /** Reports still waiting for analysis, created before `olderThan` (the sweeper's input). */
    async receivedBefore(olderThan: Date, take = 500): Promise<number[]> {
      const rows = await prisma.report.findMany({
        where: { status: 'received', createdAt: { lt: olderThan } },
        select: { id: true },
        orderBy: { id: 'asc' },
        take,
      });
      return rows.map((r) => r.id);
    },

    async countByMemberSince(memberId: number, since: Date): Promise<number> {
      return prisma.report.count({ where: { memberId, createdAt: { gte: since } } });
    },
  };
}
