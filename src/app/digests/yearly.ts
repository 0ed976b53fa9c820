/**
 * Yearly unit activity for a leader's subtree: per unit, reports, collaborators who
 * reported, active members, and weeks (Monday-based, in the leader unit's zone) with at
 * least one report, from the digest read model; feeds `/digest year` and the CLI's CSV.
 */
import type { UnitActivityRow, YearlyActivity } from '../../domain/digest/yearly.js';
import { calendarWindow } from '../../domain/digest/periods.js';
import { addDays, daysBetween, isoWeekday, localDateOf, type LocalDate } from '../../domain/zoned-time.js';
import type { Unit } from '../../domain/types.js';
import type { DigestReadModel } from './ports.js';

/** Monday-weeks touched from Jan 1 up to `last` (inclusive). */
export function weeksTouched(year: number, last: LocalDate): number {
  const jan1 = { y: year, m: 1, d: 1 };
  const monday = addDays(jan1, 1 - isoWeekday(jan1));
  return Math.floor(daysBetween(monday, last) / 7) + 1;
}

/** Builds the yearly activity table of a unit's subtree for `year` (up to `now` for the current year). */
export async function buildYearlyActivity(read: Pick<DigestReadModel, 'yearlyActivity'>, unit: Unit, year: number, now: Date): Promise<YearlyActivity> {
  const w = calendarWindow('year', { y: year, m: 1, d: 1 }, unit.timezone);
  const to = now.getTime() < w.to.getTime() ? now : w.to;
  const rows = await read.yearlyActivity(unit.id, w.from, to, unit.timezone);
  const lastDay = localDateOf(new Date(to.getTime() - 1), unit.timezone);
  const mapped: UnitActivityRow[] = rows.map((r) => ({
    unitId: r.id, name: r.name, depth: r.depth, reports: r.reports, activeCollaborators: r.active, members: r.members, weeksWithReports: r.weeks,
  }));
  return { unit: { id: unit.id, name: unit.name }, year, weeks: weeksTouched(year, lastDay), rows: mapped };
}
