/**
 * Answering a survey, one question at a time, as a story: find the survey and the person's
 * standing → refuse politely when it has closed → take the answer to the question being asked
 * → ask the next one, or submit. Progress lives in the recipient's bookkeeping row, so a
 * restart resumes where the person was; a submitted response replaces an earlier one of the
 * same person until the close time (changing an answer).
 *
 * Anonymity: an anonymous response gets a random id, no member and no time, the anonymity
 * cell's unit, and a key that is the hash of a random token given only to the person (in the
 * "change my answers" button of the thank-you message); nothing stored links it to them.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { completeAnswers, toggle, type SurveyAnswer, type SurveyAnswers } from '../../domain/survey-answers.js';
import { acceptsAnswers, type Survey, type SurveyQuestion } from '../../domain/survey.js';
import type { RecipientState, SurveyStore } from './ports.js';

export interface AnswerDeps {
  surveys: SurveyStore;
  clock: Clock;
}

/** Who answers. */
export interface Respondent {
  id: number;
  unitId: number;
}

export type AnswerStep =
  | { type: 'ask'; survey: Survey; question: SurveyQuestion; selection: number[] }
  | { type: 'done'; survey: Survey; token: string | null; replaced: boolean }
  | { type: 'closed'; survey: Survey }
  | { type: 'not-found' }
  | { type: 'not-asked' }
  | { type: 'stale'; survey: Survey }
  | { type: 'required'; survey: Survey; question: SurveyQuestion }
  | { type: 'answered-anonymously'; survey: Survey }
  | { type: 'unknown-key'; survey: Survey };

/** Progress key holding the response key being replaced while an anonymous answer is changed. */
const REPLACING = '_key';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The key of a named response: one per (survey, member). */
const namedKey = (surveyId: number, memberId: number) => sha256(`named:${surveyId}:${memberId}`);
/** The key of an anonymous response: the hash of the token only the person holds. */
export const anonymousKey = (surveyId: number, token: string) => sha256(`anonymous:${surveyId}:${token}`);

type Loaded = { step: AnswerStep } | { survey: Survey; rec: RecipientState };

async function load(deps: AnswerDeps, who: Respondent, surveyId: number, known?: RecipientState): Promise<Loaded> {
  const survey = await deps.surveys.get(surveyId);
  if (!survey || survey.status === 'draft' || survey.status === 'scheduled') return { step: { type: 'not-found' } };
  if (!acceptsAnswers(survey, deps.clock())) return { step: { type: 'closed', survey } };
  const rec = known && known.surveyId === surveyId && known.memberId === who.id ? known : await deps.surveys.recipient(surveyId, who.id);
  if (!rec) return { step: { type: 'not-asked' } };
  return { survey, rec };
}

const ask = (survey: Survey, position: number, progress: SurveyAnswers): AnswerStep => {
  const question = survey.questions.find((q) => q.position === position)!;
  const a = progress[String(position)];
  return { type: 'ask', survey, question, selection: Array.isArray(a) ? a : [] };
};

/**
 * Starts (or restarts, to change the answers) a survey at its first question. `token`: the
 * anonymous person's token from their thank-you message, to replace their earlier response.
 */
export async function startSurvey(deps: AnswerDeps, who: Respondent, surveyId: number, token?: string): Promise<AnswerStep> {
  const l = await load(deps, who, surveyId);
  if ('step' in l) return l.step;
  const { survey, rec } = l;
  if (rec.position !== null && rec.progress && !token) return ask(survey, rec.position, rec.progress);
  if (survey.anonymous && rec.answered && !token) return { type: 'answered-anonymously', survey };
  // A change names an existing response: a made-up token cannot add a second one.
  const key = token ? anonymousKey(surveyId, token) : null;
  if (key && !(survey.anonymous && (await deps.surveys.responseExists(surveyId, key)))) return { type: 'unknown-key', survey };
  const progress: SurveyAnswers = key ? { [REPLACING]: key } : {};
  await deps.surveys.saveProgress(surveyId, who.id, 1, progress, deps.clock());
  return ask(survey, 1, progress);
}

