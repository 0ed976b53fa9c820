/**
 * A multinomial logistic regression (softmax) over TF-IDF vectors of tokens and bigrams,
 * trained in pure TypeScript. It is the project's own topic model: small, deterministic
 * (fixed initialisation and example order), serialisable as plain JSON.
 */
export interface SoftmaxModel {
  readonly classes: string[];
  readonly vocab: string[];
  readonly idf: number[];
  /** weights[c][f], with the bias of class c at index vocab.length. */
  readonly weights: number[][];
}

/** Hyper-parameters of `trainSoftmax`; the defaults were chosen by cross-validation on training data. */
export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly minDf: number;
}

/** Defaults for `trainSoftmax`, spread under the caller's options. */
export const SOFTMAX_DEFAULTS: SoftmaxOptions = { epochs: 60, learningRate: 0.5, l2: 1e-3, minDf: 1 };

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  readonly idx: number[];
  readonly val: number[];
}

/** TF-IDF (sublinear tf, L2-normalised) of a token list against a model's vocabulary. */
export function vectorize(tokens: readonly string[], lookup: ReadonlyMap<string, number>, idf: readonly number[]): SparseVector {
  const tf = new Map<number, number>();
  for (const t of tokens) {
    const i = lookup.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const idx = [...tf.keys()].sort((a, b) => a - b);
  const val = idx.map((i) => (1 + Math.log(tf.get(i) as number)) * (idf[i] as number));
  const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
  return { idx, val: val.map((v) => v / norm) };
}

function buildVocab(docs: readonly (readonly string[])[], minDf: number): { vocab: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, n]) => n >= minDf).map(([t]) => t).sort();
  const idf = vocab.map((t) => Math.log((1 + docs.length) / (1 + (df.get(t) as number))) + 1);
  return { vocab, idf };
}

/** Class probabilities of a vector (softmax of the linear scores). */
export function predictProba(model: SoftmaxModel, x: SparseVector): number[] {
  const bias = model.vocab.length;
  const scores = model.weights.map((w) => {
    let s = w[bias] as number;
    for (let k = 0; k < x.idx.length; k += 1) s += (w[x.idx[k] as number] as number) * (x.val[k] as number);
    return s;
  });
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Trains the softmax model with plain stochastic gradient descent in a fixed order. */
export function trainSoftmax(
  docs: readonly (readonly string[])[],
  labels: readonly string[],
  options: Partial<SoftmaxOptions> = {},
): SoftmaxModel {
  const opt = { ...SOFTMAX_DEFAULTS, ...options };
  const classes = [...new Set(labels)].sort();
  const { vocab, idf } = buildVocab(docs, opt.minDf);
  const lookup = new Map(vocab.map((t, i) => [t, i] as const));
  const xs = docs.map((d) => vectorize(d, lookup, idf));
  const ys = labels.map((l) => classes.indexOf(l));
  const weights = classes.map(() => new Array<number>(vocab.length + 1).fill(0));
  const model: SoftmaxModel = { classes, vocab, idf, weights };
  const order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < opt.epochs; epoch += 1) {
    const lr = opt.learningRate / (1 + epoch * 0.05);
    const stride = strideFor(order.length);
    for (let n = 0; n < order.length; n += 1) {
      const i = (n * stride + epoch) % order.length;
      step(model, xs[i] as SparseVector, ys[i] as number, lr, opt.l2);
    }
  }
  return { classes, vocab, idf, weights: weights.map((w) => w.map((v) => Math.round(v * 1e5) / 1e5)) };
}

/** A step coprime with n, so that `(i * step + epoch) % n` visits every example once per epoch. */
function strideFor(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (const s of [7919, 104729, 1299709]) if (gcd(s, n) === 1) return s;
  return 1;
}

function step(model: SoftmaxModel, x: SparseVector, y: number, lr: number, l2: number): void {
  const p = predictProba(model, x);
  const bias = model.vocab.length;
  for (let c = 0; c < model.classes.length; c += 1) {
    const g = (p[c] as number) - (c === y ? 1 : 0);
    const w = model.weights[c] as number[];
    for (let k = 0; k < x.idx.length; k += 1) {
      const f = x.idx[k] as number;
      w[f] = (w[f] as number) * (1 - lr * l2) - lr * g * (x.val[k] as number);
    }
    w[bias] = (w[bias] as number) - lr * g;
  }
}
