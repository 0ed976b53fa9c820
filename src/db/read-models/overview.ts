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
import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../../domain/zoned-time.js';

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

type Cell = { cur: boolean; day: string | null; mood: string | null; topic: string; n: number };
type People = { cur: boolean; members: number; units: number };

/** The advisory lock of kept overview days: exclusive while days are computed, shared by the trigger on Report. */
const DAYS_LOCK = `${0x505503}, 0`;
/**
 * A local day is kept once it ended more than 25 hours ago by the database's clock: the trigger
 * deletes a kept day when a report created more than a day ago changes (db migration
 * overview_days), so every report of a kept day is in the trigger's reach, with an hour to spare.
 */
const KEEP_AFTER_MS = 25 * 3600_000;

const isoDate = (d: LocalDate) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/**
 * The period's (day, mood, topic) cells and distinct people. The days of both windows that are
 * closed come from OverviewDay/OverviewCell (computed once per scope and time zone, then kept
 * until a report of the day changes); the last day or two are read from the reports. A root's
 * year is then ~25k kept cells instead of a million reports.
 */
async function periodFigures(sql: Sql, scope: Scope, units: number[] | null, p: Period) {
  const scopeKey = scope.kind === 'all' ? 0 : scope.unitId;
  const [{ now }] = (await sql.query<{ now: Date }>(`SELECT now() AS now`)) as [{ now: Date }];
  // [prevFrom, split) is kept, [split, to) read live; split is a local midnight
  const lastClosed = Math.min(p.to.getTime(), now.getTime() - KEEP_AFTER_MS);
  let split = startOfLocalDay(localDateOf(new Date(lastClosed), p.timezone), p.timezone);
  if (split < p.prevFrom) split = p.prevFrom;
  const days: string[] = [];
  for (let d = localDateOf(p.prevFrom, p.timezone); startOfLocalDay(d, p.timezone) < split; d = addDays(d, 1)) days.push(isoDate(d));
  const fromDay = isoDate(localDateOf(p.from, p.timezone));
  const bucket = (col: string) => `to_char(date_trunc('${p.bucket}', ${col}), 'YYYY-MM-DD')`;
  const live = `${IN_UNITS} AND ${LIVE} AND r."createdAt" >= ${ts(4)} AND r."createdAt" < ${ts(3)}`;
  const [kept, recent, [{ members }]] = await Promise.all([
    days.length ? keptCells(sql, scopeKey, units, p, days, fromDay, bucket) : Promise.resolve([] as Cell[]),
    split < p.to
      ? withWorkMem<Cell>(
          sql,
          `SELECT ${CUR} AS cur, CASE WHEN ${CUR} THEN ${bucket(`((r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $5)`)} END AS day,
                  COALESCE(r."finalMood", r.mood)::text AS mood, COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, count(*)::int AS n
             FROM "Report" r WHERE ${live} GROUP BY 1, 2, 3, 4`,
          [units, p.from.toISOString(), p.to.toISOString(), split.toISOString(), p.timezone],
        )
      : Promise.resolve([] as Cell[]),
    sql.query<{ members: number }>(`SELECT count(*)::int AS members FROM "Member"`) as Promise<[{ members: number }]>,
  ]);
  const cells = [...kept, ...recent];
  const reports = cells.reduce((a, c) => a + c.n, 0);
  return { cells, people: await distinctPeople(sql, units, p, reports > PROBE_AFTER * members) };
}

/**
 * Above this many reports per member in the two windows, distinct people are found by one
 * index probe per member rather than by reading the reports (bench/dashboard.ts, 1M reports,
 * 9,600 members: the probes take ~100 ms whatever the period; the scan ~45 ms for two weeks of
 * reports, ~200 ms for two months).
 */
const PROBE_AFTER = 8;

/** The kept cells of `days` (local dates), computing and keeping the days not kept yet. */
async function keptCells(sql: Sql, scopeKey: number, units: number[] | null, p: Period, days: string[], fromDay: string, bucket: (col: string) => string): Promise<Cell[]> {
  const first = days[0]!;
  const end = isoDate(addDays(parseDate(days.at(-1)!), 1));
  const missing = async (q: Pick<SqlExecutor, 'query'>) =>
    (
      await q.query<{ day: string }>(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series($3::date, $4::date - 1, interval '1 day') d
          WHERE NOT EXISTS (SELECT 1 FROM "OverviewDay" o WHERE o.scope = $1 AND o.timezone = $2 AND o.day = d::date)`,
        [scopeKey, p.timezone, first, end],
      )
    ).map((r) => r.day);
  if ((await missing(sql)).length > 0) {
    await sql.transaction(async (tx) => {
      // waits for changes to old reports in flight; later ones wait for this to commit, then delete what it keeps
      await tx.query(`SELECT pg_advisory_xact_lock(${DAYS_LOCK})`);
      const todo = await missing(tx);
      if (todo.length === 0) return;
      await tx.query(`SET LOCAL work_mem = '32MB'`);
      const lo = startOfLocalDay(parseDate(todo[0]!), p.timezone);
      const hi = startOfLocalDay(addDays(parseDate(todo.at(-1)!), 1), p.timezone);
      await tx.query(`INSERT INTO "OverviewDay" (scope, timezone, day) SELECT $1, $2, unnest($3::date[]) ON CONFLICT DO NOTHING`, [scopeKey, p.timezone, todo]);
      await tx.query(
        `INSERT INTO "OverviewCell" (scope, timezone, day, mood, topic, n)
         SELECT $5, $4, c.day, c.mood, c.topic, c.n FROM (
           SELECT ((r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $4)::date AS day, COALESCE(COALESCE(r."finalMood", r.mood)::text, 'unknown') AS mood,
                  COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, count(*)::int AS n
             FROM "Report" r WHERE ${IN_UNITS} AND ${LIVE} AND r."createdAt" >= ${ts(2)} AND r."createdAt" < ${ts(3)} GROUP BY 1, 2, 3) c
          WHERE c.day = ANY($6::date[])
         ON CONFLICT DO NOTHING`,
        [units, lo.toISOString(), hi.toISOString(), p.timezone, scopeKey, todo],
      );
    });
  }
  return sql.query<Cell>(
    `SELECT c.day >= $5::date AS cur, CASE WHEN c.day >= $5::date THEN ${bucket('c.day::timestamp')} END AS day,
            NULLIF(c.mood, 'unknown') AS mood, c.topic, sum(c.n)::int AS n
       FROM "OverviewCell" c WHERE c.scope = $1 AND c.timezone = $2 AND c.day >= $3::date AND c.day < $4::date
      GROUP BY 1, 2, 3, 4`,
    [scopeKey, p.timezone, first, end, fromDay],
  );
}

const parseDate = (iso: string): LocalDate => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};

/**
 * Distinct collaborators and units who reported in each window. For every unit (the root's
 * view) over many reports, one index probe per member and per unit
 * (Report_memberId_createdAt_idx, Report_unitId_createdAt_idx): the cost follows the people, not
 * the period's reports. Otherwise (a subtree, or few reports) the scan of the reports.
 */
async function distinctPeople(sql: Sql, units: number[] | null, p: Period, probe: boolean): Promise<People[]> {
  const params = [units, p.from.toISOString(), p.to.toISOString(), p.prevFrom.toISOString()];
  if (units === null && probe) {
    // $1 from, $2 to, $3 previous from
    const inWindow = (match: string, lo: number, hi: number) =>
      `EXISTS (SELECT 1 FROM "Report" r WHERE r.${match} AND ${LIVE} AND r."createdAt" >= ${ts(lo)} AND r."createdAt" < ${ts(hi)})`;
    const windows = (table: string, match: string) =>
      `SELECT count(*) FILTER (WHERE ${inWindow(match, 1, 2)})::int AS cur, count(*) FILTER (WHERE ${inWindow(match, 3, 1)})::int AS prev FROM ${table}`;
    const bounds = params.slice(1);
    const [[m], [u]] = (await Promise.all([
      sql.query<{ cur: number; prev: number }>(windows('"Member" m', '"memberId" = m.id'), bounds),
      sql.query<{ cur: number; prev: number }>(windows('"Unit" u', '"unitId" = u.id'), bounds),
    ])) as [[{ cur: number; prev: number }], [{ cur: number; prev: number }]];
    return [
      { cur: true, members: m.cur, units: u.cur },
      { cur: false, members: m.prev, units: u.prev },
    ];
  }
  return withWorkMem<People>(
    sql,
    `SELECT ${CUR} AS cur, count(DISTINCT r."memberId")::int AS members, count(DISTINCT r."unitId")::int AS units
       FROM "Report" r WHERE ${WINDOWS} GROUP BY 1`,
    params,
  );
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
    periodFigures(sql, scope, units, p),
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
