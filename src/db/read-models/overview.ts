/**
 * The dashboard's overview (the OverviewReads port): volume, mood and topics per day (week,
 * month), change against the previous period, live alerts and silent units and collaborators,
 * all inside the viewer's scope and aggregated in PostgreSQL. The period's figures come from
 * one pass over both windows on the covering index Report_overview_idx (an index-only scan);
 * distinct people and units from a second. The subtree's unit ids are resolved once and
 * matched with `= ANY(…)` (index scans; see digests/queries.ts).
 */
import type { OverviewData, OverviewReads, Period } from '../../app/dashboard/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import { scopeUnitIds } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query' | 'transaction'>;

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const LIVE = `r.status <> 'withdrawn'`;
const IN_UNITS = `($1::int[] IS NULL OR r."unitId" = ANY($1::int[]))`;
// $1 unit ids (null = all), $2 from, $3 to, $4 previous from (the previous window ends at $2).
const CUR = `r."createdAt" >= ${ts(2)}`;
const WINDOWS = `${IN_UNITS} AND ${LIVE} AND r."createdAt" >= ${ts(4)} AND r."createdAt" < ${ts(3)}`;

/**
 * One aggregation with room to hash its groups in memory: the planner cannot estimate how few
 * (day, mood, topic) groups there are and would otherwise sort the period's rows on disk.
 */
function withWorkMem<T>(sql: Sql, query: string, params: unknown[]): Promise<T[]> {
  return sql.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '32MB'`);
    return tx.query<T>(query, params);
  });
}

async function periodFigures(sql: Sql, units: number[] | null, p: Period) {
  const bucket = `to_char(date_trunc('${p.bucket}', (r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $5), 'YYYY-MM-DD')`;
  const params = [units, p.from.toISOString(), p.to.toISOString(), p.prevFrom.toISOString()];
  const [cells, people] = await Promise.all([
    withWorkMem<{ cur: boolean; day: string | null; mood: string | null; topic: string; n: number }>(
      sql,
      `SELECT ${CUR} AS cur, CASE WHEN ${CUR} THEN ${bucket} END AS day, COALESCE(r."finalMood", r.mood)::text AS mood,
              COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, count(*)::int AS n
         FROM "Report" r WHERE ${WINDOWS} GROUP BY 1, 2, 3, 4`,
      [...params, p.timezone],
    ),
    withWorkMem<{ cur: boolean; members: number; units: number }>(
      sql,
      `SELECT ${CUR} AS cur, count(DISTINCT r."memberId")::int AS members, count(DISTINCT r."unitId")::int AS units
         FROM "Report" r WHERE ${WINDOWS} GROUP BY 1`,
      params,
    ),
  ]);
  return { cells, people };
}

/** Sums `n` by a key of each cell. */
function sumBy<T extends { n: number }>(rows: T[], key: (r: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
}

/**
 * The scope's unit ids, or null when the subtree holds every unit (a leader of the only root):
 * the same rows without matching each one against a thousand ids.
 */
async function unitFilter(sql: Sql, scope: Scope): Promise<number[] | null> {
  const ids = await scopeUnitIds(sql, scope);
  if (ids === null) return null;
  const [all] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Unit"`);
  return ids.length === all!.n ? null : ids;
}

async function overview(sql: Sql, scope: Scope, p: Period, silentSince: Date): Promise<OverviewData> {
  const units = await unitFilter(sql, scope);
  const [{ cells, people }, alerts, silentUnits, silentMembers] = await Promise.all([
    periodFigures(sql, units, p),
    sql.query<{ level: string; n: number }>(
      `SELECT a.level::text AS level, count(*)::int AS n FROM "Alert" a
        WHERE a.status IN ('open', 'acknowledged') AND ($1::int[] IS NULL OR a."unitId" = ANY($1::int[])) GROUP BY 1`,
      [units],
    ),
    sql.query<{ id: number; name: string; lastReportAt: Date | null; total: number }>(
      `SELECT u.id, u.name, (last.at AT TIME ZONE 'UTC') AS "lastReportAt", count(*) OVER ()::int AS total
         FROM "Unit" u
         LEFT JOIN LATERAL (SELECT r."createdAt" AS at FROM "Report" r WHERE r."unitId" = u.id AND ${LIVE} ORDER BY r."createdAt" DESC LIMIT 1) last ON true
        WHERE u.active AND ($1::int[] IS NULL OR u.id = ANY($1::int[]))
          AND EXISTS (SELECT 1 FROM "Member" m WHERE m."unitId" = u.id AND m.role = 'collaborator' AND m.active)
          AND (last.at IS NULL OR last.at < ${ts(2)})
        ORDER BY last.at NULLS FIRST, u.id LIMIT 10`,
      [units, silentSince.toISOString()],
    ),
    sql.query<{ id: number; name: string; unitName: string; lastReportAt: Date | null; total: number }>(
      `SELECT m.id, m."displayName" AS name, u.name AS "unitName", (m."lastReportAt" AT TIME ZONE 'UTC') AS "lastReportAt", count(*) OVER ()::int AS total
         FROM "Member" m JOIN "Unit" u ON u.id = m."unitId"
        WHERE m.role = 'collaborator' AND m.active AND ($1::int[] IS NULL OR m."unitId" = ANY($1::int[]))
          AND (m."lastReportAt" IS NULL OR m."lastReportAt" < ${ts(2)})
        ORDER BY m."lastReportAt" NULLS FIRST, m.id LIMIT 10`,
      [units, silentSince.toISOString()],
    ),
  ]);
  const current = cells.filter((c) => c.cur);
  const previous = cells.filter((c) => !c.cur);
  const cur = people.find((x) => x.cur);
  const prev = people.find((x) => !x.cur);
  const sep = '\u0000';
  const pairs = (m: Map<string, number>) => [...m.entries()].map(([k, n]) => [...(k.split(sep) as [string, string]), n] as const);
  const topicNow = sumBy(current, (c) => c.topic);
  const topicBefore = sumBy(previous, (c) => c.topic);
  return {
    totals: {
      reports: current.reduce((a, c) => a + c.n, 0),
      prevReports: previous.reduce((a, c) => a + c.n, 0),
      members: cur?.members ?? 0,
      prevMembers: prev?.members ?? 0,
      units: cur?.units ?? 0,
      prevUnits: prev?.units ?? 0,
    },
    daily: pairs(sumBy(current, (c) => `${c.day}${sep}${c.mood ?? 'unknown'}`)).map(([day, mood, n]) => ({ day, mood, n })),
    dailyTopics: pairs(sumBy(current, (c) => `${c.day}${sep}${c.topic}`)).map(([day, topic, n]) => ({ day, topic, n })),
    topics: [...new Set([...topicNow.keys(), ...topicBefore.keys()])]
      .map((topic) => ({ topic, n: topicNow.get(topic) ?? 0, prev: topicBefore.get(topic) ?? 0 }))
      .sort((a, b) => b.n - a.n || b.prev - a.prev || a.topic.localeCompare(b.topic)),
    openAlerts: alerts,
    silentUnits: silentUnits.map(({ total: _t, ...u }) => u),
    silentUnitCount: silentUnits[0]?.total ?? 0,
    silentMembers: silentMembers.map(({ total: _t, ...m }) => m),
    silentMemberCount: silentMembers[0]?.total ?? 0,
  };
}

export function createOverviewReads(sql: Sql): OverviewReads {
  return { overview: (scope, p, silentSince) => overview(sql, scope, p, silentSince) };
}
