/**
 * Survey buttons and question messages. Callback data (≤ 64 bytes), parsed strictly:
 *   sv:<survey>:go                start (or restart to change named answers)
 *   sv:<survey>:c:<token>         change an anonymous response (the token only this chat holds)
 *   sv:<survey>:<q>:o<i>          single choice i        sv:<survey>:<q>:v<n>  scale n
 *   sv:<survey>:<q>:t<i>          toggle multiple i      sv:<survey>:<q>:d     Done      sv:<survey>:<q>:s  Skip
 */
import { InlineKeyboard } from 'grammy';
import type { Translate } from '../../domain/translate.js';
import { questionText, type Survey, type SurveyQuestion } from '../../domain/survey.js';
import { escapeHtml } from '../../domain/text.js';
import type { Language } from '../../domain/vocabulary.js';

export type SurveyButton =
  | { surveyId: number; kind: 'start' }
  | { surveyId: number; kind: 'change'; token: string }
  | { surveyId: number; kind: 'option' | 'scale' | 'toggle'; position: number; value: number }
  | { surveyId: number; kind: 'done' | 'skip'; position: number };

const DATA = /^sv:(\d{1,9}):(?:(go)|c:([A-Za-z0-9_-]{22})|(\d{1,2}):([ovt])(\d{1,2})|(\d{1,2}):([ds]))$/;
const KINDS = { o: 'option', v: 'scale', t: 'toggle', d: 'done', s: 'skip' } as const;

/** Parses survey button data; null when forged or another feature's. */
export function parseSurveyData(data: string | undefined): SurveyButton | null {
  const m = DATA.exec(data ?? '');
  if (!m) return null;
  const surveyId = Number(m[1]);
  if (m[2]) return { surveyId, kind: 'start' };
  if (m[3]) return { surveyId, kind: 'change', token: m[3] };
  if (m[4]) return { surveyId, kind: KINDS[m[5] as 'o' | 'v' | 't'], position: Number(m[4]), value: Number(m[6]) };
  return { surveyId, kind: KINDS[m[8] as 'd' | 's'], position: Number(m[7]) };
}

export const changeData = (surveyId: number, token: string) => `sv:${surveyId}:c:${token}`;

/** The question as a message: header, text, how to answer, and its buttons. */
export function questionMessage(t: Translate, lang: Language, s: Survey, q: SurveyQuestion, selection: readonly number[]): { text: string; keyboard: InlineKeyboard | null } {
  const { text, options } = questionText(q, lang);
  const hint = q.kind === 'text' ? t(lang, 'survey-hint-text', { max: q.maxLength ?? 0 }) : t(lang, `survey-hint-${q.kind}`);
  const lines = [t(lang, 'survey-question-header', { n: q.position, total: s.questions.length }), escapeHtml(text)];
  if (q.kind !== 'scale' && q.kind !== 'text') lines.push('', ...options.map((o, i) => `${i + 1}. ${escapeHtml(o)}`));
  lines.push('', `<i>${hint}${q.required ? '' : ` ${t(lang, 'survey-hint-optional')}`}</i>`);
  const kb = new InlineKeyboard();
  const base = `sv:${s.id}:${q.position}`;
  if (q.kind === 'single') options.forEach((o, i) => kb.text(`${i + 1}. ${o}`, `${base}:o${i}`).row());
  if (q.kind === 'multiple') {
    options.forEach((o, i) => kb.text(`${selection.includes(i) ? '☑️' : '⬜'} ${i + 1}. ${o}`, `${base}:t${i}`).row());
    kb.text(t(lang, 'survey-btn-done'), `${base}:d`).row();
  }
  if (q.kind === 'scale') [1, 2, 3, 4, 5].forEach((n) => kb.text(String(n), `${base}:v${n}`));
  if (!q.required) kb.row().text(t(lang, 'survey-btn-skip'), `${base}:s`);
  const empty = kb.inline_keyboard.every((r) => r.length === 0);
  return { text: lines.join('\n'), keyboard: empty ? null : kb };
}
