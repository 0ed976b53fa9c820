import type { Trigger } from '../domain/urgency.js';
import type { Language } from '../domain/vocabulary.js';
import { signalFeatures, textFeatures, type FeatureOptions } from './features.js';
import type { KeywordEvidence, KeywordMatcher } from './keywords.js';
import { detectLanguage } from './language.js';
import { scoreMood, type MoodScore } from './mood.js';
import { toMatchable, type MatchableText } from './phrase-index.js';
import { expandTeencode } from './teencode.js';
import { words } from './tokenize.js';
import { detectTriggers, isDistantReport } from './triggers.js';

/** Everything the models read of one (normalised, redacted) text, computed once. */
export interface ReadText {
  readonly language: Language;
  /** The text with chat abbreviations expanded: what lexicons and triggers were matched on. */
  readonly expanded: string;
  /** Folded words of the expanded text. */
  readonly folded: readonly string[];
  /** The mood lexicon's reading (with negation and intensifiers). */
  readonly lexicon: MoodScore;
  readonly triggers: Trigger[];
  readonly keywords: KeywordEvidence[];
  readonly distant: boolean;
  /** The expanded text's words as phrase indexes match them (for the spread phrases). */
  readonly matchable: MatchableText;
  readonly text: Map<string, number>;
  readonly signals: Map<string, number>;
}

/**
 * Reads a text the way every model of src/nlp sees it, at training and at analysis alike:
 * language, teencode expanded, folded words, lexicon, trigger phrases, taxonomy keywords,
 * then the text and signal features built from them.
 */
export function readText(text: string, matcher: KeywordMatcher, options: FeatureOptions): ReadText {
  const language = detectLanguage(text);
  const expanded = expandTeencode(text, language).text;
  const folded = words(expanded);
  const matchable = toMatchable(expanded);
  const lexicon = scoreMood(expanded, language, matchable);
  const triggers = detectTriggers(expanded, matchable);
  const keywords = matcher.match(expanded, matchable);
  const distant = isDistantReport(matchable);
  return {
    language,
    expanded,
    folded,
    lexicon,
    triggers,
    keywords,
    distant,
    matchable,
    text: textFeatures(folded, options, language),
    signals: signalFeatures({ language, mood: lexicon, triggers, keywords, distant }),
  };
}
