import { createHash } from 'node:crypto';
import { DEFAULT_TOPICS, type TopicDefinition } from '../domain/taxonomy.js';
import { isMood, isTopicSlug, MOODS } from '../domain/vocabulary.js';
import { featureBlock, FEATURE_DEFAULTS, type FeatureOptions } from './features.js';
import { createKeywordMatcher } from './keywords.js';
import { LINEAR_DEFAULTS, linearScores, trainLinear, type LinearOptions, type LinearWeights } from './linear.js';
import { normalizeText } from './normalize.js';
import { encodeRow, urgencyGroup, PULSE_ALGORITHM, PULSE_MODEL_FORMAT, vectorOf, type PulseModelJson, type TaskJson } from './pulse-model.js';
import { readText, type ReadText } from './read.js';
import { redact } from './redact.js';
import { INTENSIFIERS, MOOD_LEXICON, NEGATORS } from './mood-lexicon.js';
import { TEENCODE, TEENCODE_MARKED } from './teencode.js';
import { tokenize } from './tokenize.js';
import { DISTANT_PHRASES, SPREAD_PHRASES, TRIGGER_PHRASES } from './trigger-phrases.js';
import { smoothIdf, TfidfVocabulary, type SparseVector } from './vectorize.js';

/**
 * Where a training example came from: the corpus, or feedback from leaders in production; or
 * `calibration`: a held-out labelled text (the dev set) that is never trained on, only read to
 * fit the temperature of the topic and mood probabilities (see `fitTemperature`).
 */
export type ExampleOrigin = 'corpus' | 'leader' | 'false_alarm' | 'calibration';

/** One labelled text; each task trains on the examples that carry its label. */
export interface TrainingExample {
  readonly text: string;
  readonly topic?: string;
  /** A second topic that is genuinely half of the report: learned too, at `topic2Weight`. */
  readonly topic2?: string;
  readonly mood?: string;
  readonly urgent?: boolean;
  readonly origin?: ExampleOrigin;
  /** How much the example counts (default 1; feedback counts `FEEDBACK_WEIGHT`). */
  readonly weight?: number;
  /** Who wrote it (cross-validation holds out one writer at a time). */
  readonly group?: string;
}

/** Leaders' corrections and false alarms count this many corpus examples each. */
export const FEEDBACK_WEIGHT = 3;

/** Everything that changes what `trainPulseModel` learns (and so the model version). */
export interface TrainOptions {
  readonly features: FeatureOptions;
  /** The learner of urgency. */
  readonly linear: LinearOptions;
  /** The learner of topic (fourteen classes want a stronger fit than five or two). */
  readonly topicLinear: LinearOptions;
  /** The learner of mood. */
  readonly moodLinear: LinearOptions;
  /** Urgent recall the threshold is chosen for, on held-out writers. */
  readonly urgentRecall: number;
  /** Cross-validation folds when the examples have fewer than 3 writers. */
  readonly folds: number;
  /** How much a line's second topic counts as a training example of that topic (0: not at all). */
  readonly topic2Weight: number;
  /**
   * Weight of the character n-gram block for the topic model (the vector every task shares has
   * it at `features.charWeight`): topic learns on the block scaled to this weight, and the scale
   * is folded into its weights, so one vector still serves all three tasks at analysis.
   */
  readonly topicCharWeight: number;
}

/** Defaults, chosen by cross-validation on the training corpus (`npm run train -- --compare`). */
export const TRAIN_DEFAULTS: TrainOptions = {
  features: FEATURE_DEFAULTS,
  linear: LINEAR_DEFAULTS,
  topicLinear: { ...LINEAR_DEFAULTS, learningRate: 2, epochs: 40, l2: 3e-4, family: 'nblr' },
  moodLinear: { ...LINEAR_DEFAULTS, family: 'nblr', average: true, nbAlpha: 0.25 },
  urgentRecall: 0.95,
  folds: 5,
  topic2Weight: 0,
  topicCharWeight: 1,
};

const URGENCY_CLASSES = ['no', 'yes'];

