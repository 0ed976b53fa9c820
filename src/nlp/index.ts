/**
 * The public API of src/nlp, the only place that imports `natural`. Workers and use cases
 * import from here, never from the files behind it.
 */
export { normalizeText, type NormalizedText, type NormalizeReport } from './normalize.js';
export { detectLanguage } from './language.js';
export { foldDiacritics, hasVietnameseMarks } from './fold.js';
export { foldVietnamese } from '../domain/text.js';
export { tokenize, words } from './tokenize.js';
export { redact, type Redaction, type RedactionCounts } from './redact.js';
export { createKeywordMatcher, type KeywordEvidence, type KeywordMatcher } from './keywords.js';
export {
  trainTopicModel,
  loadTopicModel,
  topicModelVersion,
  TopicModelFormatError,
  TOPIC_ALGORITHM,
  type TopicExample,
  type TopicModel,
} from './topic-model.js';
export {
  createTopicTagger,
  TAGGER_DEFAULTS,
  type TopicTagger,
  type TopicTagging,
  type TopicScore,
  type TaggerOptions,
} from './topic-tagger.js';
export { scoreMood, combineMood, type MoodScore, type MoodEvidence, type CombinedMood } from './mood.js';
export { detectTriggers, inferSpread, isDistantReport } from './triggers.js';
export { analyzeText, type AnalyzeInput, type AnalyzeDeps, type TextAnalysis } from './analyze.js';
export {
  terms,
  shingles,
  termVector,
  cosine,
  jaccard,
  minhash,
  jaccardEstimate,
  lshBands,
  type TermVector,
} from './similarity.js';
export { loadCorpus, createDefaultTagger, DEFAULT_CORPUS_PATH } from './corpus.js';
export { classificationReport, binaryReport, type ClassificationReport, type BinaryReport, type ClassMetrics } from './eval/metrics.js';
