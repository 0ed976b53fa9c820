/**
 * A survey's results as one viewer may see them: only responses and recipients inside the
 * viewer's scope; the whole tally and each unit's shown only when they hold at least the
 * minimum group size of responses (`surveyMinGroupSize`, default 5); text answers redacted.
 * Units are the viewer's root's children (one level down), each with its subtree's figures.
 */
import { redact } from '../../nlp/redact.js';
import type { Scope } from '../../domain/scope.js';
import type { Settings } from '../../domain/settings.js';
import type { SurveyAnswers } from '../../domain/survey-answers.js';
import { responseRate, tally, type QuestionTally, type ResponseRate } from '../../domain/survey-results.js';
import type { Survey } from '../../domain/survey.js';
import type { Unit } from '../../domain/types.js';
import type { SurveyStore } from './ports.js';

export interface ResultsDeps {
  surveys: SurveyStore;
  units: { get(id: number): Promise<Unit | null>; getMany(ids: readonly number[]): Promise<Unit[]> };
  settings: { effective(unitId: number | null): Promise<Settings> };
}

export interface UnitResults {
  unitId: number;
  name: string;
  rate: ResponseRate;
  /** Null when the unit has fewer responses than the minimum group size. */
  questions: QuestionTally[] | null;
  responses: number;
}

export interface SurveyResults {
  survey: Survey;
  minGroupSize: number;
  rate: ResponseRate;
  overTime: { hour: Date; answered: number }[];
  /** Null when the viewer's scope holds fewer responses than the minimum group size. */
  questions: QuestionTally[] | null;
  responses: number;
  units: UnitResults[];
}

/** True when the viewer may open the survey: it was made inside their scope, or their unit lies in its audience. */
async function visible(deps: ResultsDeps, survey: Survey, scope: Scope): Promise<boolean> {
  if (scope.kind === 'all') return true;
  const [own, viewer] = await Promise.all([deps.units.get(survey.unitId), deps.units.get(scope.unitId)]);
  if (!own || !viewer) return false;
  return own.path.includes(scope.unitId) || viewer.path.includes(survey.unitId);
}

const redacted = (qs: QuestionTally[]) => qs.map((q) => ({ ...q, texts: q.texts.map((t) => redact(t).text) }));

/** The results of survey `id` in `scope`; null when the viewer may not see it. */
export async function surveyResults(deps: ResultsDeps, id: number, scope: Scope): Promise<SurveyResults | null> {
  const survey = await deps.surveys.get(id);
  if (!survey || !(await visible(deps, survey, scope))) return null;
  const k = (await deps.settings.effective(survey.unitId)).surveyMinGroupSize;
  const [rows, part, overTime] = await Promise.all([deps.surveys.responses(id, scope), deps.surveys.participation(id, scope), deps.surveys.answersOverTime(id, scope)]);
  const rootId = scope.kind === 'all' ? survey.unitId : scope.unitId;
  const unitIds = [...new Set([...rows.map((r) => r.unitId), ...part.map((p) => p.unitId)])];
  const units = await deps.units.getMany(unitIds);
  const child = new Map(units.map((u) => [u.id, childOf(u, rootId)]));
  const groups = new Map<number, { rows: SurveyAnswers[]; recipients: number; unreached: number; answered: number }>();
  const group = (unitId: number) => {
    const c = child.get(unitId) ?? rootId;
    let g = groups.get(c);
    if (!g) groups.set(c, (g = { rows: [], recipients: 0, unreached: 0, answered: 0 }));
    return g;
  };
  for (const r of rows) group(r.unitId).rows.push(r.answers);
  for (const p of part) {
    const g = group(p.unitId);
    g.recipients += p.recipients;
    g.unreached += p.unreached;
    g.answered += p.answered;
  }
  const names = new Map((await deps.units.getMany([...groups.keys()])).map((u) => [u.id, u.name]));
  const sum = (f: (p: (typeof part)[number]) => number) => part.reduce((a, p) => a + f(p), 0);
  const all = rows.map((r) => r.answers);
  return {
    survey,
    minGroupSize: k,
    rate: responseRate(sum((p) => p.recipients), sum((p) => p.unreached), sum((p) => p.answered)),
    overTime,
    questions: all.length >= k ? redacted(tally(survey.questions, all)) : null,
    responses: all.length,
    units: [...groups]
      .map(([unitId, g]) => ({
        unitId,
        name: names.get(unitId) ?? String(unitId),
        rate: responseRate(g.recipients, g.unreached, g.answered),
        questions: g.rows.length >= k ? redacted(tally(survey.questions, g.rows)) : null,
        responses: g.rows.length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The unit one level below `rootId` on the way to `u` (the root itself for the root and units above it). */
function childOf(u: Unit, rootId: number): number {
  const i = u.path.indexOf(rootId);
  return i >= 0 && i + 1 < u.path.length ? u.path[i + 1]! : rootId;
}
