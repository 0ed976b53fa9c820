import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { featureBlock, type FeatureOptions } from './features.js';
import type { LinearOptions, LinearWeights } from './linear.js';
import type { ReadText } from './read.js';
import { TfidfVocabulary, type SparseVector } from './vectorize.js';

/** Name and version of the training algorithm: part of every model version hash. */
export const PULSE_ALGORITHM = 'pulse-linear-v1';
/** Layout of the stored JSON; bump when it changes. */
export const PULSE_MODEL_FORMAT = 2;

/** Where `npm run train` writes the model that ships with the repo (and workers load). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./model/pulse-model.json', import.meta.url));

/** One task's weights as stored: a row per class, int16-quantised with a scale per row, base64. */
export interface TaskJson {
  readonly classes: string[];
  readonly scales: number[];
  readonly rows: string[];
}

/** The stored model artifact: plain JSON, the same from `npm run train` and the retraining job. */
export interface PulseModelJson {
  readonly format: typeof PULSE_MODEL_FORMAT;
  readonly algorithm: string;
  /** sha256 (16 hex) of algorithm, options and training examples: same data → same version. */
  readonly version: string;
  readonly examples: number;
  /** How many training examples came from where (corpus, leaders' corrections, false alarms). */
  readonly trainedOn: Record<string, number>;
  readonly options: { readonly features: FeatureOptions; readonly linear: LinearOptions; readonly topicLinear: LinearOptions; readonly moodLinear?: LinearOptions; readonly topicCharWeight?: number; readonly urgentRecall: number };
  /** Text features (TF-IDF) and their IDF; signal features follow them in the vector. */
  readonly features: string[];
  readonly idf: number[];
  readonly signals: string[];
  readonly topic: TaskJson;
  readonly mood: TaskJson;
  /**
   * Binary (`no`, `yes`); `threshold` is the log-odds margin chosen by cross-validation;
   * `scale` the Platt slope that puts log-odds on a realistic scale (fitted on held-out
   * writers); `baselines` what an ordinary report's words and mood add, per reason.
   */
  readonly urgency: TaskJson & { readonly threshold: number; readonly scale: number; readonly baselines: UrgencyBaselines };
  /** Term IDF for issue grouping (words and syllable pairs, as `terms` makes them). */
  readonly grouping: { readonly vocab: string[]; readonly idf: number[] };
  /** Cross-validated figures of the training run (by writer), for the record. */
  readonly metrics: Record<string, number>;
}

/** The reason a feature's share of the urgency log-odds is shown under: the lexicon's mood, or the wording. */
export function urgencyGroup(feature: string): 'mood' | 'trigger' {
  return feature.startsWith('lex:') ? 'mood' : 'trigger';
}

/** Mean urgency log-odds of training reports, per reason group. */
export interface UrgencyBaselines {
  readonly mood: number;
  readonly trigger: number;
}

/** A task ready to score: class names and float weights. */
export interface Task extends LinearWeights {
  readonly classes: readonly string[];
}

/** A loaded model: what the analysis uses in memory. */
export interface PulseModel {
  readonly format: typeof PULSE_MODEL_FORMAT;
  readonly algorithm: string;
  readonly version: string;
  readonly examples: number;
  readonly options: PulseModelJson['options'];
  /** Grouping IDF (kept under these names for the issue-grouping code). */
  readonly vocab: readonly string[];
  readonly idf: readonly number[];
  readonly text: TfidfVocabulary;
  readonly signals: ReadonlyMap<string, number>;
  readonly topic: Task;
  readonly mood: Task;
  readonly urgency: Task & { readonly threshold: number; readonly scale: number; readonly baselines: UrgencyBaselines };
  readonly metrics: Record<string, number>;
}

/** Thrown when stored model JSON is not a model this code can use. */
export class ModelFormatError extends Error {
  readonly code = 'MODEL_FORMAT';
  constructor(readonly detail: string) {
    super(`invalid model: ${detail}`);
    this.name = 'ModelFormatError';
  }
}

