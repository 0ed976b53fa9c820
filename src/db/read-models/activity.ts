/**
 * Units and collaborators activity (the ActivityReads port): reports per month over the last 12
 * months, last report, silent collaborators — per unit (its whole subtree) and per person. The
 * yearly evaluation of units reads from here. A unit outside the viewer's scope reads as null.
 */
import type { ActivityReads, MemberActivity, UnitActivity } from '../../app/dashboard/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import { inScope } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query'>;
type Months = { from: Date; bounds: Date[] };

/** `width_bucket` of createdAt over the month bounds: 1 = the oldest month. */
const MONTH = `width_bucket(r."createdAt", $2::timestamp[])`;
const boundsParam = (m: Months) => m.bounds.map((b) => b.toISOString().replace('T', ' ').replace('Z', ''));

async function unitInScope(sql: Sql, scope: Scope, unitId: number): Promise<boolean> {
  const cond = inScope(scope, 'u.id', 2);
  const rows = await sql.query(`SELECT 1 FROM "Unit" u WHERE u.id = $1 AND ${cond.sql}`, [unitId, ...cond.params]);
  return rows.length > 0;
}

function perMonth(rows: { bucket: number; n: number }[]): number[] {
  const out = Array.from({ length: 12 }, () => 0);
  for (const r of rows) if (r.bucket >= 1 && r.bucket <= 12) out[r.bucket - 1] = (out[r.bucket - 1] ?? 0) + r.n;
  return out;
}

async function units(sql: Sql, scope: Scope, unitId: number, months: Months, silentSince: Date): Promise<{ unit: UnitActivity; children: UnitActivity[] } | null> {
  if (!(await unitInScope(sql, scope, unitId))) return null;
  const list = await sql.query<{ id: number; name: string; depth: number; children: number }>(
    `SELECT u.id, u.name, u.depth, (SELECT count(*)::int FROM "Unit" c WHERE c."parentId" = u.id) AS children
       FROM "Unit" u WHERE u.id = $1 OR u."parentId" = $1 ORDER BY (u.id <> $1), u.name, u.id`,
    [unitId],
  );
  const ids = list.map((u) => u.id);
  const [counts, last, members] = await Promise.all([
    sql.query<{ root: number; bucket: number; n: number }>(
      `SELECT c."ancestorId" AS root, ${MONTH} AS bucket, count(*)::int AS n
         FROM "UnitClosure" c JOIN "Report" r ON r."unitId" = c."descendantId"
        WHERE c."ancestorId" = ANY($1::int[]) AND r.status <> 'withdrawn' AND r."createdAt" >= ($2::timestamp[])[1]
        GROUP BY 1, 2`,
      [ids, boundsParam(months)],
    ),
    sql.query<{ root: number; at: Date | null }>(
      `SELECT c."ancestorId" AS root, (max(m."lastReportAt") AT TIME ZONE 'UTC') AS "at"
         FROM "UnitClosure" c JOIN "Member" m ON m."unitId" = c."descendantId"
        WHERE c."ancestorId" = ANY($1::int[]) GROUP BY 1`,
      [ids],
    ),
    sql.query<{ root: number; total: number; silent: number }>(
      `SELECT c."ancestorId" AS root, count(*)::int AS total,
              count(*) FILTER (WHERE m."lastReportAt" IS NULL OR m."lastReportAt" < ($2::timestamptz AT TIME ZONE 'UTC'))::int AS silent
         FROM "UnitClosure" c JOIN "Member" m ON m."unitId" = c."descendantId"
        WHERE c."ancestorId" = ANY($1::int[]) AND m.role = 'collaborator' AND m.active GROUP BY 1`,
      [ids, silentSince.toISOString()],
    ),
  ]);
  const activity = list.map((u): UnitActivity => {
    const months12 = perMonth(counts.filter((c) => c.root === u.id));
    const m = members.find((x) => x.root === u.id);
    return {
      ...u,
      perMonth: months12,
      total: months12.reduce((a, b) => a + b, 0),
      lastReportAt: last.find((x) => x.root === u.id)?.at ?? null,
      collaborators: m?.total ?? 0,
      silentCollaborators: m?.silent ?? 0,
    };
  });
  return { unit: activity[0]!, children: activity.slice(1) };
}

async function members(sql: Sql, scope: Scope, unitId: number, months: Months): Promise<MemberActivity[] | null> {
  if (!(await unitInScope(sql, scope, unitId))) return null;
  const [people, counts] = await Promise.all([
    sql.query<Omit<MemberActivity, 'perMonth' | 'total'>>(
      `SELECT m.id, m."displayName", m.role::text AS role, m.active, u.name AS "unitName", (m."lastReportAt" AT TIME ZONE 'UTC') AS "lastReportAt"
         FROM "Member" m JOIN "Unit" u ON u.id = m."unitId" WHERE m."unitId" = $1
        ORDER BY m.active DESC, m."lastReportAt" DESC NULLS LAST, m.id`,
      [unitId],
    ),
    sql.query<{ memberId: number; bucket: number; n: number }>(
      `SELECT r."memberId", ${MONTH} AS bucket, count(*)::int AS n FROM "Report" r
        WHERE r."unitId" = $1 AND r.status <> 'withdrawn' AND r."createdAt" >= ($2::timestamp[])[1] GROUP BY 1, 2`,
      [unitId, boundsParam(months)],
    ),
  ]);
  return people.map((p) => {
    const months12 = perMonth(counts.filter((c) => c.memberId === p.id));
    return { ...p, perMonth: months12, total: months12.reduce((a, b) => a + b, 0) };
  });
}

export function createActivityReads(sql: Sql): ActivityReads {
  return {
    units: (scope, unitId, m, silentSince) => units(sql, scope, unitId, m, silentSince),
    members: (scope, unitId, m) => members(sql, scope, unitId, m),
  };
}
