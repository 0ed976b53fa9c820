import { MOODS, type Language, type Mood } from '../domain/vocabulary.js';
import { INTENSIFIERS, MOOD_FOLD_SAFE, MOOD_LEXICON, NEGATORS } from './mood-lexicon.js';
import { PhraseIndex, toMatchable, type MatchableText, type PhraseHit } from './phrase-index.js';

/** A lexicon phrase that contributed to a mood, with how it was read. */
export interface MoodEvidence {
  readonly phrase: string;
  readonly mood: Mood;
  readonly weight: number;
  readonly negated: boolean;
  readonly intensified: boolean;
}

/** The mood a text expresses: the winner, its strength, confidence and evidence. */
export interface MoodScore {
  readonly mood: Mood;
  /** Strength of the winning mood, 0..1 (0 when nothing in the text signals a mood). */
  readonly score: number;
  /** Share of all mood evidence that the winner holds, 0..1. */
  readonly confidence: number;
  readonly scores: Record<Mood, number>;
  readonly evidence: MoodEvidence[];
}

interface LexEntry {
  readonly phrase: string;
  readonly mood: Mood;
  readonly weight: number;
}

const lexicon = new PhraseIndex<LexEntry>(
  MOODS.flatMap((mood) =>
    Object.entries(MOOD_LEXICON[mood]).map(([phrase, weight]) => [phrase, { phrase, mood, weight }] as const),
  ),
  MOOD_FOLD_SAFE,
);
const negators = new PhraseIndex<string>(NEGATORS.map((n) => [n, n] as const));
const intensifiers = new PhraseIndex<string>(INTENSIFIERS.map((n) => [n, n] as const));

/** What a negated phrase means: "không lo" is calm, "không đồng tình" is doubt. */
const NEGATED: Record<Mood, Mood | null> = {
  angry: 'neutral',
  worried: 'neutral',
  skeptical: 'supportive',
  supportive: 'skeptical',
  neutral: null,
};
const NEGATED_FACTOR = 0.6;
const INTENSIFIER_FACTOR = 1.5;
const MIN_SIGNAL = 1;

function isNegated(hit: PhraseHit<LexEntry>, negs: PhraseHit<string>[]): boolean {
  return negs.some((n) => n.end <= hit.start && n.end >= hit.start - 3);
}

function isIntensified(hit: PhraseHit<LexEntry>, ints: PhraseHit<string>[]): boolean {
  return ints.some((i) => (i.end <= hit.start && i.end >= hit.start - 2) || (i.start >= hit.end && i.start <= hit.end + 1));
}

/**
 * Reads the mood of the people a report describes from its text, with the project's
 * Vietnamese and English lexicons, negation (`không`, `chẳng`, `chưa`, `đâu có`, `not`,
 * `never`, `n't`) and intensifiers (`rất`, `quá`, `lắm`, `very`). Neutral when nothing
 * signals a mood. `lang` is accepted for callers that know it; both lexicons always apply.
 */
export function scoreMood(text: string, _lang?: Language, prepared?: MatchableText): MoodScore {
  const matchable = prepared ?? toMatchable(text);
  const negs = negators.match(matchable);
  const ints = intensifiers.match(matchable);
  const scores: Record<Mood, number> = { supportive: 0, neutral: 0, skeptical: 0, worried: 0, angry: 0 };
  const evidence: MoodEvidence[] = [];
  for (const hit of lexicon.match(matchable)) {
    const negated = isNegated(hit, negs);
    const intensified = isIntensified(hit, ints);
    const mood = negated ? NEGATED[hit.entry.mood] : hit.entry.mood;
    if (mood === null) continue;
    const weight = hit.entry.weight * (negated ? NEGATED_FACTOR : 1) * (intensified ? INTENSIFIER_FACTOR : 1);
    scores[mood] += weight;
    evidence.push({ phrase: hit.entry.phrase, mood, weight: round(weight), negated, intensified });
  }
  return decide(scores, evidence);
}

function decide(scores: Record<Mood, number>, evidence: MoodEvidence[]): MoodScore {
  let mood: Mood = 'neutral';
  let top = 0;
  for (const m of MOODS) if (scores[m] > top) [mood, top] = [m, scores[m]];
  const total = MOODS.reduce((s, m) => s + scores[m], 0);
  if (top < MIN_SIGNAL) mood = 'neutral';
  const rounded = Object.fromEntries(MOODS.map((m) => [m, round(scores[m])])) as Record<Mood, number>;
  return {
    mood,
    score: round(top / (top + 2)),
    confidence: total === 0 ? 0 : round(scores[mood] / (total + 0.5)),
    scores: rounded,
    evidence,
  };
}

/** The mood a report is filed under, and how the text and the collaborator's choice relate. */
export interface CombinedMood {
  readonly mood: Mood;
  readonly source: 'text' | 'reported' | 'both';
  /** The collaborator chose one mood and the text confidently says another. */
  readonly disagreement: boolean;
}

const ALARMING: ReadonlySet<Mood> = new Set(['angry', 'worried']);

/**
 * Combines the text's mood with the one the collaborator chose (PRODUCT.md step 4). The
 * collaborator knows the people described, so their choice wins — except when they chose
 * `neutral` and the text confidently reads angry or worried, which must not be hidden.
 */
export function combineMood(textMood: MoodScore, reportedMood?: Mood | null): CombinedMood {
  if (!reportedMood) return { mood: textMood.mood, source: 'text', disagreement: false };
  if (reportedMood === textMood.mood) return { mood: reportedMood, source: 'both', disagreement: false };
  const confident = textMood.confidence >= 0.6 && textMood.score >= 0.5;
  if (reportedMood === 'neutral' && confident && ALARMING.has(textMood.mood)) {
    return { mood: textMood.mood, source: 'text', disagreement: true };
  }
  return { mood: reportedMood, source: 'reported', disagreement: confident && textMood.mood !== 'neutral' };
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