/** Quantises a weight row to int16 with one scale (exact enough: 1/32767 of the largest weight). */
export function encodeRow(row: Float32Array | Float64Array): { scale: number; data: string } {
  let max = 0;
  for (const v of row) if (Math.abs(v) > max) max = Math.abs(v);
  const scale = max === 0 ? 1 : max / 32767;
  const q = new Int16Array(row.length);
  for (let i = 0; i < row.length; i += 1) q[i] = Math.round((row[i] as number) / scale);
  return { scale, data: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64') };
}

function decodeRow(data: string, scale: number, length: number): Float32Array {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== length * 2) throw new ModelFormatError(`weight row of ${bytes.length / 2} values, expected ${length}`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 1) out[i] = bytes.readInt16LE(i * 2) * scale;
  return out;
}

function decodeTask(t: TaskJson | undefined, dim: number, name: string): Task {
  if (!t || !Array.isArray(t.classes) || !Array.isArray(t.rows) || !Array.isArray(t.scales)) throw new ModelFormatError(`${name}: missing arrays`);
  if (t.rows.length !== t.classes.length || t.scales.length !== t.classes.length) throw new ModelFormatError(`${name}: inconsistent sizes`);
  return { family: 'softmax', classes: t.classes, dim, rows: t.rows.map((r, i) => decodeRow(r, t.scales[i] as number, dim + 1)) };
}

/** Parses and checks a stored model (string or parsed JSON); throws `ModelFormatError`. */
export function loadPulseModel(json: unknown): PulseModel {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (typeof value !== 'object' || value === null) throw new ModelFormatError('not an object');
  const m = value as Partial<PulseModelJson>;
  if (m.format !== PULSE_MODEL_FORMAT) throw new ModelFormatError(`format ${String(m.format)}`);
  if (typeof m.version !== 'string') throw new ModelFormatError('no version');
  if (!Array.isArray(m.features) || !Array.isArray(m.idf) || !Array.isArray(m.signals) || !m.grouping || !m.options) {
    throw new ModelFormatError('missing arrays');
  }
  if (m.features.length !== m.idf.length || m.grouping.vocab.length !== m.grouping.idf.length) throw new ModelFormatError('inconsistent sizes');
  const dim = m.features.length + m.signals.length;
  const urgency = decodeTask(m.urgency, dim, 'urgency');
  if (typeof m.urgency?.threshold !== 'number') throw new ModelFormatError('urgency: no threshold');
  const baselines = m.urgency.baselines ?? { mood: 0, trigger: 0 };
  return {
    format: PULSE_MODEL_FORMAT,
    algorithm: m.algorithm ?? PULSE_ALGORITHM,
    version: m.version,
    examples: m.examples ?? 0,
    options: m.options,
    vocab: m.grouping.vocab,
    idf: m.grouping.idf,
    text: new TfidfVocabulary(m.features, m.idf),
    signals: new Map(m.signals.map((s, i) => [s, m.features!.length + i] as const)),
    topic: decodeTask(m.topic, dim, 'topic'),
    mood: decodeTask(m.mood, dim, 'mood'),
    urgency: { ...urgency, threshold: m.urgency.threshold, scale: m.urgency.scale ?? 1, baselines },
    metrics: m.metrics ?? {},
  };
}

/** Reads the model that ships with the repo (written by `npm run train`). */
export function loadDefaultModel(path: string = DEFAULT_MODEL_PATH): PulseModel {
  return loadPulseModel(readFileSync(path, 'utf8'));
}

/** The model's input vector of a read text: TF-IDF of its text features, then its signals. */
export function vectorOf(
  model: { text: TfidfVocabulary; signals: ReadonlyMap<string, number> },
  read: Pick<ReadText, 'text' | 'signals'>,
  features: Pick<FeatureOptions, 'charWeight'>,
): SparseVector {
  const x = features.charWeight > 0 ? model.text.vectorize(read.text, featureBlock, [1, features.charWeight]) : model.text.vectorize(read.text);
  const extra: [number, number][] = [];
  for (const [name, value] of read.signals) {
    const i = model.signals.get(name);
    if (i !== undefined) extra.push([i, value]);
  }
  extra.sort((a, b) => a[0] - b[0]);
  return { idx: [...x.idx, ...extra.map((e) => e[0])], val: [...x.val, ...extra.map((e) => e[1])] };
}
