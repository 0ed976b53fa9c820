/**
 * Issue groups as a viewer sees them (the GroupReads port): counts, units and trend over the
 * group's reports inside the viewer's scope only, and whether that scope covers every report of
 * the group (only then may the group's own title be shown, see app/dashboard/views.ts).
 */
import type { GroupReads, GroupRow, ReportPage, ReportRow } from '../../app/dashboard/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import { scopeUnitIds } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

const IN_UNITS = `($1::int[] IS NULL OR r."unitId" = ANY($1::int[]))`;
const utc = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/** Figures of groups over their in-scope reports; `extra` narrows the reports (period) or the groups. */
const groupSql = (extra: string, tail: string) => `
  WITH s AS (
    SELECT r."issueGroupId" AS gid, count(*)::int AS reports, count(DISTINCT r."unitId")::int AS units,
           count(*) FILTER (WHERE r."createdAt" >= ${utc(2)} - interval '7 days')::int AS "lastWeek",
           count(*) FILTER (WHERE r."createdAt" >= ${utc(2)} - interval '14 days' AND r."createdAt" < ${utc(2)} - interval '7 days')::int AS "weekBefore",
           (max(r."createdAt") AT TIME ZONE 'UTC') AS "lastSeenAt"
      FROM "Report" r
     WHERE r.status = 'analysed' AND r."issueGroupId" IS NOT NULL AND ${IN_UNITS} ${extra}
     GROUP BY 1)
  SELECT g.id, g.title, g."titleEdited", g.status::text AS status, g."mainTopic", s.reports, s.units, s."lastWeek", s."weekBefore", s."lastSeenAt",
         ($1::int[] IS NULL OR NOT EXISTS (
           SELECT 1 FROM "Report" o WHERE o."issueGroupId" = g.id AND o.status = 'analysed' AND NOT (o."unitId" = ANY($1::int[])))) AS "coversAll"
    FROM s JOIN "IssueGroup" g ON g.id = s.gid
   ${tail}`;

async function list(sql: Sql, scope: Scope, q: { since: Date; now: Date; offset: number; size: number }) {
  const units = await scopeUnitIds(sql, scope);
  const rows = await sql.query<GroupRow>(
    groupSql(`AND r."createdAt" >= ${utc(3)}`, `ORDER BY s.reports DESC, s."lastSeenAt" DESC, g.id OFFSET $4 LIMIT $5`),
    [units, q.now.toISOString(), q.since.toISOString(), q.offset, q.size + 1],
  );
  return { rows: rows.slice(0, q.size), hasNext: rows.length > q.size };
}

async function get(sql: Sql, scope: Scope, id: number, now: Date): Promise<GroupRow | null> {
  const units = await scopeUnitIds(sql, scope);
  const rows = await sql.query<GroupRow>(groupSql(`AND r."issueGroupId" = $3`, ''), [units, now.toISOString(), id]);
  return rows[0] ?? null;
}

async function texts(sql: Sql, scope: Scope, id: number, take: number): Promise<string[]> {
  const units = await scopeUnitIds(sql, scope);
  const rows = await sql.query<{ t: string | null }>(
    `SELECT r."redactedContent" AS t FROM "Report" r WHERE r."issueGroupId" = $2 AND r.status = 'analysed' AND ${IN_UNITS} ORDER BY r.id DESC LIMIT $3`,
    [units, id, take],
  );
  return rows.map((r) => r.t ?? '');
}

async function reports(sql: Sql, scope: Scope, id: number, q: { offset: number; size: number }): Promise<ReportPage> {
  const units = await scopeUnitIds(sql, scope);
  const rows = await sql.query<ReportRow>(
    `SELECT r.id, r.reference, (r."createdAt" AT TIME ZONE 'UTC') AS "createdAt", r."unitId", u.name AS "unitName", r."topicSlug", COALESCE(r."finalMood", r.mood)::text AS mood,
            r."urgencyLevel"::text AS "urgencyLevel", r."urgencyScore", r.status::text AS status, left(r."redactedContent", 280) AS excerpt, false AS exact
       FROM "Report" r JOIN "Unit" u ON u.id = r."unitId"
      WHERE r."issueGroupId" = $2 AND r.status = 'analysed' AND ${IN_UNITS}
      ORDER BY r."createdAt" DESC, r.id DESC OFFSET $3 LIMIT $4`,
    [units, id, q.offset, q.size + 1],
  );
  return { rows: rows.slice(0, q.size), hasNext: rows.length > q.size };
}

export function createGroupReads(sql: Sql): GroupReads {
  return {
    list: (scope, q) => list(sql, scope, q),
    get: (scope, id, now) => get(sql, scope, id, now),
    texts: (scope, id, take) => texts(sql, scope, id, take),
    reports: (scope, id, q) => reports(sql, scope, id, q),
  };
}
