/**
 * The one way a repository applies a member's scope (src/domain/scope.ts) to SQL: a condition
 * on a unit column, through the closure table. Every read that serves a member takes a Scope
 * and builds its WHERE with this, or resolves the scope's unit ids once with `scopeUnitIds`.
 */
import type { Scope } from '../domain/scope.js';

type Sql = { query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

/**
 * `column` lies in the scope: a SQL condition and the parameter it needs, numbered `$<param>`
 * (no parameter for everything).
 */
export function inScope(scope: Scope, column: string, param: number): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'TRUE', params: [] };
  return { sql: `${column} IN (SELECT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = $${param})`, params: [scope.unitId] };
}

/** The unit ids of a scope (null = every unit), for queries that scan by `= ANY($n)`. */
export async function scopeUnitIds(sql: Sql, scope: Scope): Promise<number[] | null> {
  if (scope.kind === 'all') return null;
  const rows = await sql.query<{ id: number }>(`SELECT "descendantId" AS id FROM "UnitClosure" WHERE "ancestorId" = $1 ORDER BY 1`, [scope.unitId]);
  return rows.map((r) => r.id);
}
