import type { SparseVector } from './vectorize.js';

/**
 * Linear classifiers trained in pure TypeScript with plain SGD in a fixed example order:
 * same data → same weights, in any process. Three families share the data layout so they can
 * be compared on the same features: a softmax (multinomial logistic regression, which also
 * gives probabilities), a one-vs-rest linear SVM (hinge loss), and NB-logistic — one-vs-rest
 * logistic regressions on features scaled by their naive-Bayes log-count ratio (Wang & Manning
 * 2012, "NBSVM"), the scaling folded back into the weights so that every family scores the same
 * plain vector.
 */
export type LinearFamily = 'softmax' | 'svm' | 'nblr';

/** Weights of a linear model: one row per class, the bias of row c at index `dim`. */
export interface LinearWeights {
  readonly family: LinearFamily;
  readonly dim: number;
  readonly rows: Float32Array[];
}

/** Hyper-parameters of `trainLinear`. */
export interface LinearOptions {
  readonly family: LinearFamily;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /**
   * Average the weights at the end of each epoch of the second half (a cheap Polyak
   * average): the last SGD steps' noise cancels out, which usually generalises better.
   */
  readonly average?: boolean;
  /** NB-logistic: additive smoothing of the per-class feature sums (default 1). */
  readonly nbAlpha?: number;
}

/** Defaults chosen by cross-validation on the training corpus. */
export const LINEAR_DEFAULTS: LinearOptions = { family: 'softmax', epochs: 30, learningRate: 0.5, l2: 1e-4 };

/** The linear scores of one vector under every class row. */
export function linearScores(model: LinearWeights, x: SparseVector): number[] {
  return rowScores(model.rows, model.dim, x);
}

function rowScores(rows: readonly (Float32Array | Float64Array)[], dim: number, x: SparseVector): number[] {
  const out = new Array<number>(rows.length);
  for (let c = 0; c < rows.length; c += 1) {
    const w = rows[c] as Float32Array | Float64Array;
    let s = w[dim] as number;
    for (let k = 0; k < x.idx.length; k += 1) s += (w[x.idx[k] as number] as number) * (x.val[k] as number);
    out[c] = s;
  }
  return out;
}

