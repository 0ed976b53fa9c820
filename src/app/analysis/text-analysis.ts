/**
 * The analysis of a report's text, before anything is written: normalise, detect language,
 * redact, tag topics (the collaborator's choice as prior), read mood and trigger phrases.
 * Pure CPU work, run outside the database transaction so that the transaction stays short.
 * Urgency is scored later, inside the transaction, once the issue group's growth is known.
 */
import type { TopicDefinition } from '../../domain/taxonomy.js';
import type { Language, Mood } from '../../domain/vocabulary.js';
import { detectLanguage } from '../../nlp/language.js';
import { normalizeText } from '../../nlp/normalize.js';
import { redact } from '../../nlp/redact.js';
import { createTopicTagger, type TopicTagger } from '../../nlp/topic-tagger.js';
import type { TopicModel } from '../../nlp/topic-model.js';
import { readMood, readTriggers, type MoodReading, type TriggerHit } from './nlp-binding.js';

/** The text side of an analysis. */
export interface TextAnalysis {
  language: Language;
  /** True when nothing is left after normalisation (analysed as other/neutral). */
  empty: boolean;
  redactedContent: string;
  redactedProposal: string | null;
  redactions: Record<string, number>;
  ranked: { slug: string; score: number }[];
  topicSlug: string;
  textTopic: string;
  disagreement: boolean;
  mood: MoodReading;
  triggers: TriggerHit[];
}

/** What the text analysis needs of a report. */
export interface TextInput {
  content: string;
  proposal: string | null;
  chosenTopic: string | null;
  mood: Mood | null;
}

/** A tagger bound to one model and taxonomy; rebuilt when either changes. */
export interface TextAnalyzer {
  readonly modelVersion: string;
  analyze(input: TextInput): TextAnalysis;
}

/** Builds the analyzer for a model and the live taxonomy. */
export function createTextAnalyzer(model: TopicModel, topics: readonly TopicDefinition[]): TextAnalyzer {
  const tagger: TopicTagger = createTopicTagger({ topics, model });
  return { modelVersion: model.version, analyze: (input) => analyzeWith(tagger, input) };
}

function analyzeWith(tagger: TopicTagger, input: TextInput): TextAnalysis {
  const content = normalizeText(input.content).text;
  const proposal = input.proposal === null ? null : normalizeText(input.proposal).text;
  const rc = redact(content);
  const rp = proposal ? redact(proposal) : null;
  const redactions = sumCounts(rc.found as unknown as Record<string, number>, rp?.found as unknown as Record<string, number> | undefined);
  const language = detectLanguage(content);
  if (!/[\p{L}\p{N}]/u.test(content)) {
    return {
      language,
      empty: true,
      redactedContent: rc.text,
      redactedProposal: rp?.text ?? null,
      redactions,
      ranked: [{ slug: 'other', score: 1 }],
      topicSlug: 'other',
      textTopic: 'other',
      disagreement: false,
      mood: { textMood: 'neutral', score: 0, finalMood: 'neutral' },
      triggers: [],
    };
  }
  const tagging = tagger.tag(rc.text, { chosen: input.chosenTopic });
  return {
    language,
    empty: false,
    redactedContent: rc.text,
    redactedProposal: rp?.text ?? null,
    redactions,
    ranked: tagging.ranked.map((r) => ({ slug: r.slug, score: r.score })),
    topicSlug: tagging.top,
    textTopic: tagging.textTop,
    disagreement: tagging.disagreement,
    mood: readMood(rc.text, language, input.mood),
    triggers: readTriggers(rc.text),
  };
}

function sumCounts(a: Record<string, number>, b?: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  if (b) for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}
