/**
 * The dashboard's overview (the OverviewReads port): volume, mood and topics per local day,
 * change against the previous period, live alerts and silent units and collaborators, all
 * inside the viewer's scope and aggregated in PostgreSQL. The subtree's unit ids are resolved
 * once and matched with `= ANY(…)` (index scans on (unitId, createdAt); see digests/queries.ts).
 */
import type { OverviewData, OverviewReads, Period } from '../../app/dashboard/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import { scopeUnitIds } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const LIVE = `r.status <> 'withdrawn'`;

async function overview(sql: Sql, scope: Scope, p: Period, silentSince: Date): Promise<OverviewData> {
  const units = await scopeUnitIds(sql, scope);
  // $1 unit ids (null = all), $2..$5 the windows (the daily figures: $2, $3 and the zone $4).
  const base = [units, p.from.toISOString(), p.to.toISOString(), p.prevFrom.toISOString(), p.prevTo.toISOString()];
  const inUnits = `($1::int[] IS NULL OR r."unitId" = ANY($1::int[]))`;
  const cur = `r."createdAt" >= ${ts(2)} AND r."createdAt" < ${ts(3)}`;
  const prev = `r."createdAt" >= ${ts(4)} AND r."createdAt" < ${ts(5)}`;
  const day = `to_char((r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $4, 'YYYY-MM-DD')`;
  const [totals, daily, topics, alerts, silentUnits, silentMembers] = await Promise.all([
    sql.query<OverviewData['totals']>(
      `SELECT count(*) FILTER (WHERE ${cur})::int AS reports, count(*) FILTER (WHERE ${prev})::int AS "prevReports",
              count(DISTINCT r."memberId") FILTER (WHERE ${cur})::int AS members, count(DISTINCT r."memberId") FILTER (WHERE ${prev})::int AS "prevMembers",
              count(DISTINCT r."unitId") FILTER (WHERE ${cur})::int AS units, count(DISTINCT r."unitId") FILTER (WHERE ${prev})::int AS "prevUnits"
         FROM "Report" r WHERE ${inUnits} AND ${LIVE} AND r."createdAt" >= ${ts(4)} AND r."createdAt" < ${ts(3)}`,
      base,
    ),
    sql.query<{ day: string; mood: string; topic: string; n: number }>(
      `SELECT ${day} AS day, COALESCE(r."finalMood", r.mood)::text AS mood, COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, count(*)::int AS n
         FROM "Report" r WHERE ${inUnits} AND ${LIVE} AND ${cur}
        GROUP BY 1, 2, 3 ORDER BY 1`,
      [units, p.from.toISOString(), p.to.toISOString(), p.timezone],
    ),
    sql.query<{ topic: string; n: number; prev: number }>(
      `SELECT COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, count(*) FILTER (WHERE ${cur})::int AS n, count(*) FILTER (WHERE ${prev})::int AS prev
         FROM "Report" r WHERE ${inUnits} AND ${LIVE} AND r."createdAt" >= ${ts(4)} AND r."createdAt" < ${ts(3)}
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      base,
    ),
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
  const moods = new Map<string, number>();
  const topicsByDay = new Map<string, number>();
  for (const r of daily) {
    const moodKey = `${r.day}\u0000${r.mood ?? 'unknown'}`;
    moods.set(moodKey, (moods.get(moodKey) ?? 0) + r.n);
    const topicKey = `${r.day}\u0000${r.topic}`;
    topicsByDay.set(topicKey, (topicsByDay.get(topicKey) ?? 0) + r.n);
  }
  const split = (m: Map<string, number>) => [...m.entries()].map(([k, n]) => ({ key: k.split('\u0000') as [string, string], n }));
  return {
    totals: totals[0]!,
    daily: split(moods).map(({ key, n }) => ({ day: key[0], mood: key[1], n })),
    dailyTopics: split(topicsByDay).map(({ key, n }) => ({ day: key[0], topic: key[1], n })),
    topics,
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
