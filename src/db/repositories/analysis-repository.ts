/**
 * Persistence of the analysis: the report row lock, the analysis fields and topic tags
 * (written inside the analysis transaction), leaders' topic corrections, and the versioned
 * topic models in `ModelVersion`.
 */
import type { Prisma, PrismaClient } from '../generated/client.js';
import type { Mood, UrgencyLevel } from '../../domain/vocabulary.js';
import type { Tx } from './issue-groups-repository.js';

/** The report fields the analysis reads. */
export interface ReportForAnalysis {
  id: number;
  unitId: number;
  status: string;
  content: string;
  proposal: string | null;
  chosenTopic: string | null;
  mood: Mood | null;
  spread: string | null;
  quick: boolean;
  createdAt: Date;
  analysisVersion: string | null;
  issueGroupId: number | null;
  groupSimilarity: number | null;
  groupSuggested: boolean;
}

const REPORT_FIELDS = {
  id: true,
  unitId: true,
  status: true,
  content: true,
  proposal: true,
  chosenTopic: true,
  mood: true,
  spread: true,
  quick: true,
  createdAt: true,
  analysisVersion: true,
  issueGroupId: true,
  groupSimilarity: true,
  groupSuggested: true,
} as const;

/** Reads a report without locking (the NLP runs before the transaction). */
export async function readReport(db: Tx, id: number): Promise<ReportForAnalysis | null> {
  return (await db.report.findUnique({ where: { id }, select: REPORT_FIELDS })) as ReportForAnalysis | null;
}

/** Row-locks the report for the transaction (two workers on one report serialise here). */
export async function lockReport(tx: Tx, id: number): Promise<ReportForAnalysis | null> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "Report" WHERE id = $1 FOR UPDATE`, id);
  return rows.length ? readReport(tx, id) : null;
}

/** What the analysis writes on the report row. */
export interface AnalysisFields {
  analysedAt: Date;
  analysisVersion: string;
  language: string;
  redactedContent: string;
  redactedProposal: string | null;
  redactions: Record<string, unknown>;
  topicSlug: string;
  topicDisagreement: boolean;
  textMood: Mood;
  moodScore: number;
  finalMood: Mood;
  urgencyScore: number;
  urgencyLevel: UrgencyLevel;
  urgencyReasons: unknown[];
  issueGroupId: number | null;
  groupSimilarity: number | null;
  groupSuggested: boolean;
}

/** Writes the analysis fields and sets the status to `analysed`. */
export async function writeAnalysis(tx: Tx, reportId: number, f: AnalysisFields): Promise<void> {
  await tx.report.update({
    where: { id: reportId },
    data: {
      ...f,
      redactions: f.redactions as Prisma.InputJsonValue,
      urgencyReasons: f.urgencyReasons as Prisma.InputJsonValue,
      status: 'analysed',
    },
  });
}

/** One topic tag. */
export interface TagRow {
  topicSlug: string;
  origin: 'auto' | 'collaborator';
  score: number;
  rank: number;
}

/** Replaces the report's `auto` and `collaborator` tags; leaders' corrections are kept. */
export async function replaceTags(tx: Tx, reportId: number, tags: readonly TagRow[], createdAt: Date): Promise<void> {
  await tx.reportTopic.deleteMany({ where: { reportId, origin: { in: ['auto', 'collaborator'] } } });
  if (tags.length) await tx.reportTopic.createMany({ data: tags.map((t) => ({ ...t, reportId, createdAt })) });
}

/** The leader's correction of a report, if any (it wins over the tagger on re-analysis). */
export async function leaderTopic(tx: Tx, reportId: number): Promise<string | null> {
  const row = await tx.reportTopic.findFirst({ where: { reportId, origin: 'leader' }, orderBy: { createdAt: 'desc' } });
  return row?.topicSlug ?? null;
}

/** Records a leader's topic for a report: one `leader` tag per report, and the report's topic. */
export async function writeLeaderTopic(tx: Tx, c: { reportId: number; topicSlug: string; leaderId: number; at: Date }): Promise<void> {
  await tx.reportTopic.deleteMany({ where: { reportId: c.reportId, origin: 'leader' } });
  await tx.reportTopic.create({
    data: { reportId: c.reportId, topicSlug: c.topicSlug, origin: 'leader', score: 1, rank: 0, createdById: c.leaderId, createdAt: c.at },
  });
  await tx.report.update({ where: { id: c.reportId }, data: { topicSlug: c.topicSlug, topicDisagreement: false } });
}

/** Leaders' corrections as training examples (redacted text only: no personal data in models). */
export async function leaderExamples(prisma: PrismaClient): Promise<{ text: string; topic: string }[]> {
  const rows = await prisma.reportTopic.findMany({
    where: { origin: 'leader' },
    orderBy: [{ reportId: 'asc' }],
    select: { topicSlug: true, report: { select: { redactedContent: true, content: true, status: true } } },
  });
  return rows
    .filter((r) => r.report.status !== 'withdrawn' && r.report.redactedContent)
    .map((r) => ({ text: r.report.redactedContent as string, topic: r.topicSlug }));
}

/** A stored model. */
export interface StoredModel {
  id: number;
  version: string;
  model: unknown;
}

/** The newest active model of a kind. */
export async function activeModel(prisma: Tx, kind: string): Promise<StoredModel | null> {
  return prisma.modelVersion.findFirst({
    where: { kind, active: true },
    orderBy: { id: 'desc' },
    select: { id: true, version: true, model: true },
  });
}

/** The version string of the newest active model (a cheap check for cache invalidation). */
export async function activeModelVersion(prisma: Tx, kind: string): Promise<string | null> {
  const row = await prisma.modelVersion.findFirst({ where: { kind, active: true }, orderBy: { id: 'desc' }, select: { version: true } });
  return row?.version ?? null;
}

/**
 * Stores a model and makes it the only active one of its kind. Storing the same version
 * again (same examples) re-activates the existing row instead of duplicating it.
 */
export async function storeModel(
  prisma: PrismaClient,
  m: { kind: string; version: string; examples: number; metrics?: Record<string, unknown>; model: unknown },
): Promise<StoredModel> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5055_02}, 0)`);
    await tx.modelVersion.updateMany({ where: { kind: m.kind, active: true }, data: { active: false } });
    const row = await tx.modelVersion.upsert({
      where: { version: m.version },
      create: {
        kind: m.kind,
        version: m.version,
        examples: m.examples,
        model: m.model as Prisma.InputJsonValue,
        ...(m.metrics ? { metrics: m.metrics as Prisma.InputJsonValue } : {}),
        active: true,
      },
      update: { active: true },
      select: { id: true, version: true, model: true },
    });
    return row;
  });
}
