import type { SparseVector } from './vectorize.js';

/**
 * Linear classifiers trained in pure TypeScript with plain SGD in a fixed example order:
 * same data → same weights, in any process. Two families share the data layout so they can
 * be compared on the same features: a softmax (multinomial logistic regression, which also
 * gives probabilities) and a one-vs-rest linear SVM (hinge loss).
 */
export type LinearFamily = 'softmax' | 'svm';

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
  const n = xs.length;
  // Weights interleaved by feature (W[f * classes + c]): one example touches every class of
  // the same few features, which then share cache lines. Same arithmetic, in the same order
  // per weight, as one row per class: the result is bit for bit the same.
  const W = new Float64Array((dim + 1) * classes);
  const scores = new Array<number>(classes);
  if (n > 0) {
    const stride = strideFor(n);
    const biasAt = dim * classes;
    for (let epoch = 0; epoch < opt.epochs; epoch += 1) {
      const lr = opt.learningRate / (1 + epoch * 0.1);
      const decay = 1 - lr * opt.l2;
      for (let m = 0; m < n; m += 1) {
        const i = (m * stride + epoch) % n;
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
      }
    }
  }
  const rows = Array.from({ length: classes }, (_, c) => {
    const r = new Float32Array(dim + 1);
    for (let f = 0; f <= dim; f += 1) r[f] = W[f * classes + c] as number;
    return r;
  });
  return { family: opt.family, dim, rows };
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
