/**
 * Report search for the dashboard (the ReportSearch port): filters by unit subtree, topic,
 * mood, urgency level, status and date, and free text matched on "searchText" — the redacted
 * text folded by pulse_fold() (no diacritics, lower case) with a trigram GIN index, so `bao dong`
 * finds `báo động`. Folding merges distinct words (bò, bơ, bổ), so reports holding every term
 * with the very accents typed rank first. The scope is applied through scope-sql.ts; the
 * original (unredacted) text is read only when the caller asks for it (admins).
 */
import type { ExportRow, ReportDetail, ReportFilters, ReportPage, ReportRow, ReportSearch } from '../../app/dashboard/ports.js';
import { searchTerms } from '../../app/dashboard/search-query.js';
import { subtreeOf, type Scope } from '../../domain/scope.js';
import type { SqlExecutor } from '../sql.js';
import { scopeUnitIds } from '../scope-sql.js';

type Sql = Pick<SqlExecutor, 'query' | 'transaction'>;

/** A LIKE pattern `%term%` of an SQL expression, with LIKE's own characters escaped. */
const likeOf = (expr: string) => `'%' || replace(replace(replace(${expr}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
const EXACT_TEXT = `lower(concat_ws(' ', r."redactedContent", r."redactedProposal"))`;

interface Where {
  sql: string;
  params: unknown[];
  /** The condition "every term with its accents" (only with text). */
  exact: string | null;
  empty: boolean;
}

/** The unit ids both the scope and the unit filter allow (null = every unit). */
async function allowedUnits(sql: Sql, scope: Scope, unitId: number | null): Promise<number[] | null> {
  const inScope = await scopeUnitIds(sql, scope);
  if (unitId === null) return inScope;
  const chosen = (await scopeUnitIds(sql, subtreeOf(unitId))) ?? [];
  if (inScope === null) return chosen;
  const allowed = new Set(inScope);
  return chosen.filter((id) => allowed.has(id));
}

/** WHERE of a search; parameters numbered from $1. */
export async function buildWhere(sql: Sql, scope: Scope, f: ReportFilters): Promise<Where> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const conds: string[] = [];
  const units = await allowedUnits(sql, scope, f.unitId);
  if (units !== null && units.length === 0) return { sql: 'FALSE', params, exact: null, empty: true };
  if (units !== null) conds.push(`r."unitId" = ANY(${p(units)}::int[])`);
  if (f.topic) conds.push(`r."topicSlug" = ${p(f.topic)}`);
  if (f.mood) conds.push(`r."finalMood" = ${p(f.mood)}::"Mood"`);
  if (f.urgency) conds.push(`r."urgencyLevel" = ${p(f.urgency)}::"UrgencyLevel"`);
  conds.push(f.status ? `r.status = ${p(f.status)}::"ReportStatus"` : `r.status <> 'withdrawn'`);
  if (f.from) conds.push(`r."createdAt" >= (${p(f.from.toISOString())}::timestamptz AT TIME ZONE 'UTC')`);
  if (f.to) conds.push(`r."createdAt" < (${p(f.to.toISOString())}::timestamptz AT TIME ZONE 'UTC')`);
  const terms = searchTerms(f.text);
  const exact: string[] = [];
  for (const term of terms) {
    const ref = p(term);
    conds.push(`r."searchText" LIKE ${likeOf(`"pulse_fold"(${ref}::text)`)}`);
    exact.push(`${EXACT_TEXT} LIKE ${likeOf(`lower(${ref}::text)`)}`);
  }
  return { sql: conds.join(' AND ') || 'TRUE', params, exact: exact.length ? exact.join(' AND ') : null, empty: false };
}

const ROW_COLUMNS = `r.id, r.reference, (r."createdAt" AT TIME ZONE 'UTC') AS "createdAt", r."unitId", u.name AS "unitName", r."topicSlug",
  COALESCE(r."finalMood", r.mood)::text AS mood, r."urgencyLevel"::text AS "urgencyLevel", r."urgencyScore", r.status::text AS status,
  CASE WHEN r.status <> 'withdrawn' THEN left(r."redactedContent", 280) END AS excerpt`;

/** Rows of a page, in the order of `ids`. */
async function rowsOf(sql: Sql, ids: { id: number; exact: boolean }[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  const rows = await sql.query<Omit<ReportRow, 'exact'>>(
    `SELECT ${ROW_COLUMNS} FROM "Report" r JOIN "Unit" u ON u.id = r."unitId" WHERE r.id = ANY($1::int[])`,
    [ids.map((i) => i.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((i) => {
    const r = byId.get(i.id);
    return r ? [{ ...r, exact: i.exact }] : [];
  });
}

/**
 * A page: without text, newest first; with text, exact-accent matches newest first, then the
 * others newest first. Each half is its own ORDER BY … LIMIT (the planner may walk the
 * createdAt index or the trigram index), so the first page never ranks every match.
 */
async function page(sql: Sql, scope: Scope, f: ReportFilters, at: { offset: number; size: number }): Promise<ReportPage> {
  const w = await buildWhere(sql, scope, f);
  if (w.empty) return { rows: [], hasNext: false };
  const n = w.params.length;
  const newest = `ORDER BY r."createdAt" DESC, r.id DESC`;
  const ids = w.exact
    ? await sql.query<{ id: number; exact: boolean }>(
        `SELECT id, exact FROM (
           (SELECT r.id, r."createdAt", true AS exact FROM "Report" r WHERE ${w.sql} AND (${w.exact}) ${newest} LIMIT $${n + 1})
           UNION ALL
           (SELECT r.id, r."createdAt", false AS exact FROM "Report" r WHERE ${w.sql} AND NOT (${w.exact}) ${newest} LIMIT $${n + 1})) hits
         ORDER BY exact DESC, "createdAt" DESC, id DESC OFFSET $${n + 2} LIMIT $${n + 3}`,
        [...w.params, at.offset + at.size + 1, at.offset, at.size + 1],
      )
    : await sql.query<{ id: number; exact: boolean }>(`SELECT r.id, false AS exact FROM "Report" r WHERE ${w.sql} ${newest} OFFSET $${n + 1} LIMIT $${n + 2}`, [
        ...w.params,
        at.offset,
        at.size + 1,
      ]);
  const rows = await rowsOf(sql, ids.slice(0, at.size));
  return { rows, hasNext: ids.length > at.size };
}

const EXPORT_COLUMNS = `r.reference, (r."createdAt" AT TIME ZONE 'UTC') AS "createdAt", u.name AS "unitName", r."topicSlug", COALESCE(r."finalMood", r.mood)::text AS mood,
  r."urgencyLevel"::text AS "urgencyLevel", r."urgencyScore", r.spread::text AS spread, r.source::text AS source, r.status::text AS status,
  r."issueGroupId", CASE WHEN r.status <> 'withdrawn' THEN r."redactedContent" END AS text,
  CASE WHEN r.status <> 'withdrawn' THEN r."redactedProposal" END AS proposal`;

export const EXPORT_BATCH = 5000;

/** Every row of a search, newest first, through one cursor (one snapshot, flat memory). */
async function exportRows(sql: Sql, scope: Scope, f: ReportFilters, onBatch: (rows: ExportRow[]) => Promise<void>): Promise<number> {
  const w = await buildWhere(sql, scope, f);
  if (w.empty) return 0;
  return sql.transaction(async (tx) => {
    await tx.query(
      `DECLARE pulse_export NO SCROLL CURSOR FOR
         SELECT ${EXPORT_COLUMNS} FROM "Report" r JOIN "Unit" u ON u.id = r."unitId"
          WHERE ${w.sql} ORDER BY r."createdAt" DESC, r.id DESC`,
      w.params,
    );
    let total = 0;
    for (;;) {
      const rows = await tx.query<ExportRow>(`FETCH ${EXPORT_BATCH} FROM pulse_export`);
      if (rows.length === 0) break;
      total += rows.length;
      await onBatch(rows);
      if (rows.length < EXPORT_BATCH) break;
    }
    await tx.query('CLOSE pulse_export');
    return total;
  });
}

async function detail(sql: Sql, scope: Scope, id: number, withOriginal: boolean): Promise<ReportDetail | null> {
  const units = await scopeUnitIds(sql, scope);
  const [row] = await sql.query<Omit<ReportDetail, 'exact' | 'tags' | 'unitPath'> & { path: number[] }>(
    `SELECT ${ROW_COLUMNS}, r."redactedContent", r."redactedProposal",
            ${withOriginal ? 'r.content, r.proposal' : 'NULL::text AS content, NULL::text AS proposal'},
            r."chosenTopic", r.spread::text AS spread, r.source::text AS source, r.mood::text AS "reportedMood",
            r."textMood"::text AS "textMood", r."topicDisagreement", r."urgencyReasons", r."issueGroupId", u.path
       FROM "Report" r JOIN "Unit" u ON u.id = r."unitId"
      WHERE r.id = $1 AND ($2::int[] IS NULL OR r."unitId" = ANY($2::int[]))`,
    [id, units],
  );
  if (!row) return null;
  const [tags, names] = await Promise.all([
    sql.query<ReportDetail['tags'][number]>(`SELECT "topicSlug", origin::text AS origin, score, rank FROM "ReportTopic" WHERE "reportId" = $1 ORDER BY origin, rank`, [id]),
    sql.query<{ id: number; name: string }>(`SELECT id, name FROM "Unit" WHERE id = ANY($1::int[])`, [row.path]),
  ]);
  const byId = new Map(names.map((u) => [u.id, u.name]));
  const { path: fullPath, ...rest } = row;
  // Names from the viewer's own unit down: nothing above their subtree.
  const path = scope.kind === 'all' ? fullPath : fullPath.slice(Math.max(0, fullPath.indexOf(scope.unitId)));
  const withdrawn = rest.status === 'withdrawn';
  return {
    ...rest,
    redactedContent: withdrawn ? null : rest.redactedContent,
    redactedProposal: withdrawn ? null : rest.redactedProposal,
    exact: false,
    tags,
    unitPath: path.map((u) => byId.get(u) ?? '?'),
  };
}

export function createReportSearch(sql: Sql): ReportSearch {
  return {
    search: (scope, f, at) => page(sql, scope, f, at),
    exportRows: (scope, f, onBatch) => exportRows(sql, scope, f, onBatch),
    detail: (scope, id, withOriginal) => detail(sql, scope, id, withOriginal),
  };
}
