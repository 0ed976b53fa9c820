/**
 * Yearly unit activity (the table a yearly evaluation of units needs): reports per unit,
 * active collaborators, and regularity = weeks with at least one report. Rendered for
 * `/digest year` in Telegram HTML and as CSV for the operators' CLI.
 */
import { escapeHtml, splitMessages } from './html.js';
import type { DigestT } from './render.js';

export interface UnitActivityRow {
  unitId: number;
  name: string;
  depth: number;
  reports: number;
  activeCollaborators: number;
  members: number;
  weeksWithReports: number;
}

export interface YearlyActivity {
  unit: { id: number; name: string };
  year: number;
  /** Weeks of the year elapsed by the end of the window (52 or 53 for a past year). */
  weeks: number;
  rows: UnitActivityRow[];
}

/** Regularity as a whole percentage of the elapsed weeks. */
export function regularity(row: UnitActivityRow, weeks: number): number {
  return weeks > 0 ? Math.round((row.weeksWithReports / weeks) * 100) : 0;
}

/** `/digest year`: one line per unit, indented by depth, split at 4,096 characters. */
export function renderYearlyMessages(y: YearlyActivity, t: DigestT): string[] {
  const head = `<b>${t('digest-year-title', { unit: escapeHtml(y.unit.name), year: String(y.year) })}</b>\n${t('digest-year-legend', { weeks: y.weeks })}`;
  const base = Math.min(...y.rows.map((r) => r.depth), 0);
  const lines = y.rows.map((r) => {
    const indent = '  '.repeat(Math.max(0, r.depth - base));
    return `${indent}• <b>${escapeHtml(r.name)}</b>: ${t('digest-year-row', {
      reports: r.reports,
      active: r.activeCollaborators,
      members: r.members,
      weeks: r.weeksWithReports,
      pct: regularity(r, y.weeks),
    })}`;
  });
  return splitMessages([head, lines.join('\n')]);
}

function csvCell(v: string | number): string {
  const s = String(v);
  const guarded = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** CSV with a header row; cells that a spreadsheet would run as formulas are neutralised. */
export function yearlyCsv(y: YearlyActivity): string {
  const header = ['unit_id', 'unit', 'depth', 'year', 'reports', 'active_collaborators', 'members', 'weeks_with_reports', 'weeks', 'regularity_pct'];
  const rows = y.rows.map((r) =>
    [r.unitId, r.name, r.depth, y.year, r.reports, r.activeCollaborators, r.members, r.weeksWithReports, y.weeks, regularity(r, y.weeks)]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}
