/**
 * Surveys on the dashboard: the list of the viewer's scope, the builder (a form, a preview as a
 * collaborator would see it, then create), a survey's results within the viewer's subtree
 * (counts, percentages, a chart per question, response rate over time, by unit, text answers
 * redacted) and their CSV/XLSX export with the dashboard's export writers.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkSurvey, createSurvey } from '../../../app/surveys/create.js';
import { surveyResults, type SurveyResults } from '../../../app/surveys/results.js';
import { scopeOf } from '../../../domain/scope.js';
import { questionText, SURVEY_LIMITS, type SurveyDefinition } from '../../../domain/survey.js';
import { ROLES } from '../../../domain/vocabulary.js';
import { chartKit } from '../charts.js';
import { csvWriter, xlsxWriter, type Cell } from '../export-writers.js';
import { formatters } from '../format.js';
import { idParam, onlyParams, pageContext, renderPage, type Page } from '../render.js';
import type { WebDashboardDeps, WebSurveyDeps } from '../types.js';

const field = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.slice(0, 4000) : '';
};
const list = (body: Record<string, unknown>, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};
const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

/** The builder's form as the survey definition the CLI's JSON file also holds. */
export function definitionFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const opt = (name: string) => (field(body, name).trim() === '' ? undefined : field(body, name).trim());
  const questions: Record<string, unknown>[] = [];
  for (let n = 1; n <= SURVEY_LIMITS.maxQuestions; n++) {
    const kind = field(body, `q${n}kind`);
    if (kind === '') continue;
    const q: Record<string, unknown> = { kind, text: field(body, `q${n}text`), required: field(body, `q${n}optional`) !== 'on' };
    if (opt(`q${n}textEn`)) q.textEn = opt(`q${n}textEn`);
    if (kind === 'single' || kind === 'multiple') {
      q.options = lines(field(body, `q${n}options`));
      const en = lines(field(body, `q${n}optionsEn`));
      if (en.length) q.optionsEn = en;
    }
    if (kind === 'text' && opt(`q${n}max`)) q.maxLength = Number(opt(`q${n}max`));
    questions.push(q);
  }
  const unitIds = field(body, 'units')
    .split(/[\s,;]+/)
    .filter((x) => x !== '')
    .map(Number);
  return {
    title: field(body, 'title'),
    ...(opt('titleEn') ? { titleEn: opt('titleEn') } : {}),
    intro: field(body, 'intro'),
    ...(opt('introEn') ? { introEn: opt('introEn') } : {}),
    ...(opt('opensAt') ? { opensAt: opt('opensAt') } : {}),
    closesAt: opt('closesAt'),
    ...(opt('remindAt') ? { remindAt: opt('remindAt') } : {}),
    anonymous: field(body, 'anonymous') === 'on',
    paidBroadcast: field(body, 'paidBroadcast') === 'on',
    audience: { unitIds, roles: list(body, 'roles') },
    questions,
  };
}

async function charts(r: SurveyResults, lang: 'vi' | 'en', t: Page['t']) {
  const { stackedBars, horizontalBars } = await chartKit();
  const perQuestion = (r.questions ?? []).map((q) => {
    const def = r.survey.questions.find((x) => x.position === q.position)!;
    const labels = def.kind === 'scale' ? ['1', '2', '3', '4', '5'] : questionText(def, lang).options;
    return q.kind === 'text' ? null : horizontalBars(labels, [{ name: t('web-survey-answers'), values: q.counts }]);
  });
  const overTime = r.overTime.length ? stackedBars(r.overTime.map((p) => p.hour.toISOString().slice(5, 13).replace('T', ' ') + 'h'), [{ name: t('web-survey-answered'), values: r.overTime.map((p) => p.answered) }]) : null;
  return { perQuestion, overTime };
}

async function results(deps: WebDashboardDeps, s: WebSurveyDeps, req: FastifyRequest) {
  const id = idParam((req.params as { id: string }).id, 'id');
  return surveyResults({ surveys: s.store, units: s.units, settings: s.settings }, id, scopeOf(req.viewer!));
}

/** One row per answer count (the whole scope, then each unit shown), then the text answers. */
function exportRows(r: SurveyResults, lang: 'vi' | 'en', all: string): Cell[][] {
  const rows: Cell[][] = [];
  const groups = [{ name: all, questions: r.questions, responses: r.responses, rate: r.rate.rate }, ...r.units.map((u) => ({ name: u.name, questions: u.questions, responses: u.responses, rate: u.rate.rate }))];
  for (const g of groups) {
    for (const q of g.questions ?? []) {
      const def = r.survey.questions.find((x) => x.position === q.position)!;
      const { text, options } = questionText(def, lang);
      const labels = def.kind === 'scale' ? ['1', '2', '3', '4', '5'] : options;
      if (q.kind === 'text') for (const a of q.texts) rows.push([g.name, q.position, text, a, 1, null, g.responses, Math.round(g.rate * 1000) / 10]);
      else q.counts.forEach((c, i) => rows.push([g.name, q.position, text, labels[i] ?? '', c, Math.round((q.shares[i] ?? 0) * 1000) / 10, g.responses, Math.round(g.rate * 1000) / 10]));
    }
  }
  return rows;
}

