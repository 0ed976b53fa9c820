/**
 * Issue groups and the LSH band index, in raw SQL on the analysis hot path (Prisma costs
 * ~1.5 ms of CPU per query here; these run a dozen times per report). Every write takes the
 * transaction's executor: the analysis writes a report, its bands and its group in one
 * transaction. Counters are recomputed from membership (never incremented), so a retried or
 * repeated job cannot double-count. Timestamps are passed as UTC ISO strings and read back
 * `AT TIME ZONE 'UTC'`, so the process time zone never shifts them.
 */
import type { PrismaClient } from '../generated/client.js';
import type { SqlExecutor } from '../sql.js';
import { MOODS, type Mood } from '../../domain/vocabulary.js';

/** The statement runner of a transaction (or of the pool, outside one). */
export type Sql = Pick<SqlExecutor, 'query'>;

/** Advisory-lock class id of band locks. */
const BAND_LOCK_CLASS = 0x505501;
/** `now()` as the UTC `timestamp(3)` Prisma stores. */
export const NOW_UTC = `(now() AT TIME ZONE 'UTC')`;

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
export async function lockBands(sql: Sql, bandKeys: readonly string[]): Promise<void> {
  const keys = [...new Set(bandKeys.map(bandLockKey))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  await sql.query(`SELECT count(pg_advisory_xact_lock(${BAND_LOCK_CLASS}, k))::int AS n FROM (SELECT unnest($1::int[]) AS k ORDER BY 1) s`, [keys]);
}

/**
 * Candidates by band key within the window: at most `perBand` newest rows per key (an
 * index range scan on (bandKey, createdAt)), so the cost does not grow with the store.
 * Only members of open groups last seen inside the window qualify. The report and group
 * look-ups are LATERAL … LIMIT 1 on purpose: primary-key probes whatever the statistics say
 * (with stale statistics the planner hashed every analysed report for each query).
 */
export async function findCandidates(
  sql: Sql,
  q: { bandKeys: readonly string[]; since: Date; excludeReportId: number; perBand?: number; limit?: number },
): Promise<CandidateRow[]> {
  if (q.bandKeys.length === 0) return [];
  return sql.query<CandidateRow>(
    `SELECT r.id AS "reportId", r."issueGroupId" AS "groupId", coalesce(r."redactedContent", '') AS text, count(*)::int AS shared
       FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT b."reportId" FROM "ReportBand" b
          WHERE b."bandKey" = k.key AND b."createdAt" >= $2::timestamp AND b."reportId" <> $3
          ORDER BY b."createdAt" DESC LIMIT $4) h
       CROSS JOIN LATERAL (
         SELECT r.id, r."issueGroupId", r."redactedContent" FROM "Report" r
          WHERE r.id = h."reportId" AND r.status = 'analysed' LIMIT 1) r
       CROSS JOIN LATERAL (
         SELECT g.id FROM "IssueGroup" g
          WHERE g.id = r."issueGroupId" AND g.status = 'open' AND g."lastSeenAt" >= $2::timestamp LIMIT 1) g
      GROUP BY r.id, r."issueGroupId", r."redactedContent"
      ORDER BY shared DESC, r.id DESC
      LIMIT $5`,
    [[...q.bandKeys], q.since.toISOString(), q.excludeReportId, q.perBand ?? 20, q.limit ?? 12],
  );
}

/** A group's first member, so that a new group is written complete in one statement. */
export interface FirstMember {
  title: string;
  topTerms: string[];
  mainTopic: string | null;
  mood: Mood;
  at: Date;
}

/** Opens a group around its first report with its counters already right (1 report, 1 unit). */
export async function createGroup(sql: Sql, g: FirstMember): Promise<number> {
  const moodMix = Object.fromEntries(MOODS.map((m) => [m, m === g.mood ? 1 : 0]));
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO "IssueGroup" (title, "mainTopic", "topTerms", "reportCount", "unitCount", "moodMix", "firstSeenAt", "lastSeenAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3::text[], 1, 1, $4::jsonb, $5::timestamp, $5::timestamp, ${NOW_UTC}, ${NOW_UTC}) RETURNING id`,
    [g.title, g.mainTopic, g.topTerms, JSON.stringify(moodMix), g.at.toISOString()],
  );
  return (rows[0] as { id: number }).id;
}

/** Row-locks groups (sorted by id) for the rest of the transaction; returns those that exist. */
export async function lockGroups(sql: Sql, ids: readonly number[]): Promise<{ id: number; status: string; titleEdited: boolean }[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return sql.query(`SELECT id, status::text AS status, "titleEdited" FROM "IssueGroup" WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [sorted]);
}

/**
 * Recomputes counters, units, mood mix, first/last seen and main topic of a group from its
 * analysed members, in one statement. Returns the new count and whether the title is a
 * person's (kept as is).
 */
export async function refreshCounters(sql: Sql, groupId: number): Promise<{ n: number; titleEdited: boolean; status: string } | null> {
  const rows = await sql.query<{ n: number; titleEdited: boolean; status: string }>(
    `UPDATE "IssueGroup" g SET
        "reportCount" = a.n, "unitCount" = a.units,
        "firstSeenAt" = coalesce(a.first, g."firstSeenAt"), "lastSeenAt" = coalesce(a.last, g."lastSeenAt"),
        "moodMix" = a.moods, "mainTopic" = coalesce(a.topic, g."mainTopic"), "updatedAt" = ${NOW_UTC}
       FROM (SELECT count(*)::int AS n, count(DISTINCT "unitId")::int AS units, min("createdAt") AS first, max("createdAt") AS last,
                    jsonb_build_object(
                      'supportive', count(*) FILTER (WHERE "finalMood" = 'supportive'),
                      'neutral', count(*) FILTER (WHERE "finalMood" = 'neutral'),
                      'skeptical', count(*) FILTER (WHERE "finalMood" = 'skeptical'),
                      'worried', count(*) FILTER (WHERE "finalMood" = 'worried'),
                      'angry', count(*) FILTER (WHERE "finalMood" = 'angry')) AS moods,
                    mode() WITHIN GROUP (ORDER BY "topicSlug") AS topic
               FROM "Report" WHERE "issueGroupId" = $1 AND status = 'analysed') a
      WHERE g.id = $1
      RETURNING a.n AS n, g."titleEdited" AS "titleEdited", g.status::text AS status`,
    [groupId],
  );
  return rows[0] ?? null;
}

/** The newest members' redacted texts (for the title), oldest first. */
export async function memberTexts(sql: Sql, groupId: number, take = 40): Promise<string[]> {
  const rows = await sql.query<{ t: string | null }>(
    `SELECT "redactedContent" AS t FROM "Report" WHERE "issueGroupId" = $1 AND status = 'analysed' ORDER BY id DESC LIMIT $2`,
    [groupId, take],
  );
  return rows.reverse().map((r) => r.t ?? '');
}

/** Writes a group's title and top terms. */
export async function writeLabel(sql: Sql, groupId: number, label: { title: string; topTerms: string[] }): Promise<void> {
  await sql.query(`UPDATE "IssueGroup" SET title = $2, "topTerms" = $3::text[] WHERE id = $1`, [groupId, label.title, label.topTerms]);
}

/** Sets a group's status (closing an emptied group, merging, reopening). */
export async function setGroupStatus(sql: Sql, groupId: number, status: 'open' | 'closed' | 'merged', mergedIntoId: number | null = null): Promise<void> {
  await sql.query(`UPDATE "IssueGroup" SET status = $2::"IssueGroupStatus", "mergedIntoId" = $3, "updatedAt" = ${NOW_UTC} WHERE id = $1`, [
    groupId,
    status,
    mergedIntoId,
  ]);
}

/**
 * Reports and distinct units of a group in [since, until] inside the subtree of the report's
 * own unit, counting the report being analysed (`self`) as a member even before it is written:
 * the "group growth" urgency input. Only the subtree counts, because the score and its reasons
 * are shown to the leaders of that unit and above, who may not see a sibling's reports; spread
 * across siblings raises the fast-spread alert of their common ancestor instead.
 */
export async function groupGrowth(
  sql: Sql,
  q: { groupId: number; since: Date; until: Date; self: { id: number; unitId: number } },
): Promise<{ reports: number; units: number }> {
  const rows = await sql.query<{ reports: number; units: number }>(
    `SELECT (count(*) + 1)::int AS reports,
            (count(DISTINCT "unitId") + CASE WHEN coalesce(bool_or("unitId" = $4), false) THEN 0 ELSE 1 END)::int AS units
       FROM "Report"
      WHERE "issueGroupId" = $1 AND status = 'analysed' AND "createdAt" >= $2::timestamp AND "createdAt" <= $3::timestamp AND id <> $5
        AND "unitId" IN (SELECT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = $4)`,
    [q.groupId, q.since.toISOString(), q.until.toISOString(), q.self.unitId, q.self.id],
  );
  return rows[0] ?? { reports: 1, units: 1 };
}

/** The largest open groups with their units' names (dashboard and demo). */
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
