import type { Language } from '../domain/vocabulary.js';
import { natural } from './natural.js';
import type { KeywordEvidence } from './keywords.js';
import type { MoodScore } from './mood.js';
import type { Trigger } from '../domain/urgency.js';

/** Which text features a model reads; part of the model (and of its version). */
export interface FeatureOptions {
  /** Character n-gram lengths over the folded text (empty: none). */
  readonly charGrams: readonly number[];
  /** Word pairs (`b:gia_dien`) as well as words. */
  readonly wordPairs: boolean;
  /** Words in the scope of a negator get a second, negated feature (`n:lo`). */
  readonly negation: boolean;
  /** Minimum number of training documents a text feature must appear in. */
  readonly minDf: number;
  /** Weight of the character n-gram block against the word block (each L2-normalised); 0: one block. */
  readonly charWeight: number;
  /**
   * With `negation`: a word in a negator's scope gives only its negated feature (`n:lo`), not
   * the plain one too, so "not angry" stops counting as "angry" (the classic NOT_ marking).
   */
  readonly negationReplaces?: boolean;
  /** English words also give their Porter stem (`s:protest` for protesting, protesters). */
  readonly englishStems?: boolean;
}

/** Defaults chosen by cross-validation on the training corpus (npm run train -- --compare). */
export const FEATURE_DEFAULTS: FeatureOptions = { charGrams: [3, 4], wordPairs: true, negation: true, negationReplaces: true, minDf: 3, charWeight: 0.5 };

/** The block of a text feature: 0 words, pairs and negated words; 1 character n-grams. */
export function featureBlock(term: string): number {
  return term.startsWith('c:') ? 1 : 0;
}

/** The hand-written knowledge the models read as features rather than obey as rules. */
export interface Signals {
  readonly language: Language;
  readonly mood: MoodScore;
  readonly triggers: readonly Trigger[];
  readonly keywords: readonly KeywordEvidence[];
  readonly distant: boolean;
}

/** A report as the models see it: text features (TF-IDF) and signal features (raw values). */
export interface FeatureBag {
  readonly text: Map<string, number>;
  readonly signals: Map<string, number>;
}

const NEGATORS = new Set(['khong', 'chang', 'chua', 'cha', 'dung', 'not', 'no', 'never', 'nobody', 'none', 'without']);
const NEGATION_SCOPE = 3;
const MAX_CHARS = 1500;

function add(map: Map<string, number>, key: string, value = 1): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/**
 * The text features of a report: folded words, word pairs, character n-grams of the folded
 * text (they survive typos and missing diacritics: `bức xúc`, `buc xuc`, `bưc xuc` share most
 * of theirs) and negated words. Deterministic; the unit every learned model reads.
 */
export function textFeatures(folded: readonly string[], options: FeatureOptions = FEATURE_DEFAULTS, language: Language = 'vi'): Map<string, number> {
  const out = new Map<string, number>();
  let negatedUntil = -1;
  const stems = options.englishStems === true && language === 'en';
  const replaces = options.negationReplaces === true;
  folded.forEach((w, i) => {
    const negator = options.negation && NEGATORS.has(w);
    const negated = options.negation && !negator && i <= negatedUntil;
    if (!(replaces && negated)) add(out, `w:${w}`);
    if (stems) {
      const s = natural.PorterStemmer.stem(w);
      if (s !== w) add(out, `s:${s}`);
    }
    if (options.wordPairs && i + 1 < folded.length) add(out, `b:${w}_${folded[i + 1] as string}`);
    if (negator) negatedUntil = i + NEGATION_SCOPE;
    else if (negated) add(out, `n:${w}`);
  });
  if (options.charGrams.length > 0) {
    const joined = ` ${folded.join(' ').slice(0, MAX_CHARS)} `;
    for (const n of options.charGrams) {
      for (let i = 0; i + n <= joined.length; i += 1) add(out, `c:${joined.slice(i, i + n)}`);
    }
  }
  return out;
}

/**
 * The signal features: the mood lexicon's reading (with negation and intensifiers), trigger
 * phrases by kind, the taxonomy's keyword evidence, distance and language. Their weights are
 * learned with the rest, so a rule that misleads on real reports simply counts less.
 */
export function signalFeatures(s: Signals): Map<string, number> {
  const out = new Map<string, number>();
  for (const [mood, score] of Object.entries(s.mood.scores)) if (score > 0) out.set(`lex:${mood}`, Math.log1p(score));
  for (const e of s.mood.evidence) {
    if (e.negated) add(out, 'lex:negated', 0.5);
    if (e.intensified) add(out, `lex:intense:${e.mood}`, 0.5);
  }
  for (const t of s.triggers) out.set(`trig:${t.kind}`, 1);
  if (s.triggers.length > 0) out.set('trig:any', Math.log1p(s.triggers.length));
  for (const k of s.keywords) out.set(`kw:${k.slug}`, Math.log1p(k.score));
  if (s.distant) out.set('distant', 1);
  if (s.language === 'en') out.set('lang:en', 1);
  return out;
}
