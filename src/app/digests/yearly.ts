/**
 * Yearly unit activity for a leader's subtree: per unit, reports, collaborators who
 * reported, active members, and weeks (Monday-based, in the leader unit's zone) with at
 * least one report. One aggregation query; feeds `/digest year` and the CLI's CSV.
 */
import type { SqlExecutor } from '../../db/sql.js';
import type { UnitActivityRow, YearlyActivity } from '../../domain/digest/yearly.js';
import { calendarWindow } from '../../domain/digest/periods.js';
import { addDays, daysBetween, isoWeekday, localDateOf, type LocalDate } from '../../domain/zoned-time.js';
import type { Unit } from '../../domain/types.js';

/** Monday-weeks touched from Jan 1 up to `last` (inclusive). */
export function weeksTouched(year: number, last: LocalDate): number {
  const jan1 = { y: year, m: 1, d: 1 };
  const monday = addDays(jan1, 1 - isoWeekday(jan1));
  return Math.floor(daysBetween(monday, last) / 7) + 1;
}

/** Builds the yearly activity table of a unit's subtree for `year` (up to `now` for the current year). */
export async function buildYearlyActivity(sql: Pick<SqlExecutor, 'query'>, unit: Unit, year: number, now: Date): Promise<YearlyActivity> {
  const w = calendarWindow('year', { y: year, m: 1, d: 1 }, unit.timezone);
  const to = now.getTime() < w.to.getTime() ? now : w.to;
  const rows = await sql.query<{ id: number; name: string; depth: number; reports: number; active: number; members: number; weeks: number }>(
    `WITH sub AS (SELECT "descendantId" AS id FROM "UnitClosure" WHERE "ancestorId" = $1),
          rep AS (SELECT "unitId", count(*)::int AS reports, count(DISTINCT "memberId")::int AS active,
                         count(DISTINCT date_trunc('week', ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $4))::int AS weeks
                    FROM "Report"
                   WHERE "unitId" IN (SELECT id FROM sub) AND status <> 'withdrawn'
                     AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
                   GROUP BY 1),
          mem AS (SELECT "unitId", count(*)::int AS members FROM "Member"
                   WHERE "unitId" IN (SELECT id FROM sub) AND active AND role <> 'admin' GROUP BY 1)
     SELECT u.id, u.name, u.depth, COALESCE(rep.reports, 0) AS reports, COALESCE(rep.active, 0) AS active,
            COALESCE(mem.members, 0) AS members, COALESCE(rep.weeks, 0) AS weeks
       FROM "Unit" u JOIN sub ON sub.id = u.id
       LEFT JOIN rep ON rep."unitId" = u.id LEFT JOIN mem ON mem."unitId" = u.id
      ORDER BY u.path`,
    [unit.id, w.from.toISOString(), to.toISOString(), unit.timezone],
  );
  const lastDay = localDateOf(new Date(to.getTime() - 1), unit.timezone);
  const mapped: UnitActivityRow[] = rows.map((r) => ({
    unitId: r.id, name: r.name, depth: r.depth, reports: r.reports, activeCollaborators: r.active, members: r.members, weeksWithReports: r.weeks,
  }));
  return { unit: { id: unit.id, name: unit.name }, year, weeks: weeksTouched(year, lastDay), rows: mapped };
}