/** Resumes the question being asked (after a restart, or /surveys); `known`: the standing already read. */
export async function currentStep(deps: AnswerDeps, who: Respondent, surveyId: number, known?: RecipientState): Promise<AnswerStep> {
  const l = await load(deps, who, surveyId, known);
  if ('step' in l) return l.step;
  if (l.rec.position === null || !l.rec.progress) return startSurvey(deps, who, surveyId);
  return ask(l.survey, l.rec.position, l.rec.progress);
}

/** Toggles an option of the multiple-choice question being asked. */
export async function toggleOption(deps: AnswerDeps, who: Respondent, surveyId: number, position: number, option: number): Promise<AnswerStep> {
  const l = await load(deps, who, surveyId);
  if ('step' in l) return l.step;
  const { survey, rec } = l;
  if (rec.position !== position || !rec.progress) return { type: 'stale', survey };
  const before = rec.progress[String(position)];
  const progress = { ...rec.progress, [String(position)]: toggle(Array.isArray(before) ? before : [], option) };
  await deps.surveys.saveProgress(surveyId, who.id, position, progress, deps.clock());
  return ask(survey, position, progress);
}

/**
 * Takes the answer to the question at `position` (already checked against it: see
 * domain/survey-answers.ts); `undefined` = Done on a multiple-choice question (its toggles).
 */
export async function answerQuestion(
  deps: AnswerDeps,
  who: Respondent,
  surveyId: number,
  position: number,
  answer: SurveyAnswer | undefined,
  known?: RecipientState,
): Promise<AnswerStep> {
  const l = await load(deps, who, surveyId, known);
  if ('step' in l) return l.step;
  const { survey, rec } = l;
  if (rec.position !== position || !rec.progress) return { type: 'stale', survey };
  const question = survey.questions.find((q) => q.position === position)!;
  const value = answer === undefined ? (rec.progress[String(position)] ?? null) : answer;
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  if (empty && question.required) return { type: 'required', survey, question };
  const progress: SurveyAnswers = { ...rec.progress, [String(position)]: empty ? null : value };
  const next = survey.questions.find((q) => q.position > position);
  if (next) {
    await deps.surveys.saveProgress(surveyId, who.id, next.position, progress, deps.clock());
    return ask(survey, next.position, progress);
  }
  return submit(deps, who, survey, progress, rec.unitId);
}

async function submit(deps: AnswerDeps, who: Respondent, survey: Survey, progress: SurveyAnswers, recipientUnit: number): Promise<AnswerStep> {
  const complete = completeAnswers(survey.questions, progress);
  if (!complete.ok) {
    const question = survey.questions.find((q) => q.position === complete.error.position)!;
    await deps.surveys.saveProgress(survey.id, who.id, question.position, progress, deps.clock());
    return { type: 'required', survey, question };
  }
  const replacing = typeof progress[REPLACING] === 'string' ? (progress[REPLACING] as string) : null;
  const token = survey.anonymous ? randomBytes(16).toString('base64url') : null;
  const respondentKey = token ? (replacing ?? anonymousKey(survey.id, token)) : namedKey(survey.id, who.id);
  const unitId = (await deps.surveys.cellOf(survey.id, who.id, recipientUnit)) ?? who.unitId;
  const r = await deps.surveys.submit({ survey, memberId: who.id, unitId, respondentKey, responseId: randomUUID(), answers: complete.value }, deps.clock());
  // A replaced anonymous response keeps its key: the person's old token still changes it.
  return { type: 'done', survey, token: replacing ? null : token, replaced: r.replaced };
}

/** Forgets the answers in progress (/cancel); the survey can be started again while open. */
export async function cancelAnswering(deps: AnswerDeps, who: Respondent): Promise<boolean> {
  const id = await deps.surveys.inProgress(who.id, deps.clock());
  if (id === null) return false;
  await deps.surveys.saveProgress(id, who.id, null, null, deps.clock());
  return true;
}
