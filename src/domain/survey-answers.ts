/**
 * A survey answer, by button or typed as people type (numbers, option words with or without
 * diacritics, in Vietnamese or English), checked against its question. Pure; the bot re-asks
 * with the reason when a typed answer does not fit.
 */
import { charCount, fold, hasWords } from './answers.js';
import { sanitizeText } from './text.js';
import { err, ok, type Result } from './result.js';
import type { SurveyQuestion } from './survey.js';

/** One stored answer: option index (single), option indices (multiple), 1–5 (scale), text; null = skipped. */
export type SurveyAnswer = number | number[] | string | null;

/** Answers by question position. */
export type SurveyAnswers = Record<string, SurveyAnswer>;

/** Why a typed answer was not taken (the bot words it). */
export type AnswerProblem = 'not-an-option' | 'not-a-scale' | 'empty' | 'too-long' | 'required';

const SKIP_WORDS = new Set(['bo qua', 'skip', 'khong', 'none', '-']);
const SCALE_WORDS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5,
  one: 1, two: 2, three: 3, four: 4, five: 5,
};

/** The option a folded word names: its number (1-based) or its text in either language. */
function optionIndex(word: string, q: SurveyQuestion): number | null {
  if (/^\d{1,2}$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= q.options.length ? n - 1 : null;
  }
  const names = [q.options, q.optionsEn];
  for (const list of names) {
    const i = list.findIndex((o) => fold(o) === word);
    if (i >= 0) return i;
  }
  return null;
}

/**
 * Options of a multiple-choice answer: parts split by commas (`;`, `/`, `+`, "và", "and"),
 * each an option's number or words, or several of them separated by spaces ("dien nuoc", "1 3").
 */
function pickMany(typed: string, q: SurveyQuestion): number[] | null {
  const out = new Set<number>();
  const parts = typed
    .split(/[,;/+]/)
    .flatMap((p) => fold(p).split(/ (?:va|and) /))
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  for (const part of parts) {
    const whole = optionIndex(part, q);
    if (whole !== null) {
      out.add(whole);
      continue;
    }
    const words = part.split(' ').map((w) => optionIndex(w, q));
    if (words.some((i) => i === null)) return null;
    for (const i of words) out.add(i!);
  }
  return [...out].sort((a, b) => a - b);
}

/** True when the typed text means "skip" (optional questions only). */
export function isSkip(typed: string): boolean {
  return SKIP_WORDS.has(fold(typed));
}

/** Reads a typed answer to `q`. */
export function parseTypedAnswer(q: SurveyQuestion, typed: string): Result<SurveyAnswer, AnswerProblem> {
  if (isSkip(typed) && q.kind !== 'text') return q.required ? err('required') : ok(null);
  switch (q.kind) {
    case 'single': {
      const i = optionIndex(fold(typed), q);
      return i === null ? err('not-an-option') : ok(i);
    }
    case 'multiple': {
      const picked = pickMany(typed, q);
      return picked === null ? err('not-an-option') : ok(picked);
    }
    case 'scale': {
      const f = fold(typed);
      const n = /^[1-5]$/.test(f) ? Number(f) : SCALE_WORDS[f];
      return n === undefined ? err('not-a-scale') : ok(n);
    }
    case 'text': {
      const clean = sanitizeText(typed).trim();
      if (!q.required && isSkip(clean)) return ok(null);
      if (!hasWords(clean)) return err('empty');
      if (charCount(clean) > (q.maxLength ?? Number.MAX_SAFE_INTEGER)) return err('too-long');
      return ok(clean);
    }
  }
}

/** Checks a button's value (`o3`, `v4`) against its question: the option or scale value, or null when forged. */
export function buttonAnswer(q: SurveyQuestion, value: number): number | null {
  if (q.kind === 'scale') return Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
  if (q.kind === 'single' || q.kind === 'multiple') return Number.isInteger(value) && value >= 0 && value < q.options.length ? value : null;
  return null;
}

/** A multiple-choice selection with one option toggled. */
export function toggle(selected: readonly number[], option: number): number[] {
  const s = new Set(selected);
  if (s.has(option)) s.delete(option);
  else s.add(option);
  return [...s].sort((a, b) => a - b);
}

/** Checks a whole set of answers against the questions (what the store accepts). */
export function completeAnswers(questions: readonly SurveyQuestion[], answers: SurveyAnswers): Result<SurveyAnswers, { position: number }> {
  const out: SurveyAnswers = {};
  for (const q of questions) {
    const a = answers[String(q.position)] ?? null;
    const empty = a === null || (Array.isArray(a) && a.length === 0);
    if (empty && q.required) return err({ position: q.position });
    out[String(q.position)] = empty ? null : a;
  }
  return ok(out);
}
