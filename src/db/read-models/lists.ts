/**
 * The dashboard's plain lists: alerts (live or past) and invites inside a scope, the unit tree
 * inside a scope, and the audit log (admins only; the route checks the role). Pages are read
 * with one row more than shown, to know whether a next page exists.
 */
import type { AlertReads, AlertRow, AuditReads, AuditRow, InviteReads, InviteRow, UnitReads } from '../../app/dashboard/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { Unit } from '../../domain/types.js';
import type { SqlExecutor } from '../sql.js';
import { inScope } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query'>;

const paged = <T>(rows: T[], size: number) => ({ rows: rows.slice(0, size), hasNext: rows.length > size });

export function createAlertReads(sql: Sql): AlertReads {
  return {
    async list(scope: Scope, q: { live: boolean; offset: number; size: number }) {
      const cond = inScope(scope, 'a."unitId"', 3);
      const rows = await sql.query<AlertRow>(
        `SELECT a.id, a."issueGroupId", a.status::text AS status, a.level::text AS level, a.trigger::text AS trigger, u.name AS "unitName",
                a."reportCount", (a."createdAt" AT TIME ZONE 'UTC') AS "createdAt", (a."closedAt" AT TIME ZONE 'UTC') AS "closedAt"
           FROM "Alert" a JOIN "Unit" u ON u.id = a."unitId"
          WHERE a.status ${q.live ? 'IN' : 'NOT IN'} ('open', 'acknowledged') AND ${cond.sql}
          ORDER BY ${q.live ? `(a.level = 'critical') DESC, (a.status = 'open') DESC, a.id DESC` : `a."closedAt" DESC NULLS LAST, a.id DESC`}
          OFFSET $1 LIMIT $2`,
        [q.offset, q.size + 1, ...cond.params],
      );
      return paged(rows, q.size);
    },
  };
}

export function createAuditReads(sql: Sql): AuditReads {
  return {
    async list(q: { action: string | null; offset: number; size: number }) {
      const rows = await sql.query<AuditRow>(
        `SELECT l.id, (l.at AT TIME ZONE 'UTC') AS "at", l."actorKind", l."actorId", m."displayName" AS "actorName", l.action, l.entity, l."entityId", l.data
           FROM "AuditLog" l LEFT JOIN "Member" m ON m.id = l."actorId" AND l."actorKind" = 'member'
          WHERE ($1::text IS NULL OR l.action LIKE $1 || '%')
          ORDER BY l.id DESC OFFSET $2 LIMIT $3`,
        [q.action, q.offset, q.size + 1],
      );
      return paged(rows, q.size);
    },
  };
}

const INVITE_COLUMNS = `i.id, i."unitId", u.name AS "unitName", i.role::text AS role, i.label, i.uses, i."maxUses", (i."expiresAt" AT TIME ZONE 'UTC') AS "expiresAt", (i."revokedAt" AT TIME ZONE 'UTC') AS "revokedAt",
  m."displayName" AS "createdByName"`;

export function createInviteReads(sql: Sql): InviteReads {
  return {
    async list(scope: Scope, q: { offset: number; size: number }) {
      const cond = inScope(scope, 'i."unitId"', 3);
      const rows = await sql.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM "Invite" i JOIN "Unit" u ON u.id = i."unitId" LEFT JOIN "Member" m ON m.id = i."createdById"
          WHERE ${cond.sql} ORDER BY i.id DESC OFFSET $1 LIMIT $2`,
        [q.offset, q.size + 1, ...cond.params],
      );
      return paged(rows, q.size);
    },
    async get(id: number) {
      const rows = await sql.query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM "Invite" i JOIN "Unit" u ON u.id = i."unitId" LEFT JOIN "Member" m ON m.id = i."createdById" WHERE i.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
  };
}

const UNIT_COLUMNS = `u.id, u.name, u."parentId", u.depth, u.path, u.timezone, u."digestTime", u.active`;

export function createUnitReads(sql: Sql): UnitReads {
  return {
    async inScope(scope: Scope): Promise<Unit[]> {
      const cond = inScope(scope, 'u.id', 1);
      return sql.query<Unit>(`SELECT ${UNIT_COLUMNS} FROM "Unit" u WHERE ${cond.sql} ORDER BY u.path`, cond.params);
    },
    async get(id: number): Promise<Unit | null> {
      const rows = await sql.query<Unit>(`SELECT ${UNIT_COLUMNS} FROM "Unit" u WHERE u.id = $1`, [id]);
      return rows[0] ?? null;
    },
    async ancestry(id: number): Promise<Unit[]> {
      return sql.query<Unit>(
        `SELECT ${UNIT_COLUMNS} FROM "UnitClosure" c JOIN "Unit" u ON u.id = c."ancestorId" WHERE c."descendantId" = $1 ORDER BY c.depth`,
        [id],
      );
    },
  };
}
