import { createHash } from 'node:crypto';
import type { TagOrigin } from '../domain/vocabulary.js';
import { tokenize } from './tokenize.js';
import { SOFTMAX_DEFAULTS, trainSoftmax, type SoftmaxModel, type SoftmaxOptions } from './tfidf-softmax.js';

/** One labelled text for the topic model: the repo's corpus, or a leader's correction. */
export interface TopicExample {
  readonly text: string;
  readonly topic: string;
  /** `leader` corrections count double: they are the network's own judgement. */
  readonly origin?: TagOrigin | 'corpus';
}

/** The name and version of the training algorithm, part of every model version hash. */
export const TOPIC_ALGORITHM = 'tfidf-softmax-v1';
const FORMAT = 1;

/** A trained topic model as plain JSON: store it, ship it, load it with `loadTopicModel`. */
export interface TopicModel extends SoftmaxModel {
  readonly format: typeof FORMAT;
  readonly algorithm: string;
  /** sha256 (16 hex) of the algorithm, its options and the training examples. */
  readonly version: string;
  readonly examples: number;
}

/** The version a model trained on these examples would get, without training it. */
export function topicModelVersion(examples: readonly TopicExample[], options: Partial<SoftmaxOptions> = {}): string {
  const hash = createHash('sha256');
  hash.update(`${TOPIC_ALGORITHM}\n${JSON.stringify({ ...SOFTMAX_DEFAULTS, ...options })}\n`);
  for (const e of examples) hash.update(`${e.topic}\t${e.origin ?? 'corpus'}\t${e.text}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Trains the topic classifier (fast: well under a second for the corpus), so retraining
 * with leaders' corrections can run as a job or at worker start-up. Same examples → same
 * model and same version.
 */
export function trainTopicModel(examples: readonly TopicExample[], options: Partial<SoftmaxOptions> = {}): TopicModel {
  const docs: string[][] = [];
  const labels: string[] = [];
  for (const e of examples) {
    const tokens = tokenize(e.text);
    const copies = e.origin === 'leader' ? 2 : 1;
    for (let c = 0; c < copies; c += 1) {
      docs.push(tokens);
      labels.push(e.topic);
    }
  }
  const model = trainSoftmax(docs, labels, options);
  return {
    format: FORMAT,
    algorithm: TOPIC_ALGORITHM,
    version: topicModelVersion(examples, options),
    examples: examples.length,
    ...model,
  };
}

/** Thrown when stored model JSON is not a topic model this code can use. */
export class TopicModelFormatError extends Error {
  readonly code = 'TOPIC_MODEL_FORMAT';
  constructor(readonly detail: string) {
    super(`invalid topic model: ${detail}`);
    this.name = 'TopicModelFormatError';
  }
}

/** Parses and checks a stored model (string or parsed JSON); throws `TopicModelFormatError`. */
export function loadTopicModel(json: unknown): TopicModel {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (typeof value !== 'object' || value === null) throw new TopicModelFormatError('not an object');
  const m = value as Partial<TopicModel>;
  if (m.format !== FORMAT) throw new TopicModelFormatError(`format ${String(m.format)}`);
  if (!Array.isArray(m.classes) || !Array.isArray(m.vocab) || !Array.isArray(m.idf) || !Array.isArray(m.weights)) {
    throw new TopicModelFormatError('missing arrays');
  }
  if (m.idf.length !== m.vocab.length || m.weights.length !== m.classes.length) {
    throw new TopicModelFormatError('inconsistent sizes');
  }
  if (m.weights.some((w) => !Array.isArray(w) || w.length !== (m.vocab as string[]).length + 1)) {
    throw new TopicModelFormatError('weight rows of wrong length');
  }
  if (typeof m.version !== 'string') throw new TopicModelFormatError('no version');
  return m as TopicModel;
}
