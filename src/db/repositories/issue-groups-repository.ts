/**
 * Issue groups and the LSH band index. Every write takes a transaction client: the analysis
 * writes a report, its bands and its group in one transaction. Counters are recomputed from
 * membership (never incremented), so a retried or repeated job cannot double-count.
 */
import type { Prisma, PrismaClient } from '../generated/client.js';
import { MOODS, type Mood } from '../../domain/vocabulary.js';

/** A Prisma client or an interactive transaction client. */
export type Tx = Prisma.TransactionClient | PrismaClient;

/** Advisory-lock class id of band locks ('PU' + 1). */
const BAND_LOCK_CLASS = 0x5055_01;

/** A report sharing band keys with the one being analysed, in an open group of the window. */
export interface CandidateRow {
  reportId: number;
  groupId: number;
  text: string;
  shared: number;
}

/** What a list/summary shows of a group. */
export interface IssueGroupSummary {
  id: number;
  title: string;
  mainTopic: string | null;
  status: string;
  reportCount: number;
  unitCount: number;
  units: string[];
  moodMix: Partial<Record<Mood, number>>;
  topTerms: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** 32-bit signed lock key of a band key (FNV-1a). */
export function bandLockKey(bandKey: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bandKey.length; i += 1) h = Math.imul(h ^ bandKey.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Serialises analyses that share any band (so two similar reports analysed at once cannot
 * each open a group). Keys are taken in sorted order to avoid deadlocks; released at commit.
 */
export async function lockBands(tx: Tx, bandKeys: readonly string[]): Promise<void> {
  const keys = [...new Set(bandKeys.map(bandLockKey))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  await tx.$queryRawUnsafe(
    `SELECT count(pg_advisory_xact_lock(${BAND_LOCK_CLASS}, k))::int AS n FROM (SELECT unnest($1::int[]) AS k ORDER BY 1) s`,
    keys,
  );
}

/**
 * Candidates by band key within the window: at most `perBand` newest rows per key (an
 * index range scan on (bandKey, createdAt)), so the cost does not grow with the store.
 * Only members of open groups last seen inside the window qualify.
 */
export async function findCandidates(
  tx: Tx,
  q: { bandKeys: readonly string[]; since: Date; excludeReportId: number; perBand?: number; limit?: number },
): Promise<CandidateRow[]> {
  if (q.bandKeys.length === 0) return [];
  return tx.$queryRawUnsafe<CandidateRow[]>(
    `SELECT r.id AS "reportId", r."issueGroupId" AS "groupId", coalesce(r."redactedContent", '') AS text, count(*)::int AS shared
       FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT b."reportId" FROM "ReportBand" b
          WHERE b."bandKey" = k.key AND b."createdAt" >= $2 AND b."reportId" <> $3
          ORDER BY b."createdAt" DESC LIMIT $4) h
       JOIN "Report" r ON r.id = h."reportId"
       JOIN "IssueGroup" g ON g.id = r."issueGroupId"
      WHERE g.status = 'open' AND g."lastSeenAt" >= $2 AND r.status = 'analysed'
      GROUP BY r.id
      ORDER BY shared DESC, r.id DESC
      LIMIT $5`,
    [...q.bandKeys],
    q.since,
    q.excludeReportId,
    q.perBand ?? 20,
    q.limit ?? 12,
  );
}

/** Replaces a report's band keys (idempotent). */
export async function replaceBands(tx: Tx, reportId: number, bandKeys: readonly string[], createdAt: Date): Promise<void> {
  await tx.reportBand.deleteMany({ where: { reportId } });
  if (bandKeys.length === 0) return;
  await tx.reportBand.createMany({
    data: [...new Set(bandKeys)].map((bandKey) => ({ bandKey, reportId, createdAt })),
    skipDuplicates: true,
  });
}

/** Opens a group around its first report (counters are filled by `recomputeGroup`). */
export async function createGroup(tx: Tx, g: { title: string; mainTopic: string | null; at: Date }): Promise<number> {
  const row = await tx.issueGroup.create({
    data: { title: g.title, mainTopic: g.mainTopic, firstSeenAt: g.at, lastSeenAt: g.at, topTerms: [] },
    select: { id: true },
  });
  return row.id;
}

/** Row-locks groups (sorted by id) for the rest of the transaction; returns those that exist. */
export async function lockGroups(tx: Tx, ids: readonly number[]): Promise<{ id: number; status: string; titleEdited: boolean }[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return tx.$queryRawUnsafe(
    `SELECT id, status::text AS status, "titleEdited" FROM "IssueGroup" WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    sorted,
  );
}

interface Aggregate {
  n: number;
  units: number;
  first: Date | null;
  last: Date | null;
  moods: Record<string, number> | null;
  topic: string | null;
}

/** Counters, units, mood mix, first/last seen and main topic of a group, from its members. */
export async function aggregateGroup(tx: Tx, groupId: number): Promise<Aggregate> {
  const rows = await tx.$queryRawUnsafe<Aggregate[]>(
    `SELECT count(*)::int AS n, count(DISTINCT "unitId")::int AS units, min("createdAt") AS first, max("createdAt") AS last,
            (SELECT json_object_agg(m, c) FROM (SELECT "finalMood"::text AS m, count(*)::int AS c FROM "Report"
               WHERE "issueGroupId" = $1 AND status = 'analysed' AND "finalMood" IS NOT NULL GROUP BY 1) mm) AS moods,
            (SELECT "topicSlug" FROM "Report" WHERE "issueGroupId" = $1 AND status = 'analysed' AND "topicSlug" IS NOT NULL
               GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS topic
       FROM "Report" WHERE "issueGroupId" = $1 AND status = 'analysed'`,
    groupId,
  );
  return rows[0] as Aggregate;
}

/** The newest members' redacted texts (for the title), oldest first. */
export async function memberTexts(tx: Tx, groupId: number, take = 40): Promise<string[]> {
  const rows = await tx.report.findMany({
    where: { issueGroupId: groupId, status: 'analysed' },
    orderBy: { id: 'desc' },
    take,
    select: { redactedContent: true },
  });
  return rows.reverse().map((r) => r.redactedContent ?? '');
}

/** Writes recomputed counters (and a new label unless the title was edited by a person). */
export async function writeGroupState(
  tx: Tx,
  groupId: number,
  agg: Aggregate,
  label: { title: string; topTerms: string[] } | null,
): Promise<void> {
  const moodMix = Object.fromEntries(MOODS.map((m) => [m, agg.moods?.[m] ?? 0]));
  await tx.issueGroup.update({
    where: { id: groupId },
    data: {
      reportCount: agg.n,
      unitCount: agg.units,
      moodMix,
      mainTopic: agg.topic,
      ...(agg.first && agg.last ? { firstSeenAt: agg.first, lastSeenAt: agg.last } : {}),
      ...(label ? { title: label.title, topTerms: label.topTerms } : {}),
    },
  });
}

/**
 * Reports and distinct units of a group in [since, until], counting the report being analysed
 * (`self`) as a member even before it is written: the "group growth" urgency input.
 */
export async function groupGrowth(
  tx: Tx,
  q: { groupId: number; since: Date; until: Date; self: { id: number; unitId: number } },
): Promise<{ reports: number; units: number }> {
  const rows = await tx.$queryRawUnsafe<{ reports: number; units: number }[]>(
    `SELECT (count(*) + 1)::int AS reports,
            (count(DISTINCT "unitId") + CASE WHEN coalesce(bool_or("unitId" = $4), false) THEN 0 ELSE 1 END)::int AS units
       FROM "Report"
      WHERE "issueGroupId" = $1 AND status = 'analysed' AND "createdAt" >= $2 AND "createdAt" <= $3 AND id <> $5`,
    q.groupId,
    q.since,
    q.until,
    q.self.unitId,
    q.self.id,
  );
  return rows[0] ?? { reports: 1, units: 1 };
}

/** The largest recent groups with their units' names (dashboard and demo). */
export async function listGroups(prisma: PrismaClient, opts: { limit?: number; status?: 'open' | 'closed' } = {}): Promise<IssueGroupSummary[]> {
  const groups = await prisma.issueGroup.findMany({
    where: { status: opts.status ?? 'open', reportCount: { gt: 0 } },
    orderBy: [{ reportCount: 'desc' }, { lastSeenAt: 'desc' }],
    take: opts.limit ?? 20,
  });
  const units = await prisma.$queryRawUnsafe<{ groupId: number; name: string }[]>(
    `SELECT DISTINCT r."issueGroupId" AS "groupId", u.name FROM "Report" r JOIN "Unit" u ON u.id = r."unitId"
      WHERE r."issueGroupId" = ANY($1::int[]) AND r.status = 'analysed' ORDER BY 2`,
    groups.map((g) => g.id),
  );
  return groups.map((g) => ({
    id: g.id,
    title: g.title,
    mainTopic: g.mainTopic,
    status: g.status,
    reportCount: g.reportCount,
    unitCount: g.unitCount,
    units: units.filter((u) => u.groupId === g.id).map((u) => u.name),
    moodMix: (g.moodMix ?? {}) as Partial<Record<Mood, number>>,
    topTerms: g.topTerms,
    firstSeenAt: g.firstSeenAt,
    lastSeenAt: g.lastSeenAt,
  }));
}