async function exportResults(deps: WebDashboardDeps, s: WebSurveyDeps, req: FastifyRequest, reply: FastifyReply, kind: 'csv' | 'xlsx') {
  const r = await results(deps, s, req);
  if (!r) return reply.status(404).send();
  const t = (k: string) => deps.t(req.lang, k);
  const out = new PassThrough();
  const writer = kind === 'csv' ? csvWriter(out) : xlsxWriter(out, t('web-survey-sheet'));
  await deps.dashboard.audit.record({ actorKind: 'member', actorId: req.viewer!.id, action: `survey.export_${kind}`, entity: 'survey', entityId: r.survey.id, at: s.clock() });
  void reply
    .type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="pulse-survey-${r.survey.id}.${kind}"`)
    .header('cache-control', 'no-store')
    .send(out);
  const run = async () => {
    await writer.start(['unit', 'question-no', 'text', 'answer', 'count', 'percent', 'responses', 'rate'].map((c) => t(`web-survey-col-${c}`)));
    await writer.rows(exportRows(r, req.lang, t('web-survey-all')));
    await writer.end();
  };
  run().catch((e: unknown) => out.destroy(e as Error));
  return reply;
}

async function builder(deps: WebDashboardDeps, s: WebSurveyDeps, req: FastifyRequest, reply: FastifyReply, form: Record<string, unknown>, extra: { problems?: string[]; preview?: SurveyDefinition | null }) {
  const ctx = await pageContext(deps, req, reply);
  const unit = await s.units.get(req.viewer!.unitId);
  return renderPage(reply, 'survey-new', { ...ctx, title: ctx.t('web-survey-new'), form, unit, roles: ROLES, max: SURVEY_LIMITS.maxQuestions, problems: extra.problems ?? [], preview: extra.preview ?? null, questionText });
}

const creatorOf = (req: FastifyRequest) => ({ id: req.viewer!.id, role: req.viewer!.role, unitId: req.viewer!.unitId });

export async function surveyRoutes(app: FastifyInstance, deps: WebDashboardDeps): Promise<void> {
  const s = deps.surveys;
  if (!s) return;
  const createDeps = { surveys: s.store, units: s.units, settings: s.settings, clock: s.clock };
  const words = (req: FastifyRequest) => (p: { path: string; code: string; limit?: number }) =>
    `${p.path ? `${p.path}: ` : ''}${deps.t(req.lang, `survey-problem-${p.code}`, { limit: p.limit ?? '' })}`;

  app.get('/surveys', async (req, reply) => {
    onlyParams(req.query, ['notice', 'problem']);
    const ctx = await pageContext(deps, req, reply);
    return renderPage(reply, 'surveys', { ...ctx, title: ctx.t('web-nav-surveys'), surveys: await s.store.list(scopeOf(req.viewer!)) });
  });
  app.get('/surveys/new', async (req, reply) => {
    onlyParams(req.query, []);
    return builder(deps, s, req, reply, {}, {});
  });
  app.post('/surveys/new', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = definitionFromForm(body);
    const draft = field(body, 'action') !== 'create';
    const checked = await checkSurvey(createDeps, creatorOf(req), input);
    if (!checked.ok) return builder(deps, s, req, reply.status(400), body, { problems: checked.error.map(words(req)) });
    if (draft) return builder(deps, s, req, reply, body, { preview: checked.value });
    const r = await createSurvey(createDeps, creatorOf(req), input);
    if (!r.ok) return builder(deps, s, req, reply.status(400), body, { problems: r.error.map(words(req)) });
    await deps.dashboard.audit.record({ actorKind: 'member', actorId: req.viewer!.id, action: 'survey.create', entity: 'survey', entityId: r.value, at: s.clock() });
    return reply.redirect(`/surveys/${r.value}?notice=survey_created`, 303);
  });
  app.get('/surveys/:id', async (req, reply) => {
    onlyParams(req.query, ['notice', 'problem']);
    const r = await results(deps, s, req);
    const ctx = await pageContext(deps, req, reply);
    if (!r) return renderPage(reply.status(404), 'error', { ...ctx, title: ctx.t('web-error-not-found'), message: ctx.t('web-error-not-found') });
    const unit = await s.units.get(r.survey.unitId);
    return renderPage(reply, 'survey', { ...ctx, title: r.survey.title, r, charts: await charts(r, req.lang, ctx.t), questionText, sfmt: formatters(unit?.timezone ?? ctx.fmt.timezone, req.lang) });
  });
  app.get('/surveys/:id/export.csv', (req, reply) => exportResults(deps, s, req, reply, 'csv'));
  app.get('/surveys/:id/export.xlsx', (req, reply) => exportResults(deps, s, req, reply, 'xlsx'));
}
