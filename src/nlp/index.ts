/**
 * The public API of src/nlp, the only place that imports `natural`. Workers and use cases
 * import from here, never from the files behind it.
 */
export { normalizeText, type NormalizedText, type NormalizeReport } from './normalize.js';
export { detectLanguage } from './language.js';
export { hasVietnameseMarks } from './fold.js';
export { foldVietnamese } from '../domain/text.js';
export { expandTeencode, TEENCODE, TEENCODE_MARKED, type TeencodeExpansion } from './teencode.js';
export { tokenize, words } from './tokenize.js';
export { redact, type Redaction, type RedactionCounts } from './redact.js';
export { createKeywordMatcher, type KeywordEvidence, type KeywordMatcher } from './keywords.js';
export { FEATURE_DEFAULTS, textFeatures, signalFeatures, type FeatureOptions } from './features.js';
export { readText, type ReadText } from './read.js';
export {
  loadPulseModel,
  loadDefaultModel,
  vectorOf,
  ModelFormatError,
  PULSE_ALGORITHM,
  PULSE_MODEL_FORMAT,
  DEFAULT_MODEL_PATH,
  type PulseModel,
  type PulseModelJson,
} from './pulse-model.js';
export {
  trainPulseModel,
  modelVersion,
  prepareExamples,
  FEEDBACK_WEIGHT,
  TRAIN_DEFAULTS,
  type TrainingExample,
  type ExampleOrigin,
  type TrainOptions,
} from './train.js';
export { trainInThread } from './train-thread.js';
export {
  createTextModel,
  TAGGER_DEFAULTS,
  type TextModel,
  type ModelInput,
  type TopicTagging,
  type TopicScore,
  type TaggerOptions,
} from './text-model.js';
export { scoreMood, combineMood, type MoodScore, type MoodEvidence, type CombinedMood } from './mood.js';
export { detectTriggers, inferSpread, isDistantReport } from './triggers.js';
export { analyzeText, type AnalyzeInput, type AnalyzeDeps, type TextAnalysis } from './analyze.js';
export { terms, shingles, termVector, cosine, jaccard, minhash, jaccardEstimate, lshBands, type TermVector } from './similarity.js';
export { tfidfWeights, TfidfVocabulary, type SparseVector } from './vectorize.js';
export {
  loadCorpus,
  loadTrainingCorpus,
  loadCalibrationSet,
  trainingFiles,
  toExample,
  createDefaultModel,
  CORPUS_DIR,
  DEFAULT_CORPUS_PATH,
  type CorpusLine,
} from './corpus.js';
export { classificationReport, binaryReport, type ClassificationReport, type BinaryReport, type ClassMetrics } from './eval/metrics.js';
