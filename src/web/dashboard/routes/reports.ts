/**
 * Report search (GET /reports, the query string is the search), its exports (the very same
 * parameters, streamed), a report's detail, a topic correction and moving a report to another
 * issue group. A bad parameter answers 400 naming it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { correctTopic, moveReport } from '../../../app/dashboard/actions.js';
import { parseSearch, searchQueryString, toFilters, type SearchParams } from '../../../app/dashboard/search-query.js';
import { reportFor, searchFor, unitsInScope, viewerUnit } from '../../../app/dashboard/views.js';
import { parseReasons } from '../../../domain/alerts.js';
import { scopeOf } from '../../../domain/scope.js';
import { MOODS, REPORT_STATUSES, URGENCY_LEVELS } from '../../../domain/vocabulary.js';
import { csvWriter, exportTable, xlsxWriter } from '../export-writers.js';
import { formatters } from '../format.js';
import { BadParam, idParam, onlyParams, pageContext, renderPage, textField } from '../render.js';
import type { WebDashboardDeps } from '../types.js';

async function readSearch(deps: WebDashboardDeps, req: FastifyRequest): Promise<SearchParams> {
  const topics = await deps.dashboard.topics.list(false);
  const parsed = parseSearch((req.query ?? {}) as Record<string, unknown>, topics.map((t) => t.slug));
  if (!parsed.ok) throw new BadParam(parsed.error.map((e) => e.param).join(', '));
  return parsed.value;
}

async function topicNamer(deps: WebDashboardDeps, lang: string) {
  const topics = await deps.dashboard.topics.list(false);
  return { topics, name: (slug: string | null) => (slug ? ((lang === 'en' ? topics.find((t) => t.slug === slug)?.nameEn : topics.find((t) => t.slug === slug)?.nameVi) ?? slug) : '—') };
}

async function exportSearch(deps: WebDashboardDeps, req: FastifyRequest, reply: FastifyReply, kind: 'csv' | 'xlsx') {
  const params = await readSearch(deps, req);
  const viewer = req.viewer!;
  const unit = await viewerUnit(deps.dashboard, viewer);
  const tz = unit?.timezone ?? 'Asia/Ho_Chi_Minh';
  const fmt = formatters(tz, req.lang);
  const { topics } = await topicNamer(deps, req.lang);
  const names = new Map(topics.map((t) => [t.slug, req.lang === 'en' ? t.nameEn : t.nameVi]));
  const name = (slug: string | null) => (slug ? (names.get(slug) ?? slug) : '');
  const t = (k: string) => deps.t(req.lang, k);
  const table = exportTable(
    ['reference', 'date', 'unit', 'topic', 'mood', 'urgency', 'score', 'spread', 'source', 'status', 'group', 'text', 'proposal'].map((c) => t(`web-export-col-${c}`)),
    { dateTime: (d) => fmt.dateTime(d), topic: name },
  );
  const stamp = new Date().toISOString().slice(0, 10);
  const out = new PassThrough();
  const writer = kind === 'csv' ? csvWriter(out) : xlsxWriter(out, t('web-export-sheet'));
  await deps.dashboard.audit.record({ actorKind: 'member', actorId: viewer.id, action: `report.export_${kind}`, entity: 'report_search', entityId: null, data: { query: searchQueryString(params) }, at: deps.dashboard.clock() });
  void reply
    .type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="pulse-reports-${stamp}.${kind}"`)
    .header('cache-control', 'no-store')
    .send(out);
  const run = async () => {
    await writer.start(table.header);
    await deps.dashboard.search.exportRows(scopeOf(viewer), toFilters(params, tz), (rows) => writer.rows(rows.map(table.row)));
    await writer.end();
  };
  run().catch((e: unknown) => {
    req.log.error({ err: e }, 'export failed');
    out.destroy(e as Error);
  });
  return reply;
}

export async function reportRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  app.get('/reports', async (req, reply) => {
    const params = await readSearch(deps, req);
    const viewer = req.viewer!;
    const [page, units, { topics, name }] = await Promise.all([searchFor(deps.dashboard, viewer, params), unitsInScope(deps.dashboard, viewer), topicNamer(deps, req.lang)]);
    const ctx = await pageContext(deps, req, reply);
    return renderPage(reply, 'reports', {
      ...ctx,
      title: ctx.t('web-nav-reports'),
      params,
      page,
      units,
      topics,
      topicName: name,
      moods: MOODS,
      urgencies: URGENCY_LEVELS,
      statuses: REPORT_STATUSES,
      qs: (o: Partial<SearchParams> = {}) => searchQueryString(params, o),
      dateValue: (d: SearchParams['from']) => (d ? `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` : ''),
    });
  });

  app.get('/reports/export.csv', async (req, reply) => exportSearch(deps, req, reply, 'csv'));
  app.get('/reports/export.xlsx', async (req, reply) => exportSearch(deps, req, reply, 'xlsx'));

  app.get<{ Params: { id: string } }>('/reports/:id', async (req, reply) => {
    onlyParams(req.query, ['notice', 'problem']);
    const report = await reportFor(deps.dashboard, req.viewer!, idParam(req.params.id, 'id'));
    const ctx = await pageContext(deps, req, reply);
    if (!report) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    const { topics, name } = await topicNamer(deps, req.lang);
    const reasons = parseReasons(report.urgencyReasons);
    return renderPage(reply, 'report', { ...ctx, title: report.reference, report, reasons, topics: topics.filter((t) => t.active), topicName: name });
  });

  app.post<{ Params: { id: string } }>('/reports/:id/topic', async (req, reply) => {
    const id = idParam(req.params.id, 'id');
    const r = await correctTopic(deps.dashboard, req.viewer!, id, textField(req.body, 'topic', 64));
    return reply.redirect(`/reports/${id}?${r.ok ? 'notice=topic_corrected' : `problem=${r.error}`}`, 303);
  });

  app.post<{ Params: { id: string } }>('/reports/:id/group', async (req, reply) => {
    const id = idParam(req.params.id, 'id');
    const groupId = idParam(textField(req.body, 'groupId', 12), 'groupId');
    const r = await moveReport(deps.dashboard, req.viewer!, id, groupId);
    return reply.redirect(`/reports/${id}?${r.ok ? 'notice=report_moved' : `problem=${r.error}`}`, 303);
  });
}
