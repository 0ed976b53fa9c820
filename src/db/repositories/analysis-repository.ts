/**
 * Persistence of the analysis: the report row lock, the analysis fields and topic tags
 * (written inside the analysis transaction), leaders' topic corrections, and the versioned
 * topic models in `ModelVersion`.
 */
import type { Prisma, PrismaClient } from '../generated/client.js';
import { resolveSettings, type Settings } from '../../domain/settings.js';
import type { Mood, UrgencyLevel } from '../../domain/vocabulary.js';
import type { Sql } from './issue-groups-repository.js';

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
  source: string | null;
  quick: boolean;
  createdAt: Date;
  analysisVersion: string | null;
  issueGroupId: number | null;
  groupSimilarity: number | null;
  groupSuggested: boolean;
}

const REPORT_COLUMNS = `id, "unitId", status::text AS status, content, proposal, "chosenTopic", mood::text AS mood, spread::text AS spread, source::text AS source, quick,
  ("createdAt" AT TIME ZONE 'UTC') AS "createdAt", "analysisVersion", "issueGroupId", "groupSimilarity", "groupSuggested"`;

/**
 * Row-locks the report for the transaction (two workers on one report serialise here) and
 * returns it with the topic of a leader's correction, if any.
 */
export async function lockReport(sql: Sql, id: number): Promise<(ReportForAnalysis & { leaderTopic: string | null }) | null> {
  const rows = await sql.query<ReportForAnalysis & { leaderTopic: string | null }>(
    `SELECT ${REPORT_COLUMNS},
            (SELECT t."topicSlug" FROM "ReportTopic" t WHERE t."reportId" = r.id AND t.origin = 'leader' ORDER BY t."createdAt" DESC LIMIT 1) AS "leaderTopic"
       FROM "Report" r WHERE id = $1 FOR UPDATE OF r`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * A unit's effective settings, read through the transaction's own executor (on embedded
 * PGlite a second connection would wait for the transaction forever). Same layering as
 * `settings.effective`: defaults, then global, then root … unit.
 */
export async function effectiveSettings(sql: Sql, unitId: number): Promise<Settings> {
  const rows = await sql.query<{ scope: string; key: string; value: unknown; depth: number }>(
    `SELECT s.scope, s.key, s.value, coalesce(array_position(u.path, NULLIF(s.scope, 'global')::int), 0) AS depth
       FROM "Setting" s LEFT JOIN "Unit" u ON u.id = $1
      WHERE s.scope = 'global' OR s.scope = ANY (SELECT unnest(u2.path)::text FROM "Unit" u2 WHERE u2.id = $1)
      ORDER BY depth`,
    [unitId],
  );
  const layers = new Map<number, Record<string, unknown>>();
  for (const r of rows) layers.set(r.depth, { ...(layers.get(r.depth) ?? {}), [r.key]: r.value });
  return resolveSettings([...layers.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l as Partial<Settings>));
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

/** One topic tag. */
export interface TagRow {
  topicSlug: string;
  origin: 'auto' | 'collaborator';
  score: number;
  rank: number;
}

/**
 * Writes the analysis fields (status `analysed`), the `auto`/`collaborator` tags and the band
 * keys in ONE statement (data-modifying CTEs): fewer round trips on the hot path. On
 * re-analysis (`replace`) the earlier tags and bands are deleted first; leaders' tags stay.
 */
export async function writeAnalysis(
  sql: Sql,
  reportId: number,
  f: AnalysisFields,
  extra: { tags: readonly TagRow[]; bandKeys: readonly string[]; bandsAt: Date; replace: boolean },
): Promise<void> {
  if (extra.replace) {
    await sql.query(
      `WITH t AS (DELETE FROM "ReportTopic" WHERE "reportId" = $1 AND origin IN ('auto', 'collaborator'))
       DELETE FROM "ReportBand" WHERE "reportId" = $1`,
      [reportId],
    );
  }
  const t = extra.tags;
  await sql.query(
    `WITH tags AS (
       INSERT INTO "ReportTopic" ("reportId", "topicSlug", origin, score, rank, "createdAt")
       SELECT $1, s, o::"TagOrigin", sc, rk, $2::timestamp FROM unnest($19::text[], $20::text[], $21::float8[], $22::int[]) AS x(s, o, sc, rk)
     ), bands AS (
       INSERT INTO "ReportBand" ("bandKey", "reportId", "createdAt") SELECT DISTINCT k, $1, $24::timestamp FROM unnest($23::text[]) AS k
       ON CONFLICT DO NOTHING
     )
     UPDATE "Report" SET status = 'analysed', "analysedAt" = $2::timestamp, "analysisVersion" = $3, language = $4,
        "redactedContent" = $5, "redactedProposal" = $6, redactions = $7::jsonb, "topicSlug" = $8, "topicDisagreement" = $9,
        "textMood" = $10::"Mood", "moodScore" = $11, "finalMood" = $12::"Mood", "urgencyScore" = $13,
        "urgencyLevel" = $14::"UrgencyLevel", "urgencyReasons" = $15::jsonb, "issueGroupId" = $16, "groupSimilarity" = $17,
        "groupSuggested" = $18
      WHERE id = $1`,
    [
      reportId,
      f.analysedAt.toISOString(),
      f.analysisVersion,
      f.language,
      f.redactedContent,
      f.redactedProposal,
      JSON.stringify(f.redactions),
      f.topicSlug,
      f.topicDisagreement,
      f.textMood,
      f.moodScore,
      f.finalMood,
      f.urgencyScore,
      f.urgencyLevel,
      JSON.stringify(f.urgencyReasons),
      f.issueGroupId,
      f.groupSimilarity,
      f.groupSuggested,
      t.map((x) => x.topicSlug),
      t.map((x) => x.origin),
      t.map((x) => x.score),
      t.map((x) => x.rank),
      [...extra.bandKeys],
      extra.bandsAt.toISOString(),
    ],
  );
}

/** Records a leader's topic for a report: one `leader` tag per report, and the report's topic. */
export async function writeLeaderTopic(sql: Sql, c: { reportId: number; topicSlug: string; leaderId: number; at: Date }): Promise<void> {
  await sql.query(`DELETE FROM "ReportTopic" WHERE "reportId" = $1 AND origin = 'leader'`, [c.reportId]);
  await sql.query(
    `INSERT INTO "ReportTopic" ("reportId", "topicSlug", origin, score, rank, "createdById", "createdAt") VALUES ($1, $2, 'leader', 1, 0, $3, $4::timestamp)`,
    [c.reportId, c.topicSlug, c.leaderId, c.at.toISOString()],
  );
  await sql.query(`UPDATE "Report" SET "topicSlug" = $2, "topicDisagreement" = false WHERE id = $1`, [c.reportId, c.topicSlug]);
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
export async function activeModel(prisma: PrismaClient, kind: string): Promise<StoredModel | null> {
  return prisma.modelVersion.findFirst({
    where: { kind, active: true },
    orderBy: { id: 'desc' },
    select: { id: true, version: true, model: true },
  });
}

/** The version string of the newest active model (a cheap check for cache invalidation). */
export async function activeModelVersion(prisma: PrismaClient, kind: string): Promise<string | null> {
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
