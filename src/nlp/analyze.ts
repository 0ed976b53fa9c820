import type { TopicDefinition } from '../domain/taxonomy.js';
import { scoreUrgency, type GroupGrowth, type TextUrgency, type Trigger, type Urgency, type UrgencyThresholds } from '../domain/urgency.js';
import type { Language, Mood, Source, Spread } from '../domain/vocabulary.js';
import { combineMood, type CombinedMood, type MoodScore } from './mood.js';
import { normalizeText, type NormalizeReport } from './normalize.js';
import { redact, type RedactionCounts } from './redact.js';
import type { TextModel, TopicTagging } from './text-model.js';
import { inferSpread } from './triggers.js';

/** What the analysis of one report needs from the report itself. */
export interface AnalyzeInput {
  readonly text: string;
  /** The collaborator's topic; `null`/absent/'auto' means "let the system decide". */
  readonly chosenTopic?: string | null;
  readonly reportedMood?: Mood | null;
  readonly spread?: Spread | null;
  readonly source?: Source | null;
  readonly groupGrowth?: GroupGrowth | null;
}

/** Built once per process (taxonomy, the loaded model bound to it, thresholds from settings). */
export interface AnalyzeDeps {
  readonly model: TextModel;
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
  /** The learned reading of urgency from the text alone (rescored with the group's growth later). */
  readonly textUrgency: TextUrgency;
  /** The text relays news or faraway events (a feature of the urgency model). */
  readonly distant: boolean;
  readonly spread: { readonly value: Spread | null; readonly inferred: boolean };
  readonly urgency: Urgency;
  /** Why the analysis had little to go on (e.g. empty text), for leaders and logs. */
  readonly notes: string[];
  readonly modelVersion: string;
}

/** Longer texts are cut before the (linear but not free) models; the stored text stays whole. */
const MAX_ANALYSED_CHARS = 4000;

/**
 * Runs every text step of the analysis of a report: normalise, redact, read (language,
 * teencode, features), tag topics (with the collaborator's prior), read mood and score
 * urgency with the learned models. A text that is empty after normalisation is filed as
 * `other`/`neutral` with a note saying why. Pure apart from CPU: same input and deps → same output.
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
  const read = deps.model.input(hasWords ? sample : '');
  const topics = deps.model.topics(read, chosen);
  const textMood = deps.model.mood(read);
  const mood = combineMood(textMood, input.reportedMood ?? null);
  const textUrgency: TextUrgency = hasWords ? deps.model.urgency(read) : { margin: NO_TEXT_MARGIN, contributions: [] };
  const inferred = input.spread ? undefined : inferSpread(read.read.matchable);
  const spread = input.spread ?? inferred ?? null;
  const sensitive = deps.topics.find((t) => t.slug === topics.top)?.sensitive ?? false;
  const urgency = scoreUrgency(
    {
      text: textUrgency,
      textMood: textMood.mood,
      reportedMood: input.reportedMood ?? null,
      spread,
      spreadInferred: inferred !== undefined,
      source: input.source ?? null,
      sensitiveTopic: sensitive,
      groupGrowth: input.groupGrowth ?? null,
    },
    deps.thresholds,
  );
  return {
    text,
    language: read.read.language,
    removed: normalized.removed,
    redacted: redaction.found,
    topics,
    textMood,
    mood,
    triggers: read.read.triggers,
    textUrgency,
    distant: read.read.distant,
    spread: { value: spread, inferred: inferred !== undefined },
    urgency,
    notes,
    modelVersion: deps.model.version,
  };
}

/** The urgency margin of a report with nothing to read: clearly below the threshold. */
const NO_TEXT_MARGIN = -4;