/** Softmax of scores (numerically stable). */
export function softmax(scores: readonly number[]): number[] {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** A step coprime with n, so that `(i * step + epoch) % n` visits every example once per epoch. */
function strideFor(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (const s of [7919, 104729, 1299709]) if (gcd(s, n) === 1) return s;
  return 1;
}

/**
 * The SGD schedule every family shares: epochs over a fixed coprime-stride order, a learning
 * rate decaying as lr/(1 + 0.1·epoch), L2 as a decay of the touched weights, and with `average`
 * the mean of the weights at the end of each epoch of the second half (a cheap Polyak average)
 * left in `W` at the end. `step(i, lr, decay)` applies one example's update to `W`.
 */
function runSgd(W: Float64Array, n: number, opt: LinearOptions, step: (i: number, lr: number, decay: number) => void): void {
  if (n === 0) return;
  const avg = opt.average === true && opt.epochs > 1 ? new Float64Array(W.length) : null;
  let averaged = 0;
  const stride = strideFor(n);
  for (let epoch = 0; epoch < opt.epochs; epoch += 1) {
    const lr = opt.learningRate / (1 + epoch * 0.1);
    const decay = 1 - lr * opt.l2;
    for (let m = 0; m < n; m += 1) step((m * stride + epoch) % n, lr, decay);
    if (avg && epoch >= Math.floor(opt.epochs / 2)) {
      for (let f = 0; f < W.length; f += 1) avg[f] = (avg[f] as number) + (W[f] as number);
      averaged += 1;
    }
  }
  if (avg && averaged > 0) for (let f = 0; f < W.length; f += 1) W[f] = (avg[f] as number) / averaged;
}

/**
 * Trains a linear classifier over `classes` on sparse vectors of dimension `dim`; each
 * example may carry a weight (leaders' corrections weigh more). Deterministic.
 */
export function trainLinear(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  dim: number,
  options: Partial<LinearOptions> = {},
  sampleWeights?: readonly number[],
): LinearWeights {
  const opt = { ...LINEAR_DEFAULTS, ...options };
  if (opt.family === 'nblr') return trainNbLogistic(xs, ys, classes, dim, opt, sampleWeights);
  if (opt.family === 'softmax' && classes === 2) return trainBinarySoftmax(xs, ys, dim, opt, sampleWeights);
  // Weights interleaved by feature (W[f * classes + c]): one example touches every class of
  // the same few features, which then share cache lines. Same arithmetic, in the same order
  // per weight, as one row per class: the result is bit for bit the same.
  const W = new Float64Array((dim + 1) * classes);
  const scores = new Array<number>(classes);
  const biasAt = dim * classes;
  runSgd(W, xs.length, opt, (i, lr, decay) => {
    const x = xs[i] as SparseVector;
    const y = ys[i] as number;
    const weight = sampleWeights?.[i] ?? 1;
    const idx = x.idx;
    const val = x.val;
    for (let c = 0; c < classes; c += 1) scores[c] = W[biasAt + c] as number;
    for (let k = 0; k < idx.length; k += 1) {
      const base = (idx[k] as number) * classes;
      const v = val[k] as number;
      for (let c = 0; c < classes; c += 1) scores[c] = (scores[c] as number) + (W[base + c] as number) * v;
    }
    const grads = opt.family === 'softmax' ? softmaxGrads(scores, y) : hingeGrads(scores, y);
    for (let c = 0; c < classes; c += 1) grads[c] = (grads[c] as number) * weight;
    for (let k = 0; k < idx.length; k += 1) {
      const base = (idx[k] as number) * classes;
      const v = val[k] as number;
      for (let c = 0; c < classes; c += 1) W[base + c] = (W[base + c] as number) * decay - lr * (grads[c] as number) * v;
    }
    for (let c = 0; c < classes; c += 1) W[biasAt + c] = (W[biasAt + c] as number) - lr * (grads[c] as number);
  });
  const rows = Array.from({ length: classes }, (_, c) => {
    const r = new Float32Array(dim + 1);
    for (let f = 0; f <= dim; f += 1) r[f] = W[f * classes + c] as number;
    return r;
  });
  return { family: opt.family, dim, rows };
}

/**
 * A logistic regression (labels 0/1) as a two-class softmax computes it: from zero weights the
 * two rows' gradients are always opposite (p₀ − y₀ = −(p₁ − y₁)), so w₀ = −w₁ throughout and only
 * v = w₁ − w₀ matters: v ← v·decay − 2·lr·(σ(v·x + b) − y)·x. Returns v (bias at `dim`): the
 * same SGD, up to rounding, as the general loop at half its work.
 */
function trainLogistic(xs: readonly SparseVector[], ys: readonly number[], dim: number, opt: LinearOptions, sampleWeights?: readonly number[]): Float64Array {
  const v = new Float64Array(dim + 1);
  runSgd(v, xs.length, opt, (i, lr, decay) => {
    const x = xs[i] as SparseVector;
    const idx = x.idx;
    const val = x.val;
    let score = v[dim] as number;
    for (let k = 0; k < idx.length; k += 1) score += (v[idx[k] as number] as number) * (val[k] as number);
    const g = 2 * lr * (1 / (1 + Math.exp(-score)) - ((ys[i] as number) === 1 ? 1 : 0)) * (sampleWeights?.[i] ?? 1);
    for (let k = 0; k < idx.length; k += 1) {
      const f = idx[k] as number;
      v[f] = (v[f] as number) * decay - g * (val[k] as number);
    }
    v[dim] = (v[dim] as number) - g;
  });
  return v;
}

/** A two-class softmax trained as one logistic regression, returned as the rows −v/2 and v/2 (the same scores). */
function trainBinarySoftmax(xs: readonly SparseVector[], ys: readonly number[], dim: number, opt: LinearOptions, sampleWeights?: readonly number[]): LinearWeights {
  const v = trainLogistic(xs, ys, dim, opt, sampleWeights);
  const yes = new Float32Array(dim + 1);
  const no = new Float32Array(dim + 1);
  for (let f = 0; f <= dim; f += 1) {
    yes[f] = (v[f] as number) / 2;
    no[f] = -(v[f] as number) / 2;
  }
  return { family: 'softmax', dim, rows: [no, yes] };
}

function softmaxGrads(scores: number[], y: number): number[] {
  return softmax(scores).map((p, c) => p - (c === y ? 1 : 0));
}

/** One-vs-rest hinge: a class row moves only while its margin on the example is below 1. */
function hingeGrads(scores: number[], y: number): number[] {
  return scores.map((s, c) => {
    const label = c === y ? 1 : -1;
    return label * s < 1 ? -label : 0;
  });
}

/**
 * NB-logistic: for each class c, the naive-Bayes log-count ratio r_c(f) = log((p_f/|p|) /
 * (q_f/|q|)) of feature f's summed values in class c (p) and the other classes (q), smoothed by
 * `nbAlpha`; a binary logistic regression learns class c against the rest on x ⊙ r_c; its weights
 * are multiplied back by r_c, so the row scores x directly: (w ⊙ r_c)·x = w·(x ⊙ r_c). The ratio
 * lets words typical of one class count before the regression has seen them often — what a small
 * corpus of many writers needs. The rows are one-vs-rest log-odds; a softmax over them ranks the
 * classes as the regressions do.
 */
function trainNbLogistic(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  dim: number,
  opt: LinearOptions,
  sampleWeights?: readonly number[],
): LinearWeights {
  const alpha = opt.nbAlpha ?? 1;
  const sums = Array.from({ length: classes }, () => new Float64Array(dim));
  const total = new Float64Array(dim);
  xs.forEach((x, i) => {
    const sum = sums[ys[i] as number] as Float64Array;
    const weight = sampleWeights?.[i] ?? 1;
    for (let k = 0; k < x.idx.length; k += 1) {
      const f = x.idx[k] as number;
      const v = Math.abs(x.val[k] as number) * weight;
      sum[f] = (sum[f] as number) + v;
      total[f] = (total[f] as number) + v;
    }
  });
  const rows = Array.from({ length: classes }, (_, c) => {
    const p = sums[c] as Float64Array;
    let pNorm = 0;
    let qNorm = 0;
    for (let f = 0; f < dim; f += 1) {
      pNorm += (p[f] as number) + alpha;
      qNorm += (total[f] as number) - (p[f] as number) + alpha;
    }
    const r = new Float64Array(dim);
    for (let f = 0; f < dim; f += 1) r[f] = Math.log(((p[f] as number) + alpha) / pNorm / (((total[f] as number) - (p[f] as number) + alpha) / qNorm));
    const scaled = xs.map((x) => ({ idx: x.idx, val: x.val.map((v, k) => v * (r[x.idx[k] as number] as number)) }));
    const v = trainLogistic(scaled, ys.map((y) => (y === c ? 1 : 0)), dim, opt, sampleWeights);
    const row = new Float32Array(dim + 1);
    for (let f = 0; f < dim; f += 1) row[f] = (v[f] as number) * (r[f] as number);
    row[dim] = v[dim] as number;
    return row;
  });
  return { family: 'nblr', dim, rows };
}
