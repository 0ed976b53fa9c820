/**
 * Surveys (PRODUCT.md "Surveys"): what a survey is and the rules a definition must meet. A
 * leader asks their subtree (or chosen units inside it, by role) 1–10 questions of four kinds;
 * open and close times are written in the creator's unit's time zone. Validation is pure and
 * returns every problem at once, each with a stable code (the CLI and the dashboard word them).
 */
import { err, ok, type Result } from './result.js';
import { ROLES, type Role } from './vocabulary.js';
import { zonedToUtc } from './zoned-time.js';

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const SURVEY_LIMITS = {
  minQuestions: 1,
  maxQuestions: 10,
  minOptions: 2,
  maxOptions: 8,
  titleMax: 120,
  introMax: 1000,
  questionMax: 300,
  optionMax: 40,
  /** Default and ceiling of a text answer's length. */
  textDefault: 300,
  textCeiling: 1000,
} as const;

export interface SurveyQuestion {
  position: number;
  kind: QuestionKind;
  text: string;
  textEn: string | null;
  options: string[];
  optionsEn: string[];
  required: boolean;
  /** Longest text answer (text questions only). */
  maxLength: number | null;
}

/** A validated definition, ready to be stored. */
export interface SurveyDefinition {
  title: string;
  titleEn: string | null;
  intro: string;
  introEn: string | null;
  anonymous: boolean;
  opensAt: Date;
  closesAt: Date;
  remindAt: Date | null;
  audienceUnitIds: number[];
  audienceRoles: Role[];
  paidBroadcast: boolean;
  questions: SurveyQuestion[];
}

export type SurveyStatus = 'draft' | 'scheduled' | 'open' | 'closed';

/** A stored survey. */
export interface Survey extends SurveyDefinition {
  id: number;
  unitId: number;
  createdById: number | null;
  status: SurveyStatus;
}

/** One problem of a definition: where (`questions.2.options`) and what (a stable code). */
export interface SurveyProblem {
  path: string;
  code: string;
  limit?: number;
}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const trimmed = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Reads a time: an ISO instant with a zone (`2026-12-01T08:00:00Z`, `…+07:00`) as it is, or a
 * local `YYYY-MM-DD HH:MM` (or with `T`) in `tz`. Null when unreadable.
 */
export function parseSurveyTime(v: unknown, tz: string): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'string') return null;
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(v.trim());
  if (local) {
    const [y, m, d, hh, mm] = local.slice(1).map(Number) as [number, number, number, number, number];
    if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59) return null;
    return zonedToUtc({ y, m, d, hh, mm }, tz);
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(v.trim())) return null;
  const at = new Date(v);
  return Number.isNaN(at.getTime()) ? null : at;
}

function text(raw: Raw, key: string, max: number, problems: SurveyProblem[], path = key, required = true): string | null {
  const v = raw[key];
  if (v === undefined || v === null || v === '') {
    if (required) problems.push({ path, code: 'required' });
    return null;
  }
  const s = trimmed(v);
  if (s === null) {
    problems.push({ path, code: 'not-text' });
    return null;
  }
  if (s.length > max) problems.push({ path, code: 'too-long', limit: max });
  return s;
}

function options(raw: Raw, key: string, path: string, problems: SurveyProblem[], required: boolean): string[] {
  const v = raw[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v) || v.some((o) => trimmed(o) === null)) {
    problems.push({ path, code: 'options-not-text' });
    return [];
  }
  const list = v.map((o) => (o as string).trim());
  if (list.length < SURVEY_LIMITS.minOptions) problems.push({ path, code: 'too-few-options', limit: SURVEY_LIMITS.minOptions });
  if (list.length > SURVEY_LIMITS.maxOptions) problems.push({ path, code: 'too-many-options', limit: SURVEY_LIMITS.maxOptions });
  if (list.some((o) => o.length > SURVEY_LIMITS.optionMax)) problems.push({ path, code: 'option-too-long', limit: SURVEY_LIMITS.optionMax });
  if (new Set(list.map((o) => o.toLowerCase())).size !== list.length) problems.push({ path, code: 'duplicate-options' });
  return list;
}

function question(raw: unknown, i: number, problems: SurveyProblem[]): SurveyQuestion | null {
  const path = `questions.${i + 1}`;
  if (!isObject(raw)) {
    problems.push({ path, code: 'not-an-object' });
    return null;
  }
  const kind = raw.kind as QuestionKind;
  if (!(QUESTION_KINDS as readonly string[]).includes(String(raw.kind))) problems.push({ path: `${path}.kind`, code: 'unknown-kind' });
  const t = text(raw, 'text', SURVEY_LIMITS.questionMax, problems, `${path}.text`);
  const tEn = text(raw, 'textEn', SURVEY_LIMITS.questionMax, problems, `${path}.textEn`, false);
  const choice = kind === 'single' || kind === 'multiple';
  const opts = choice ? options(raw, 'options', `${path}.options`, problems, true) : [];
  const optsEn = choice && raw.optionsEn !== undefined ? options(raw, 'optionsEn', `${path}.optionsEn`, problems, false) : [];
  if (choice && optsEn.length > 0 && optsEn.length !== opts.length) problems.push({ path: `${path}.optionsEn`, code: 'options-mismatch' });
  if (!choice && raw.options !== undefined) problems.push({ path: `${path}.options`, code: 'options-not-allowed' });
  let maxLength: number | null = null;
  if (kind === 'text') {
    const m = raw.maxLength ?? SURVEY_LIMITS.textDefault;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > SURVEY_LIMITS.textCeiling) {
      problems.push({ path: `${path}.maxLength`, code: 'bad-length', limit: SURVEY_LIMITS.textCeiling });
    } else maxLength = m;
  }
  if (raw.required !== undefined && typeof raw.required !== 'boolean') problems.push({ path: `${path}.required`, code: 'not-boolean' });
  return { position: i + 1, kind, text: t ?? '', textEn: tEn, options: opts, optionsEn: optsEn, required: raw.required !== false, maxLength };
}

