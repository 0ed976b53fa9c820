/**
 * The analysis model's life cycle. The repo ships a trained artifact (`npm run train` writes
 * src/nlp/model/pulse-model.json); a fresh database starts with it as its active version.
 * The retraining job trains the same way on the same corpus plus leaders' feedback (topic
 * corrections, false alarms, each counting `FEEDBACK_WEIGHT` corpus lines) and stores the
 * result in `ModelVersion` (one active per kind). A per-process cache lets workers pick up a
 * retrained model without a restart.
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_MODEL_PATH,
  FEEDBACK_WEIGHT,
  loadCorpus,
  loadPulseModel,
  loadCalibrationSet,
  loadTrainingCorpus,
  modelVersion,
  toExample,
  trainInThread,
  type PulseModel,
  type PulseModelJson,
  type TrainingExample,
} from '../../nlp/index.js';
import type { FeedbackExample, ModelStore } from './ports.js';

/** `ModelVersion.kind` of analysis models (topic, mood and urgency in one artifact). */
export const MODEL_KIND = 'analysis';

/** The model in memory, as the analysis uses it. */
export type TopicModel = PulseModel;

/**
 * The repo's training corpus as examples, with the dev set as calibration (never trained on,
 * see `loadCalibrationSet`), as `npm run train` reads them; one JSONL file instead when `path`
 * is given.
 */
export function readCorpus(path?: string): TrainingExample[] {
  return path ? loadCorpus(path).map(toExample) : [...loadTrainingCorpus(), ...loadCalibrationSet()];
}

/** Feedback as training examples: a correction teaches its topic, a false alarm "not urgent". */
export function feedbackExamples(feedback: readonly FeedbackExample[]): TrainingExample[] {
  return feedback.map((f): TrainingExample =>
    f.kind === 'topic_correction'
      ? { text: f.text, topic: f.topic, origin: 'leader', weight: FEEDBACK_WEIGHT, group: 'feedback' }
      : { text: f.text, urgent: false, origin: 'false_alarm', weight: FEEDBACK_WEIGHT, group: 'feedback' },
  );
}

/** Outcome of a retraining. */
export interface RetrainResult {
  version: string;
  examples: number;
  /** Leaders' topic corrections among the examples. */
  corrections: number;
  falseAlarms: number;
  /** False when the active model already had this version (nothing new to learn). */
  changed: boolean;
}

async function store(models: ModelStore, model: PulseModelJson, counts: { corrections: number; falseAlarms: number }): Promise<void> {
  await models.store({
    kind: MODEL_KIND,
    version: model.version,
    examples: model.examples,
    metrics: { ...counts, algorithm: model.algorithm, ...model.metrics },
    model,
  });
}

/**
 * Trains on the corpus plus every piece of feedback and stores the result as the active
 * version. Same examples → same version, so retraining without new feedback changes nothing;
 * with no feedback at all, the shipped artifact (trained the same way) is stored as it is.
 */
export async function retrainTopicModel(models: ModelStore, opts: { corpusPath?: string; artifactPath?: string } = {}): Promise<RetrainResult> {
  const feedback = await models.feedback();
  const extra = feedbackExamples(feedback);
  const examples = [...readCorpus(opts.corpusPath), ...extra];
  const counts = { corrections: feedback.filter((f) => f.kind === 'topic_correction').length, falseAlarms: feedback.filter((f) => f.kind === 'false_alarm').length };
  const version = modelVersion(examples);
  const result = { version, examples: examples.length, ...counts };
  if ((await models.activeVersion(MODEL_KIND)) === version) return { ...result, changed: false };
  const shipped = extra.length === 0 ? readArtifact(opts.artifactPath) : null;
  // Trained off the main thread: tens of seconds of CPU must not stall the queue worker.
  const model = shipped?.version === version ? shipped : (JSON.parse(await trainInThread(examples)) as PulseModelJson);
  await store(models, model, counts);
  return { ...result, changed: true };
}

function readArtifact(path: string = DEFAULT_MODEL_PATH): PulseModelJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PulseModelJson;
}

/** Gives the newest active model, re-checking the stored version at most every `checkEveryMs`. */
export interface TopicModelCache {
  get(): Promise<TopicModel>;
  /** Forgets the cached version check (the next `get` asks the database). */
  invalidate(): void;
}

/**
 * Per-process cache of the active model. On a fresh database (no model stored yet) the
 * first call stores the shipped artifact, so a worker starts without training anything.
 */
export function createTopicModelCache(
  models: ModelStore,
  opts: { checkEveryMs?: number; now?: () => number; artifactPath?: string } = {},
): TopicModelCache {
  const every = opts.checkEveryMs ?? 10_000;
  const now = opts.now ?? (() => performance.now());
  let cached: TopicModel | null = null;
  let checkedAt = -Infinity;
  let loading: Promise<TopicModel> | null = null;

  async function refresh(): Promise<TopicModel> {
    let version = await models.activeVersion(MODEL_KIND);
    if (version === null) {
      const shipped = readArtifact(opts.artifactPath);
      await store(models, shipped, { corrections: 0, falseAlarms: 0 });
      version = shipped.version;
    }
    if (!cached || cached.version !== version) {
      const row = await models.active(MODEL_KIND);
      if (!row) throw new Error('no active analysis model after installing the shipped one');
      cached = loadPulseModel(row.model);
    }
    checkedAt = now();
    return cached;
  }

  return {
    async get() {
      if (cached && now() - checkedAt < every) return cached;
      loading ??= refresh().finally(() => {
        loading = null;
      });
      return loading;
    },
    invalidate() {
      checkedAt = -Infinity;
    },
  };
}
