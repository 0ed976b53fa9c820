/**
 * The text side of a report's analysis, before anything is written: src/nlp's `analyzeText`
 * (normalise, language, redact, topics with the collaborator's prior, mood, triggers,
 * urgency) on the content, plus the redaction of the proposal. Pure CPU work, run outside
 * the database transaction. Urgency is scored again inside the transaction with the issue
 * group's growth and the final topic (a leader's correction wins), from the same inputs.
 */
import type { TopicDefinition } from '../../domain/taxonomy.js';
import { scoreUrgency, type GroupGrowth, type Urgency, type UrgencyThresholds } from '../../domain/urgency.js';
import { SOURCES, type Mood, type Source, type Spread } from '../../domain/vocabulary.js';
import { analyzeText, createTextModel, normalizeText, redact, type PulseModel, type TextAnalysis as NlpAnalysis } from '../../nlp/index.js';

const isSource = (v: unknown): v is Source => (SOURCES as readonly unknown[]).includes(v);

/** Notes of `analyzeText` meaning "nothing to read": the report is filed as other/neutral. */
const EMPTY_NOTES = new Set(['empty_after_normalization', 'no_words_in_text']);

/** The text analysis of a report and what the transaction needs to rescore its urgency. */
export interface TextAnalysis {
  nlp: NlpAnalysis;
  /** True when nothing is left to read after normalisation (analysed as other/neutral). */
  empty: boolean;
  redactedProposal: string | null;
  /** Counts of redacted personal data in content and proposal together. */
  redactions: Record<string, number>;
  reportedMood: Mood | null;
  source: string | null;
}

/** What the text analysis needs of a report. */
export interface TextInput {
  content: string;
  proposal: string | null;
  chosenTopic: string | null;
  mood: Mood | null;
  spread: string | null;
  /** Where the collaborator heard it (when the caller has it): social media adds a little urgency. */
  source?: string | null;
}

/** The models of one artifact bound to the live taxonomy; rebuilt when either changes. */
export interface TextAnalyzer {
  readonly modelVersion: string;
  analyze(input: TextInput, thresholds: UrgencyThresholds): TextAnalysis;
}

/** Builds the analyzer for a model and the live taxonomy. */
export function createTextAnalyzer(model: PulseModel, topics: readonly TopicDefinition[]): TextAnalyzer {
  const textModel = createTextModel(model, topics);
  return {
    modelVersion: model.version,
    analyze(input, thresholds) {
      const empty = !/[\p{L}\p{N}]/u.test(normalizeText(input.content).text);
      // An empty text is filed as other/neutral: the collaborator's topic and mood are not applied.
      const source = input.source ?? null;
      const nlp = analyzeText(
        {
          text: input.content,
          chosenTopic: empty ? null : input.chosenTopic,
          reportedMood: empty ? null : input.mood,
          spread: (input.spread as Spread | null) ?? null,
          source: isSource(source) ? source : null,
        },
        { model: textModel, topics, thresholds },
      );
      const proposal = input.proposal === null ? null : redact(normalizeText(input.proposal).text);
      const redactions: Record<string, number> = { ...nlp.redacted };
      if (proposal) for (const [k, v] of Object.entries(proposal.found)) redactions[k] = (redactions[k] ?? 0) + v;
      const reportedMood = empty ? null : input.mood;
      return { nlp, empty: empty || nlp.notes.some((n) => EMPTY_NOTES.has(n)), redactedProposal: proposal?.text ?? null, redactions, reportedMood, source };
    },
  };
}

/** One reason stored with the urgency score (codes of src/domain/urgency.ts plus `empty_text`). */
export interface StoredReason {
  code: string;
  points: number;
  detail?: string;
}

/**
 * The report's urgency with the final topic and its group's growth, computed from the same
 * inputs as `analyzeText`; an empty text says why in its reasons.
 */
export function rescoreUrgency(
  a: TextAnalysis,
  q: { topicSlug: string; sensitive: boolean; growth: GroupGrowth | null; thresholds: UrgencyThresholds },
): Urgency & { stored: StoredReason[] } {
  const u = scoreUrgency(
    {
      text: a.empty ? null : a.nlp.textUrgency,
      textMood: a.nlp.textMood.mood,
      reportedMood: a.reportedMood,
      spread: a.nlp.spread.value,
      spreadInferred: a.nlp.spread.inferred,
      source: isSource(a.source) ? a.source : null,
      sensitiveTopic: q.sensitive,
      groupGrowth: q.growth,
    },
    q.thresholds,
  );
  const notes = a.nlp.notes.map((n): StoredReason => ({ code: EMPTY_NOTES.has(n) ? 'empty_text' : 'note', points: 0, detail: n }));
  return { ...u, stored: [...u.reasons.map((r) => ({ ...r })), ...notes] };
}
