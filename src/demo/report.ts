/** What the demo prints: counts, issue groups, alerts, a digest — plain text for a terminal. */
import type { Runtime } from '../compose/runtime.js';

/** Headline counts of what the simulated week produced. */
export async function printTotals(rt: Runtime, out: (s: string) => void): Promise<void> {
  const [rows] = await rt.db.sql.query<{ reports: number; analysed: number; groups: number; alerts: number; deliveries: number }>(`
    SELECT (SELECT count(*)::int FROM "Report") AS reports,
           (SELECT count(*)::int FROM "Report" WHERE status = 'analysed') AS analysed,
           (SELECT count(*)::int FROM "IssueGroup" WHERE status = 'open') AS groups,
           (SELECT count(*)::int FROM "Alert") AS alerts,
           (SELECT count(*)::int FROM "Delivery" WHERE status = 'sent') AS deliveries`);
  out(`  reports stored: ${rows!.reports}, analysed: ${rows!.analysed}, open issue groups: ${rows!.groups}, alerts: ${rows!.alerts}, messages delivered: ${rows!.deliveries}`);
}

/** Alerts by level and status, with the unit where each stands now. */
export async function printAlerts(rt: Runtime, out: (s: string) => void): Promise<void> {
  const alerts = await rt.db.sql.query<{ id: number; level: string; status: string; trigger: string; step: number; unit: string; reports: number; title: string | null }>(`
    SELECT a.id, a.level::text AS level, a.status::text AS status, a.trigger::text AS trigger, a."escalationStep" AS step,
           u.name AS unit, a."reportCount" AS reports, g.title
    FROM "Alert" a JOIN "Unit" u ON u.id = a."currentUnitId" LEFT JOIN "IssueGroup" g ON g.id = a."issueGroupId"
    ORDER BY a.id`);
  if (alerts.length === 0) return out('  (no alert was raised)');
  for (const a of alerts) {
    out(`  #${a.id} ${a.level.padEnd(8)} ${a.status.padEnd(12)} ${a.trigger.padEnd(15)} step ${a.step} at "${a.unit}", ${a.reports} report(s): ${truncate(a.title ?? '', 70)}`);
  }
}

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
