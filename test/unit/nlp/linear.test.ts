import { describe, expect, it } from 'vitest';
import { linearScores, trainLinear, type LinearOptions } from '../../../src/nlp/linear.js';
import type { SparseVector } from '../../../src/nlp/vectorize.js';

// A toy task: features 0-2 mark class 0, 3-5 class 1, 6-8 class 2; feature 9 is noise in every class.
const vec = (idx: number[]): SparseVector => ({ idx, val: idx.map(() => 1 / Math.sqrt(idx.length)) });
const data: [SparseVector, number][] = [];
for (let i = 0; i < 60; i += 1) {
  const c = i % 3;
  const j = Math.floor(i / 3) % 3;
  data.push([vec([c * 3 + j, c * 3 + ((j + 1) % 3), 9].sort((a, b) => a - b)), c]);
}
const xs = data.map((d) => d[0]);
const ys = data.map((d) => d[1]);
const argmax = (v: number[]) => v.indexOf(Math.max(...v));
const accuracy = (opt: Partial<LinearOptions>, classes = 3) => {
  const w = trainLinear(xs, ys, classes, 10, opt);
  return xs.filter((x, i) => argmax(linearScores(w, x)) === ys[i]).length / xs.length;
};

describe('linear learners', () => {
  it('every family learns a separable task, averaged or not', () => {
    for (const family of ['softmax', 'svm', 'nblr'] as const) {
      expect(accuracy({ family }), family).toBe(1);
      expect(accuracy({ family, average: true }), `${family} averaged`).toBe(1);
    }
  });

  it('a two-class softmax is one logistic regression: opposite rows, the right side of zero', () => {
    const bin = ys.map((y) => (y === 1 ? 1 : 0));
    const w = trainLinear(xs, bin, 2, 10, { family: 'softmax' });
    const [no, yes] = w.rows as [Float32Array, Float32Array];
    for (let f = 0; f <= 10; f += 1) expect(no[f]).toBe(-(yes[f] as number));
    xs.forEach((x, i) => {
      const [a, b] = linearScores(w, x) as [number, number];
      expect(b - a > 0, `example ${i}`).toBe(bin[i] === 1);
    });
  });

  it('NB-logistic gives a word typical of one class weight in that class before the others', () => {
    const w = trainLinear(xs, ys, 3, 10, { family: 'nblr', epochs: 1, learningRate: 0.1 });
    for (let c = 0; c < 3; c += 1) {
      const own = w.rows[c]![c * 3] as number;
      const other = w.rows[(c + 1) % 3]![c * 3] as number;
      expect(own).toBeGreaterThan(0);
      expect(other).toBeLessThan(0);
    }
  });

  it('is deterministic: the same data gives the same weights', () => {
    for (const family of ['softmax', 'nblr'] as const) {
      const a = trainLinear(xs, ys, 3, 10, { family, average: true });
      const b = trainLinear(xs, ys, 3, 10, { family, average: true });
      expect(a.rows.map((r) => [...r])).toEqual(b.rows.map((r) => [...r]));
    }
  });

  it('sample weights count: a heavier example moves the decision its way', () => {
    // one ambiguous example (features of class 0 and 1) labelled 1, first at weight 1, then 20
    const amb = vec([0, 3]);
    const train = (weight: number) => {
      const w = trainLinear([...xs, amb], [...ys, 1], 3, 10, { family: 'nblr' }, [...ys.map(() => 1), weight]);
      const s = linearScores(w, amb);
      return (s[1] as number) - (s[0] as number);
    };
    expect(train(20)).toBeGreaterThan(train(1));
  });
});
