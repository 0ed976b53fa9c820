/**
 * The arithmetic of surveys that needs no I/O: cohorts and their pace, the anonymity cells an
 * anonymous response is filed under, and the tallies shown on the dashboard, the digest and
 * the exports (with groups below the minimum size not broken down).
 */
import type { SurveyAnswer, SurveyAnswers } from './survey-answers.js';
import type { SurveyQuestion } from './survey.js';

/** How survey messages are paced: cohorts of `size` released every `intervalMs`. */
export interface CohortPlan {
  size: number;
  intervalMs: number;
  cohorts: number;
}

/**
 * Cohorts for `recipients` at `perSecond` survey messages a second: one cohort per interval
 * (default 60 s), so that the queue never holds more survey messages than the pace sends in
 * one interval and alerts (a higher lane) always find it short.
 */
export function planCohorts(recipients: number, perSecond: number, intervalMs = 5_000): CohortPlan {
  const size = Math.max(1, Math.floor((perSecond * intervalMs) / 1000));
  return { size, intervalMs, cohorts: Math.ceil(recipients / size) };
}

/**
 * The anonymity cell of each unit: the unit itself when its subtree holds at least `k`
 * recipients, else the nearest ancestor (inside the survey's root) that does, else the root.
 * Anonymous responses are filed under the cell, so no stored unit names fewer than `k` people.
 * `parentOf` maps every unit of the survey's subtree to its parent (null above the root).
 */
export function anonymityCells(recipientsPerUnit: ReadonlyMap<number, number>, parentOf: ReadonlyMap<number, number | null>, rootId: number, k: number): Map<number, number> {
  const subtree = new Map<number, number>();
  for (const [unit, n] of recipientsPerUnit) {
    for (let u: number | null | undefined = unit; u !== null && u !== undefined; u = u === rootId ? null : parentOf.get(u)) {
      subtree.set(u, (subtree.get(u) ?? 0) + n);
    }
  }
  const cells = new Map<number, number>();
  for (const unit of recipientsPerUnit.keys()) {
    let u: number | null | undefined = unit;
    while (u !== null && u !== undefined && u !== rootId && (subtree.get(u) ?? 0) < k) u = parentOf.get(u);
    cells.set(unit, u ?? rootId);
  }
  return cells;
}

/** The figures of one question. */
export interface QuestionTally {
  position: number;
  kind: SurveyQuestion['kind'];
  /** Responses that answered it (not skipped). */
  answered: number;
  /** Per option (single, multiple) or per scale value 1–5 (index 0 = 1). */
  counts: number[];
  /** Share of `answered` per entry of `counts`, 0–1. */
  shares: number[];
  /** Mean of a scale question; null otherwise or when nobody answered. */
  mean: number | null;
  /** Text answers (text questions), as stored; callers redact before showing. */
  texts: string[];
}

/** Tallies responses per question. */
export function tally(questions: readonly SurveyQuestion[], responses: readonly SurveyAnswers[]): QuestionTally[] {
  return questions.map((q) => {
    const size = q.kind === 'scale' ? 5 : q.options.length;
    const counts = new Array<number>(size).fill(0);
    const texts: string[] = [];
    let answered = 0;
    let sum = 0;
    for (const r of responses) {
      const a: SurveyAnswer | undefined = r[String(q.position)];
      if (a === null || a === undefined) continue;
      answered += 1;
      if (q.kind === 'text' && typeof a === 'string') texts.push(a);
      else if (q.kind === 'scale' && typeof a === 'number' && a >= 1 && a <= 5) {
        counts[a - 1]! += 1;
        sum += a;
      } else if (typeof a === 'number' && a < size) counts[a]! += 1;
      else if (Array.isArray(a)) for (const i of a) if (i < size) counts[i]! += 1;
    }
    const shares = counts.map((c) => (answered > 0 ? c / answered : 0));
    return { position: q.position, kind: q.kind, answered, counts, shares, mean: q.kind === 'scale' && answered > 0 ? sum / answered : null, texts };
  });
}

/** The response rate: responses over recipients reached (unreached people count as not reached, not as silent). */
export interface ResponseRate {
  recipients: number;
  reached: number;
  answered: number;
  /** answered / recipients, 0–1. */
  rate: number;
}

export function responseRate(recipients: number, unreached: number, answered: number): ResponseRate {
  return { recipients, reached: recipients - unreached, answered, rate: recipients > 0 ? answered / recipients : 0 };
}

/** A group's figures, or the fact that it is too small to be shown apart. */
export type GroupBreakdown<T> = { unitId: number; responses: number; suppressed: false; value: T } | { unitId: number; responses: number; suppressed: true };

/** Keeps a group's figures only when it has at least `minGroupSize` responses. */
export function breakdown<T>(groups: ReadonlyMap<number, readonly SurveyAnswers[]>, minGroupSize: number, f: (rows: readonly SurveyAnswers[]) => T): GroupBreakdown<T>[] {
  return [...groups].map(([unitId, rows]) =>
    rows.length >= minGroupSize ? { unitId, responses: rows.length, suppressed: false, value: f(rows) } : { unitId, responses: rows.length, suppressed: true },
  );
}
