/**
 * The admin CLI's survey commands: create one from a JSON file (the same definition the
 * dashboard's builder sends), open it now (the workers plan and send it within a minute),
 * close it, list them and print results. Errors a person can fix come back with exit code 2.
 */
import { readFileSync } from 'node:fs';
import { closeSurvey } from '../app/surveys/lifecycle.js';
import { createSurvey, type CreateProblem } from '../app/surveys/create.js';
import type { SurveyStore } from '../app/surveys/ports.js';
import { surveyResults } from '../app/surveys/results.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Clock } from '../domain/clock.js';
import { EVERYTHING } from '../domain/scope.js';
import type { Unit } from '../domain/types.js';

export interface SurveyCliDeps {
  repos: Repositories;
  surveys: SurveyStore;
  clock: Clock;
}

type Out = { text: string; exitCode: number };
type Values = Record<string, string | boolean | undefined>;
const fail = (text: string): Out => ({ text: `${text}\n`, exitCode: 2 });
const done = (text: string): Out => ({ text: `${text}\n`, exitCode: 0 });

const WORDS: Record<string, string> = {
  required: 'is required',
  'not-text': 'must be text',
  'too-long': 'is too long (at most {limit} characters)',
  'options-not-text': 'must be a list of texts',
  'too-few-options': 'needs at least {limit} options',
  'too-many-options': 'allows at most {limit} options',
  'option-too-long': 'has an option longer than {limit} characters',
  'duplicate-options': 'has the same option twice',
  'options-mismatch': 'must have as many English options as Vietnamese ones',
  'options-not-allowed': 'takes no options (only single and multiple choice do)',
  'not-an-object': 'must be an object',
  'unknown-kind': 'must be one of single, multiple, scale, text',
  'bad-length': 'must be a whole number from 1 to {limit}',
  'not-boolean': 'must be true or false',
  'not-unit-ids': 'must be a list of unit ids',
  'unknown-role': 'must list roles among collaborator, leader, admin',
  'bad-time': 'must be "YYYY-MM-DD HH:MM" (the unit\'s time zone) or an ISO time with a zone',
  'closes-before-opening': 'must be after the open time',
  'in-the-past': 'is already past',
  'reminder-outside-window': 'must fall between the open and close times',
  'too-few-questions': 'needs at least {limit} question',
  'too-many-questions': 'allows at most {limit} questions',
  'outside-subtree': 'names unit {limit}, which is outside the creator\'s subtree',
  'not-allowed': 'collaborators cannot create surveys',
  'no-unit': 'the creator\'s unit does not exist',
};

/** One problem in words: `questions.2.options needs at least 2 options`. */
export function describeProblem(p: CreateProblem): string {
  const words = (WORDS[p.code] ?? p.code).replace('{limit}', String(p.limit ?? ''));
  return p.path ? `${p.path} ${words}` : words;
}

async function resolveUnit(deps: SurveyCliDeps, ref: string | undefined): Promise<Unit | string> {
  if (!ref) return 'missing --unit';
  if (/^\d+$/.test(ref)) return (await deps.repos.units.get(Number(ref))) ?? `no unit with id ${ref}`;
  const found = await deps.repos.units.findByName(ref);
  return found.length === 1 ? found[0]! : `no single unit named "${ref}"`;
}

async function create(deps: SurveyCliDeps, v: Values): Promise<Out> {
  if (typeof v.file !== 'string') return fail('missing --file (a JSON survey definition)');
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(v.file, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${v.file}: ${(e as Error).message}`);
  }
  let creator: { id: number; role: 'admin' | 'leader' | 'collaborator'; unitId: number };
  if (typeof v.member === 'string') {
    const m = await deps.repos.members.get(Number(v.member));
    if (!m) return fail(`no member ${v.member}`);
    creator = { id: m.id, role: m.role, unitId: m.unitId };
  } else {
    const unit = await resolveUnit(deps, v.unit as string | undefined);
    if (typeof unit === 'string') return fail(`${unit} (or --member ID: the leader creating it)`);
    creator = { id: 0, role: 'admin', unitId: unit.id };
  }
  const r = await createSurvey({ ...deps, units: deps.repos.units, settings: deps.repos.settings }, creator, input, { draft: v.draft === true });
  if (!r.ok) return fail(`the survey was not created:\n${r.error.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
  const s = (await deps.surveys.get(r.value))!;
  return done(`created survey ${s.id} "${s.title}" (${s.status}; opens ${s.opensAt.toISOString()}, closes ${s.closesAt.toISOString()}, ${s.anonymous ? 'anonymous' : 'named'})`);
}

async function list(deps: SurveyCliDeps): Promise<Out> {
  const rows = await deps.surveys.list(EVERYTHING);
  if (rows.length === 0) return done('no surveys');
  return done(rows.map((s) => `${s.id}\t${s.status}\tunit ${s.unitId}\t${s.closesAt.toISOString()}\t${s.anonymous ? 'anonymous' : 'named'}\t${s.title}`).join('\n'));
}

async function results(deps: SurveyCliDeps, id: number): Promise<Out> {
  const r = await surveyResults({ surveys: deps.surveys, units: deps.repos.units, settings: deps.repos.settings }, id, EVERYTHING);
  if (!r) return fail(`no survey ${id}`);
  const lines = [`survey ${id} "${r.survey.title}": ${r.rate.answered}/${r.rate.recipients} answered (${Math.round(r.rate.rate * 100)}%), ${r.rate.recipients - r.rate.reached} not reached`];
  if (!r.questions) lines.push(`fewer than ${r.minGroupSize} responses: results are not shown`);
  for (const q of r.questions ?? []) {
    const def = r.survey.questions.find((x) => x.position === q.position)!;
    lines.push(`${q.position}. ${def.text} (${q.answered} answered)`);
    const labels = def.kind === 'scale' ? ['1', '2', '3', '4', '5'] : def.options;
    q.counts.forEach((c, i) => lines.push(`   ${labels[i]}: ${c} (${Math.round((q.shares[i] ?? 0) * 100)}%)`));
    if (q.mean !== null) lines.push(`   mean ${q.mean.toFixed(2)}`);
    for (const t of q.texts) lines.push(`   - ${t}`);
  }
  return done(lines.join('\n'));
}

/** `survey create|open|close|list|results`. */
export async function runSurveyCommand(deps: SurveyCliDeps, verb: string | undefined, rest: string[], v: Values): Promise<Out> {
  const id = Number(rest[0]);
  const needId = () => fail(`usage: survey ${verb} SURVEY_ID`);
  switch (verb) {
    case 'create':
      return create(deps, v);
    case 'list':
      return list(deps);
    case 'open':
      if (!Number.isSafeInteger(id)) return needId();
      return (await deps.surveys.schedule(id, deps.clock()))
        ? done(`survey ${id} opens now: the workers plan it and send it in cohorts within a minute`)
        : fail(`survey ${id} is not a draft or scheduled survey`);
    case 'close':
      if (!Number.isSafeInteger(id)) return needId();
      return (await closeSurvey(deps, id)) ? done(`survey ${id} closed`) : fail(`survey ${id} does not exist or is already closed`);
    case 'results':
      if (!Number.isSafeInteger(id)) return needId();
      return results(deps, id);
    default:
      return fail('usage: survey create --file F.json (--unit ID|NAME | --member ID) [--draft] | survey open ID | survey close ID | survey list | survey results ID');
  }
}
