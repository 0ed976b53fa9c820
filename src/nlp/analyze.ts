import type { TopicDefinition } from '../domain/taxonomy.js';
import { scoreUrgency, type GroupGrowth, type Trigger, type Urgency, type UrgencyThresholds } from '../domain/urgency.js';
import type { Language, Mood, Spread } from '../domain/vocabulary.js';
import { detectLanguage } from './language.js';
import { combineMood, scoreMood, type CombinedMood, type MoodScore } from './mood.js';
import { normalizeText, type NormalizeReport } from './normalize.js';
import { redact, type RedactionCounts } from './redact.js';
import type { TopicTagger, TopicTagging } from './topic-tagger.js';
import { detectTriggers, inferSpread, isDistantReport } from './triggers.js';

/** What the analysis of one report needs from the report itself. */
export interface AnalyzeInput {
  readonly text: string;
  /** The collaborator's topic; `null`/absent/'auto' means "let the system decide". */
  readonly chosenTopic?: string | null;
  readonly reportedMood?: Mood | null;
  readonly spread?: Spread | null;
  readonly groupGrowth?: GroupGrowth | null;
}

/** Built once per process (taxonomy, trained tagger, thresholds from settings). */
export interface AnalyzeDeps {
  readonly tagger: TopicTagger;
  readonly topics: readonly TopicDefinition[];
  readonly thresholds: UrgencyThresholds;
}

/** The full analysis of one report (steps 1–5 of PRODUCT.md), deterministic for its input. */
export interface TextAnalysis {
  /** Normalised and redacted: the only text a leader may see. */
  readonly text: string;
  readonly language: Language;
  readonly removed: NormalizeReport;
  readonly redacted: RedactionCounts;
  readonly topics: TopicTagging;
  readonly textMood: MoodScore;
  readonly mood: CombinedMood;
  readonly triggers: Trigger[];
  readonly spread: { readonly value: Spread | null; readonly inferred: boolean };
  readonly urgency: Urgency;
  /** Why the analysis had little to go on (e.g. empty text), for leaders and logs. */
  readonly notes: string[];
  readonly modelVersion: string;
}

/** Longer texts are cut before the (linear but not free) models; the stored text stays whole. */
const MAX_ANALYSED_CHARS = 4000;

/**
 * Runs every text step of the analysis of a report: normalise, detect language, redact,
 * tag topics (with the collaborator's prior), read mood, find triggers and score urgency.
 * A text that is empty after normalisation is filed as `other`/`neutral` with a note saying
 * why. Pure apart from CPU: same input and deps → same output.
 */
export function analyzeText(input: AnalyzeInput, deps: AnalyzeDeps): TextAnalysis {
  const normalized = normalizeText(input.text);
  const redaction = redact(normalized.text);
  const text = redaction.text;
  const sample = text.slice(0, MAX_ANALYSED_CHARS);
  const notes: string[] = [];
  const hasWords = /[\p{L}\p{N}]/u.test(sample);
  if (!hasWords) notes.push(normalized.text.length === 0 ? 'empty_after_normalization' : 'no_words_in_text');
  if (text.length > MAX_ANALYSED_CHARS) notes.push(`analysed_first_${MAX_ANALYSED_CHARS}_chars`);
  const chosen = input.chosenTopic && input.chosenTopic !== 'auto' ? input.chosenTopic : null;
  const topics = deps.tagger.tag(hasWords ? sample : '', { chosen });
  const textMood = scoreMood(hasWords ? sample : '');
  const mood = combineMood(textMood, input.reportedMood ?? null);
  const triggers = hasWords ? detectTriggers(sample) : [];
  const inferred = input.spread ? undefined : inferSpread(sample);
  const spread = input.spread ?? inferred ?? null;
  const sensitive = deps.topics.find((t) => t.slug === topics.top)?.sensitive ?? false;
  const urgency = scoreUrgency(
    {
      textMood: textMood.mood,
      textMoodConfidence: textMood.confidence,
      reportedMood: input.reportedMood ?? null,
      spread,
      spreadInferred: inferred !== undefined,
      sensitiveTopic: sensitive,
      triggers,
      distant: topics.top === 'world_affairs' || isDistantReport(sample),
      groupGrowth: input.groupGrowth ?? null,
    },
    deps.thresholds,
  );
  return {
    text,
    language: detectLanguage(sample),
    removed: normalized.removed,
    redacted: redaction.found,
    topics,
    textMood,
    mood,
    triggers,
    spread: { value: spread, inferred: inferred !== undefined },
    urgency,
    notes,
    modelVersion: deps.tagger.modelVersion,
  };
}