function ids(v: unknown, path: string, problems: SurveyProblem[]): number[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => !Number.isSafeInteger(x) || (x as number) < 1)) {
    problems.push({ path, code: 'not-unit-ids' });
    return [];
  }
  return [...new Set(v as number[])];
}

function roles(v: unknown, problems: SurveyProblem[]): Role[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((r) => !(ROLES as readonly string[]).includes(String(r)))) {
    problems.push({ path: 'audience.roles', code: 'unknown-role' });
    return [];
  }
  return [...new Set(v as Role[])];
}

function times(raw: Raw, tz: string, now: Date, problems: SurveyProblem[]) {
  const at = (key: string, required: boolean) => {
    if (raw[key] === undefined || raw[key] === null) {
      if (required) problems.push({ path: key, code: 'required' });
      return null;
    }
    const t = parseSurveyTime(raw[key], tz);
    if (!t) problems.push({ path: key, code: 'bad-time' });
    return t;
  };
  const opensAt = at('opensAt', false) ?? now;
  const closesAt = at('closesAt', true);
  const remindAt = at('remindAt', false);
  if (closesAt && closesAt.getTime() <= opensAt.getTime()) problems.push({ path: 'closesAt', code: 'closes-before-opening' });
  if (closesAt && closesAt.getTime() <= now.getTime()) problems.push({ path: 'closesAt', code: 'in-the-past' });
  if (remindAt && closesAt && (remindAt.getTime() <= opensAt.getTime() || remindAt.getTime() >= closesAt.getTime())) {
    problems.push({ path: 'remindAt', code: 'reminder-outside-window' });
  }
  return { opensAt, closesAt, remindAt };
}

/**
 * Checks a definition as people write it (the CLI's JSON file, the dashboard's form); times
 * without a zone are read in `tz` (the creator's unit's). Every problem comes back at once.
 */
export function validateSurvey(input: unknown, tz: string, now: Date): Result<SurveyDefinition, SurveyProblem[]> {
  const problems: SurveyProblem[] = [];
  if (!isObject(input)) return err([{ path: '', code: 'not-an-object' }]);
  const title = text(input, 'title', SURVEY_LIMITS.titleMax, problems);
  const titleEn = text(input, 'titleEn', SURVEY_LIMITS.titleMax, problems, 'titleEn', false);
  const intro = text(input, 'intro', SURVEY_LIMITS.introMax, problems, 'intro', false);
  const introEn = text(input, 'introEn', SURVEY_LIMITS.introMax, problems, 'introEn', false);
  if (input.anonymous !== undefined && typeof input.anonymous !== 'boolean') problems.push({ path: 'anonymous', code: 'not-boolean' });
  const { opensAt, closesAt, remindAt } = times(input, tz, now, problems);
  const audience = isObject(input.audience) ? input.audience : {};
  const qs = Array.isArray(input.questions) ? input.questions : [];
  if (qs.length < SURVEY_LIMITS.minQuestions) problems.push({ path: 'questions', code: 'too-few-questions', limit: SURVEY_LIMITS.minQuestions });
  if (qs.length > SURVEY_LIMITS.maxQuestions) problems.push({ path: 'questions', code: 'too-many-questions', limit: SURVEY_LIMITS.maxQuestions });
  const questions = qs.slice(0, SURVEY_LIMITS.maxQuestions).map((q, i) => question(q, i, problems));
  const def: SurveyDefinition = {
    title: title ?? '',
    titleEn,
    intro: intro ?? '',
    introEn,
    anonymous: input.anonymous === true,
    opensAt,
    closesAt: closesAt ?? now,
    remindAt,
    audienceUnitIds: ids(audience.unitIds, 'audience.unitIds', problems),
    audienceRoles: roles(audience.roles, problems),
    paidBroadcast: input.paidBroadcast === true,
    questions: questions.filter((q): q is SurveyQuestion => q !== null),
  };
  return problems.length > 0 ? err(problems) : ok(def);
}

/** A survey's texts in a language (English falls back to Vietnamese where not given). */
export function surveyText(s: Pick<SurveyDefinition, 'title' | 'titleEn' | 'intro' | 'introEn'>, lang: 'vi' | 'en') {
  return lang === 'en' ? { title: s.titleEn ?? s.title, intro: s.introEn ?? s.intro } : { title: s.title, intro: s.intro };
}

/** A question's texts in a language. */
export function questionText(q: SurveyQuestion, lang: 'vi' | 'en'): { text: string; options: string[] } {
  if (lang !== 'en') return { text: q.text, options: q.options };
  return { text: q.textEn ?? q.text, options: q.optionsEn.length === q.options.length ? q.optionsEn : q.options };
}

/** Open for answers at `now` (between its open and close times, and not closed early). */
export function acceptsAnswers(s: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  return s.status === 'open' && now.getTime() >= s.opensAt.getTime() && now.getTime() < s.closesAt.getTime();
}
