/**
 * Answering surveys in the chat: `/surveys` lists the open ones; each question comes as its
 * own message with buttons (multiple choice toggles, then Done; the 1–5 scale); typed answers
 * are read like the report flow's (numbers, option words with or without diacritics) and a
 * bad one is re-asked with the reason. Progress is in the database, so a restart resumes.
 * Registered after the report conversation: while a report is in progress, typed text stays
 * the report's and survey buttons still work, so neither loses anything.
 */
import { Composer } from 'grammy';
import {
  answerQuestion,
  cancelAnswering,
  currentStep,
  startSurvey,
  toggleOption,
  type AnswerDeps,
  type AnswerStep,
} from '../../app/surveys/answer.js';
import { displayDateTime } from '../../app/surveys/lifecycle.js';
import { charCount } from '../../domain/answers.js';
import { buttonAnswer, parseTypedAnswer } from '../../domain/survey-answers.js';
import { surveyText, type Survey } from '../../domain/survey.js';
import { escapeHtml } from '../../domain/text.js';
import type { Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { BotContext } from '../context.js';
import type { Translate } from '../i18n.js';
import { changeData, parseSurveyData, questionMessage } from '../keyboards/survey.js';

export interface SurveysFeatureDeps extends AnswerDeps {
  t: Translate;
  units: { get(id: number): Promise<Unit | null> };
}

const lang = async (ctx: BotContext) => (await ctx.i18n.getLocale()) as Language;

async function closesText(deps: SurveysFeatureDeps, s: Survey): Promise<string> {
  const unit = await deps.units.get(s.unitId);
  return displayDateTime(s.closesAt, unit?.timezone ?? 'Asia/Ho_Chi_Minh');
}

/** Says what a step means: the next question, the thanks, or why not. */
async function show(deps: SurveysFeatureDeps, ctx: BotContext, step: AnswerStep): Promise<void> {
  const l = await lang(ctx);
  const title = 'survey' in step ? escapeHtml(surveyText(step.survey, l).title) : '';
  switch (step.type) {
    case 'ask':
    case 'required': {
      if (step.type === 'required') await ctx.reply(ctx.t('survey-bad-required'));
      const selection = step.type === 'ask' ? step.selection : [];
      const m = questionMessage(deps.t, l, step.survey, step.question, selection);
      return void (await ctx.reply(m.text, { parse_mode: 'HTML', ...(m.keyboard ? { reply_markup: m.keyboard } : {}) }));
    }
    case 'done': {
      const closes = await closesText(deps, step.survey);
      if (step.replaced) return void (await ctx.reply(ctx.t('survey-updated', { title }), { parse_mode: 'HTML' }));
      if (!step.token) return void (await ctx.reply(ctx.t('survey-thanks', { title, closes }), { parse_mode: 'HTML' }));
      const reply_markup = { inline_keyboard: [[{ text: ctx.t('survey-btn-change'), callback_data: changeData(step.survey.id, step.token) }]] };
      return void (await ctx.reply(ctx.t('survey-thanks-anonymous', { title, closes }), { parse_mode: 'HTML', reply_markup }));
    }
    case 'closed':
      return void (await ctx.reply(ctx.t('survey-closed', { title }), { parse_mode: 'HTML' }));
    case 'answered-anonymously':
      return void (await ctx.reply(ctx.t('survey-answered-anonymously')));
    case 'not-found':
      return void (await ctx.reply(ctx.t('survey-not-found')));
    case 'unknown-key':
      return void (await ctx.reply(ctx.t('survey-unknown-key')));
    case 'not-asked':
      return void (await ctx.reply(ctx.t('survey-not-asked')));
    case 'stale':
      return void (await ctx.reply(ctx.t('survey-stale')));
  }
}

async function onButton(deps: SurveysFeatureDeps, ctx: BotContext): Promise<void> {
  const b = parseSurveyData(ctx.callbackQuery?.data);
  if (!b) return void (await ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
  const who = ctx.member!;
  if (b.kind === 'start' || b.kind === 'change') {
    await ctx.answerCallbackQuery();
    return show(deps, ctx, await startSurvey(deps, who, b.surveyId, b.kind === 'change' ? b.token : undefined));
  }
  const survey = await deps.surveys.get(b.surveyId);
  const q = survey?.questions.find((x) => x.position === b.position);
  if (!survey || !q) return void (await ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
  if (b.kind === 'toggle') {
    const option = q.kind === 'multiple' ? buttonAnswer(q, b.value) : null;
    if (option === null) return void (await ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
    const step = await toggleOption(deps, who, b.surveyId, b.position, option);
    if (step.type !== 'ask') {
      await ctx.answerCallbackQuery(step.type === 'stale' ? { text: ctx.t('survey-stale') } : undefined);
      return step.type === 'stale' ? undefined : show(deps, ctx, step);
    }
    await ctx.answerCallbackQuery();
    const m = questionMessage(deps.t, await lang(ctx), step.survey, step.question, step.selection);
    return void (await ctx.editMessageReplyMarkup({ reply_markup: m.keyboard ?? undefined }).catch(() => undefined));
  }
  let answer: number | null | undefined;
  if (b.kind === 'option' || b.kind === 'scale') {
    const kindFits = b.kind === 'scale' ? q.kind === 'scale' : q.kind === 'single';
    answer = kindFits ? buttonAnswer(q, b.value) : null;
    if (answer === null) return void (await ctx.answerCallbackQuery({ text: ctx.t('intake-forged-button') }));
  } else answer = b.kind === 'skip' ? null : undefined;
  const step = await answerQuestion(deps, who, b.surveyId, b.position, answer);
  if (step.type === 'stale') return void (await ctx.answerCallbackQuery({ text: ctx.t('survey-stale') }));
  await ctx.answerCallbackQuery();
  await show(deps, ctx, step);
}

async function onText(deps: SurveysFeatureDeps, ctx: BotContext, text: string): Promise<boolean> {
  const who = ctx.member!;
  const answering = await deps.surveys.answering(who.id, deps.clock());
  if (answering === null) return false;
  if (answering.type === 'closed') {
    // Answering a survey that has closed since the last question: said once, then the text is the person's again.
    const survey = await deps.surveys.get(answering.surveyId);
    if (!survey) return false;
    await show(deps, ctx, { type: 'closed', survey });
    return true;
  }
  const rec = answering.state;
  const id = rec.surveyId;
  const step = await currentStep(deps, who, id, rec);
  if (step.type !== 'ask') {
    await show(deps, ctx, step);
    return true;
  }
  const parsed = parseTypedAnswer(step.question, text);
  if (!parsed.ok) {
    const max = step.question.maxLength ?? 0;
    await ctx.reply(ctx.t(`survey-bad-${parsed.error}`, { max, length: charCount(text.trim()) }));
    await show(deps, ctx, step);
    return true;
  }
  await show(deps, ctx, await answerQuestion(deps, who, id, step.question.position, parsed.value, rec));
  return true;
}

async function list(deps: SurveysFeatureDeps, ctx: BotContext): Promise<void> {
  const l = await lang(ctx);
  const open = await deps.surveys.openFor(ctx.member!.id, deps.clock());
  if (open.length === 0) return void (await ctx.reply(ctx.t('survey-list-empty')));
  const lines = [ctx.t('survey-list-header')];
  const rows: { text: string; callback_data: string }[][] = [];
  for (const { survey, answered } of open) {
    const title = surveyText(survey, l).title;
    lines.push(ctx.t('survey-list-line', { title: escapeHtml(title), closes: await closesText(deps, survey), state: answered ? 'answered' : 'open' }));
    if (!answered || !survey.anonymous) rows.push([{ text: `${answered ? '✏️' : '▶️'} ${title}`.slice(0, 60), callback_data: `sv:${survey.id}:go` }]);
  }
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}) });
}

/** `/surveys`, the survey buttons and typed answers to the question being asked. */
export function surveysFeature(deps: SurveysFeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('surveys', (ctx) => list(deps, ctx));
  c.callbackQuery(/^sv:/, (ctx) => onButton(deps, ctx));
  c.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    if (!(await onText(deps, ctx, ctx.message.text))) await next();
  });
  return c;
}

/** `/cancel` outside a report: stops the survey being answered (true when there was one). */
export function surveyCancel(deps: AnswerDeps): (ctx: BotContext) => Promise<boolean> {
  return async (ctx) => {
    if (!ctx.member || !(await cancelAnswering(deps, ctx.member))) return false;
    await ctx.reply(ctx.t('survey-cancelled'));
    return true;
  };
}