/** The hand-written tables the features read: a change to any of them changes the model version. */
const KNOWLEDGE = createHash('sha256')
  .update(JSON.stringify([TEENCODE, TEENCODE_MARKED, MOOD_LEXICON, NEGATORS, INTENSIFIERS, TRIGGER_PHRASES, SPREAD_PHRASES, DISTANT_PHRASES]))
  .update(JSON.stringify(DEFAULT_TOPICS.map((t) => [t.slug, t.keywords])))
  .digest('hex');

/** The version a model trained on these examples gets, without training it (a cheap check). */
export function modelVersion(examples: readonly TrainingExample[], options: Partial<TrainOptions> = {}): string {
  const opt = { ...TRAIN_DEFAULTS, ...options };
  const hash = createHash('sha256');
  hash.update(`${PULSE_ALGORITHM}\n${PULSE_MODEL_FORMAT}\n${JSON.stringify(opt)}\n${KNOWLEDGE}\n`);
  for (const e of examples) {
    hash.update(`${e.topic ?? ''}\t${e.topic2 ?? ''}\t${e.mood ?? ''}\t${e.urgent ?? ''}\t${e.origin ?? 'corpus'}\t${e.weight ?? 1}\t${e.text}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** A training example read once: the redacted text as leaders see it, through `readText`. */
export interface PreparedExample {
  readonly example: TrainingExample;
  readonly read: ReadText;
}

/** Normalises, redacts and reads every example (the costly part, done once per training). */
export function prepareExamples(
  examples: readonly TrainingExample[],
  features: FeatureOptions = FEATURE_DEFAULTS,
  topics: readonly TopicDefinition[] = DEFAULT_TOPICS,
): PreparedExample[] {
  const matcher = createKeywordMatcher(topics);
  return examples.map((example) => ({ example, read: readText(redact(normalizeText(example.text).text).text, matcher, features) }));
}

/** The vector space of a training set: text vocabulary (min df) and the signal names seen. */
export interface Space {
  readonly text: TfidfVocabulary;
  readonly signals: ReadonlyMap<string, number>;
  readonly signalNames: string[];
  readonly dim: number;
}

/** Builds the vector space of prepared examples. */
export function buildSpace(prepared: readonly PreparedExample[], minDf: number): Space {
  const text = TfidfVocabulary.fit(prepared.map((p) => p.read.text), minDf);
  const signalNames = [...new Set(prepared.flatMap((p) => [...p.read.signals.keys()]))].sort();
  const signals = new Map(signalNames.map((s, i) => [s, text.size + i] as const));
  return { text, signals, signalNames, dim: text.size + signalNames.length };
}

/** A task's labels: class names and, per example, the class index (or -1 when unlabelled). */
export interface Labels {
  readonly classes: string[];
  readonly y: number[];
}

export function topicLabels(prepared: readonly PreparedExample[], known?: readonly string[]): Labels {
  const classes = known ? [...known] : [...new Set(prepared.map((p) => p.example.topic).filter((t): t is string => isTopicSlug(t)))].sort();
  return { classes, y: prepared.map((p) => (isTopicSlug(p.example.topic) ? classes.indexOf(p.example.topic) : -1)) };
}

export function moodLabels(prepared: readonly PreparedExample[]): Labels {
  const classes = [...MOODS];
  return { classes, y: prepared.map((p) => (isMood(p.example.mood) ? classes.indexOf(p.example.mood) : -1)) };
}

export function urgencyLabels(prepared: readonly PreparedExample[]): Labels {
  return { classes: URGENCY_CLASSES, y: prepared.map((p) => (typeof p.example.urgent === 'boolean' ? (p.example.urgent ? 1 : 0) : -1)) };
}

/** Trains one task on the labelled examples among `rows` (indices into xs); `second` adds weighted extra labels. */
export function trainTask(
  xs: readonly SparseVector[],
  labels: Labels,
  rows: readonly number[],
  prepared: readonly PreparedExample[],
  dim: number,
  linear: LinearOptions,
  second?: { readonly y: readonly number[]; readonly weight: number },
): LinearWeights {
  const use = rows.filter((i) => (labels.y[i] as number) >= 0);
  const extra = second && second.weight > 0 ? rows.filter((i) => (second.y[i] as number) >= 0) : [];
  return trainLinear(
    [...use, ...extra].map((i) => xs[i] as SparseVector),
    [...use.map((i) => labels.y[i] as number), ...extra.map((i) => second?.y[i] as number)],
    labels.classes.length,
    dim,
    linear,
    [...use.map((i) => prepared[i]?.example.weight ?? 1), ...extra.map((i) => (prepared[i]?.example.weight ?? 1) * (second?.weight ?? 0))],
  );
}

/**
 * Trains the topic model with the character block at `topicCharWeight` instead of the shared
 * vector's `charWeight`, then folds that ratio into the character features' weights:
 * w·(r·x) = (r·w)·x, so the model scores the shared vector exactly as it was trained.
 */
export function trainTopicTask(
  xs: readonly SparseVector[],
  labels: Labels,
  rows: readonly number[],
  prepared: readonly PreparedExample[],
  space: Pick<Space, 'text' | 'dim'>,
  opt: Pick<TrainOptions, 'features' | 'topicLinear' | 'topic2Weight' | 'topicCharWeight'>,
): LinearWeights {
  const second = { y: secondTopics(prepared, labels.classes), weight: opt.topic2Weight };
  const ratio = opt.features.charWeight > 0 && opt.features.charGrams.length > 0 ? opt.topicCharWeight / opt.features.charWeight : 1;
  if (ratio === 1) return trainTask(xs, labels, rows, prepared, space.dim, opt.topicLinear, second);
  const isChar = space.text.terms.map((t) => featureBlock(t) === 1);
  const scaled = xs.map((x) => ({ idx: x.idx, val: x.val.map((v, k) => (isChar[x.idx[k] as number] ? v * ratio : v)) }));
  const w = trainTask(scaled, labels, rows, prepared, space.dim, opt.topicLinear, second);
  for (const row of w.rows) for (let f = 0; f < isChar.length; f += 1) if (isChar[f]) row[f] = (row[f] as number) * ratio;
  return w;
}

/** The class index of each example's second topic (-1 when it has none). */
export function secondTopics(prepared: readonly PreparedExample[], classes: readonly string[]): number[] {
  return prepared.map((p) => (isTopicSlug(p.example.topic2) ? classes.indexOf(p.example.topic2) : -1));
}

/** Urgency margin (log-odds of yes over no) of a vector. */
export function urgencyLogit(model: LinearWeights, x: SparseVector): number {
  const [no, yes] = linearScores(model, x) as [number, number];
  return yes - no;
}

/** Folds for cross-validation: one per writer when there are 3 or more, else `folds` by position. */
export function foldsOf(prepared: readonly PreparedExample[], folds: number): number[][] {
  const groups = [...new Set(prepared.map((p) => p.example.group ?? ''))].sort();
  if (groups.length >= 3) return groups.map((g) => prepared.flatMap((p, i) => ((p.example.group ?? '') === g ? [i] : [])));
  return Array.from({ length: folds }, (_, f) => prepared.flatMap((_, i) => (i % folds === f ? [i] : [])));
}

/** The threshold margin at which pooled held-out urgent recall reaches `recall`, with its precision. */
export function chooseThreshold(margins: readonly number[], gold: readonly boolean[], recall: number): { threshold: number; recall: number; precision: number } {
  const positives = margins.filter((_, i) => gold[i]).sort((a, b) => a - b);
  if (positives.length === 0) return { threshold: 0, recall: 0, precision: 0 };
  const k = Math.floor((1 - recall) * positives.length);
  const threshold = (positives[k] as number) - 1e-6;
  let tp = 0;
  let fp = 0;
  margins.forEach((m, i) => {
    if (m < threshold) return;
    if (gold[i]) tp += 1;
    else fp += 1;
  });
  return { threshold, recall: tp / positives.length, precision: tp / Math.max(1, tp + fp) };
}

/**
 * Held-out urgency margins of every labelled corpus example, each scored by a model that
 * never saw its writer. The vector space (vocabulary, IDF) is the whole training set's, built
 * once: the labels are what is held out.
 */
export function heldOutUrgency(
  prepared: readonly PreparedExample[],
  options: TrainOptions,
  xs: readonly SparseVector[] = vectorsOf(prepared, buildSpace(prepared, options.features.minDf), options.features),
): { margins: number[]; gold: boolean[] } {
  const margins: number[] = [];
  const gold: boolean[] = [];
  let dim = 0;
  for (const x of xs) for (const i of x.idx) if (i >= dim) dim = i + 1;
  const labels = urgencyLabels(prepared);
  for (const fold of foldsOf(prepared, options.folds)) {
    const held = new Set(fold);
    const train = prepared.map((_, i) => i).filter((i) => !held.has(i));
    const model = trainTask(xs, labels, train, prepared, dim, options.linear);
    for (const i of fold) {
      const y = labels.y[i] as number;
      if (y < 0 || (prepared[i]?.example.origin ?? 'corpus') !== 'corpus') continue;
      margins.push(urgencyLogit(model, xs[i] as SparseVector));
      gold.push(y === 1);
    }
  }
  return { margins, gold };
}

/** The vectors of prepared examples in a space. */
export function vectorsOf(prepared: readonly PreparedExample[], space: Space, features: FeatureOptions): SparseVector[] {
  return prepared.map((p) => vectorOf(space, p.read, features));
}

function taskJson(classes: readonly string[], w: LinearWeights): TaskJson {
  const encoded = w.rows.map((r) => encodeRow(r));
  return { classes: [...classes], scales: encoded.map((e) => e.scale), rows: encoded.map((e) => e.data) };
}

/**
 * What an ordinary training report's features add to the urgency log-odds, per reason: the
 * explanation counts only what a report adds beyond that, so a calm report's many words do
 * not read as "danger wording".
 */
function urgencyBaselines(model: LinearWeights, xs: readonly SparseVector[], space: Space): { mood: number; trigger: number } {
  const names = [...space.text.terms, ...space.signalNames];
  const [no, yes] = model.rows as [Float32Array, Float32Array];
  const sums = { mood: 0, trigger: 0 };
  for (const x of xs) {
    for (let k = 0; k < x.idx.length; k += 1) {
      const f = x.idx[k] as number;
      sums[urgencyGroup(names[f] as string)] += ((yes[f] as number) - (no[f] as number)) * (x.val[k] as number);
    }
  }
  const n = Math.max(1, xs.length);
  return { mood: sums.mood / n, trigger: sums.trigger / n };
}

/**
 * The slope `a` of Platt scaling σ(a·m + b) fitted on held-out margins: the model's raw
 * log-odds are overconfident (a few strong words give ±10), and the score leaders see, and
 * what the collaborator's mood or spread can add to it, need log-odds on a realistic scale.
 */
export function plattSlope(margins: readonly number[], gold: readonly boolean[]): number {
  if (margins.length === 0 || !gold.some(Boolean) || gold.every(Boolean)) return 1;
  let a = 1;
  let b = 0;
  for (let it = 0; it < 2000; it += 1) {
    let ga = 0;
    let gb = 0;
    margins.forEach((m, i) => {
      const p = 1 / (1 + Math.exp(-(a * m + b)));
      const err = p - (gold[i] ? 1 : 0);
      ga += err * m;
      gb += err;
    });
    a -= (0.5 * ga) / margins.length;
    b -= (0.5 * gb) / margins.length;
  }
  return Math.min(1, Math.max(0.05, a));
}

/** Term IDF for issue grouping, from the training texts (terms seen at least twice). */
function groupingIdf(examples: readonly TrainingExample[]): { vocab: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const e of examples) for (const t of new Set(tokenize(e.text))) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, n]) => n >= 2).map(([t]) => t).sort();
  return { vocab, idf: vocab.map((t) => smoothIdf(df.get(t) as number, examples.length)) };
}

/**
 * Trains the whole analysis model — topic, mood, urgency — on labelled examples, and chooses
 * the urgency threshold by cross-validation over writers (never on any test set). Same
 * examples and options → byte-identical JSON. Used by `npm run train` and by the retraining
 * job alike.
 */
export function trainPulseModel(given: readonly TrainingExample[], options: Partial<TrainOptions> = {}): PulseModelJson {
  const opt: TrainOptions = { ...TRAIN_DEFAULTS, ...options };
  const examples = given.filter((e) => e.origin !== 'calibration');
  const calibration = prepareExamples(
    given.filter((e) => e.origin === 'calibration'),
    opt.features,
  );
  const prepared = prepareExamples(examples, opt.features);
  const space = buildSpace(prepared, opt.features.minDf);
  const xs = vectorsOf(prepared, space, opt.features);
  const all = prepared.map((_, i) => i);
  const topics = topicLabels(prepared);
  const moods = moodLabels(prepared);
  const urgent = urgencyLabels(prepared);
  const held = heldOutUrgency(prepared, opt, xs);
  const urgencyModel = trainTask(xs, urgent, all, prepared, space.dim, opt.linear);
  const chosen = chooseThreshold(held.margins, held.gold, opt.urgentRecall);
  const trainedOn: Record<string, number> = {};
  for (const e of examples) trainedOn[e.origin ?? 'corpus'] = (trainedOn[e.origin ?? 'corpus'] ?? 0) + 1;
  const calibrationXs = calibration.map((p) => vectorOf(space, p.read, opt.features));
  const topicModel = calibrated(trainTopicTask(xs, topics, all, prepared, space, opt), calibrationXs, topicLabels(calibration, topics.classes));
  const moodModel = calibrated(trainTask(xs, moods, all, prepared, space.dim, opt.moodLinear), calibrationXs, moodLabels(calibration));
  return {
    format: PULSE_MODEL_FORMAT,
    algorithm: PULSE_ALGORITHM,
    version: modelVersion(given, opt),
    examples: examples.length,
    trainedOn,
    options: { features: opt.features, linear: opt.linear, topicLinear: opt.topicLinear, moodLinear: opt.moodLinear, topicCharWeight: opt.topicCharWeight, urgentRecall: opt.urgentRecall },
    features: [...space.text.terms],
    idf: [...space.text.idf],
    signals: space.signalNames,
    topic: taskJson(topics.classes, topicModel.weights),
    mood: taskJson(moods.classes, moodModel.weights),
    urgency: {
      ...taskJson(urgent.classes, urgencyModel),
      threshold: chosen.threshold,
      scale: plattSlope(held.margins, held.gold),
      baselines: urgencyBaselines(urgencyModel, xs, space),
    },
    grouping: groupingIdf(examples),
    metrics: {
      heldOutUrgentRecall: round(chosen.recall),
      heldOutUrgentPrecision: round(chosen.precision),
      heldOutUrgent: held.gold.filter(Boolean).length,
      topicTemperature: round(topicModel.temperature),
      moodTemperature: round(moodModel.temperature),
      calibrationExamples: calibration.length,
    },
  };
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * The temperature T that makes softmax(scores / T) honest on held-out labelled texts (least
 * negative log-likelihood over a log grid from 0.25 to 64): one-vs-rest NB-logistic rows give
 * log-odds far from a multinomial scale (a softmax over them says 1.00 for nearly everything),
 * and the topic ranking adds the collaborator's choice to these probabilities, the mood shows
 * them as confidence. 1 when there is nothing to fit on. Deterministic.
 */
export function fitTemperature(model: LinearWeights, xs: readonly SparseVector[], labels: Labels): number {
  const rows = labels.y.flatMap((y, i) => (y >= 0 ? [[i, y] as const] : []));
  if (rows.length === 0) return 1;
  const scores = rows.map(([i]) => linearScores(model, xs[i] as SparseVector));
  let best = { t: 1, nll: Infinity };
  for (let k = 0; k <= 160; k += 1) {
    const t = 0.25 * 2 ** (k / 20);
    let nll = 0;
    rows.forEach(([, y], r) => {
      const s = scores[r] as number[];
      let max = -Infinity;
      for (const v of s) if (v / t > max) max = v / t;
      let sum = 0;
      for (const v of s) sum += Math.exp(v / t - max);
      nll -= (s[y] as number) / t - max - Math.log(sum);
    });
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}

/** The model with its rows divided by the temperature fitted on the calibration texts (argmax unchanged). */
function calibrated(model: LinearWeights, xs: readonly SparseVector[], labels: Labels): { weights: LinearWeights; temperature: number } {
  const temperature = fitTemperature(model, xs, labels);
  if (temperature === 1) return { weights: model, temperature };
  return { weights: { ...model, rows: model.rows.map((r) => r.map((v) => v / temperature)) }, temperature };
}
