import { describe, expect, it } from 'vitest';
import { cosine, jaccard, jaccardEstimate, lshBands, minhash, shingles, terms, termVector } from '../../../src/nlp/index.js';

const a = 'Bà con bức xúc vì giá điện tháng này tăng gần gấp đôi';
const b = 'Ba con buc xuc vi gia dien thang nay tang gan gap doi so voi thang truoc';
const c = 'Phụ huynh lo lắng kỳ thi vào lớp 10 quá căng thẳng';

describe('similarity helpers', () => {
  it('folds diacritics and drops stopwords in terms', () => {
    expect(terms(a)).toContain('gia_dien');
    expect(terms(a)).not.toContain('vi');
    expect(terms(a).filter((t) => !t.includes('_'))).toEqual(terms(b).filter((t) => !t.includes('_')).slice(0, terms(a).filter((t) => !t.includes('_')).length));
  });

  it('makes similar reports close and different ones far (cosine)', () => {
    const va = termVector(terms(a));
    expect(cosine(va, termVector(terms(b)))).toBeGreaterThan(0.7);
    expect(cosine(va, termVector(terms(c)))).toBeLessThan(0.1);
    expect(cosine(va, va)).toBeCloseTo(1, 6);
  });

  it('estimates Jaccard with MinHash', () => {
    const sa = shingles(a, 2);
    const sb = shingles(b, 2);
    const exact = jaccard(sa, sb);
    const est = jaccardEstimate(minhash(sa, 128), minhash(sb, 128));
    expect(Math.abs(est - exact)).toBeLessThan(0.15);
    expect(jaccardEstimate(minhash(sa, 128), minhash(shingles(c, 2), 128))).toBeLessThan(0.1);
  });

  it('is deterministic (seeded hashing, no Math.random)', () => {
    expect(minhash(terms(a), 64)).toEqual(minhash(terms(a), 64));
    expect(lshBands(minhash(terms(a), 64), 16)).toEqual(lshBands(minhash(terms(a), 64), 16));
    expect(minhash(terms(a), 64, 1)).not.toEqual(minhash(terms(a), 64, 2));
  });

  it('gives near-duplicates a shared band key and unrelated texts none', () => {
    const ka = new Set(lshBands(minhash(terms(a)), 32));
    const kb = lshBands(minhash(terms('Bà con bức xúc vì giá điện tháng này tăng gần gấp đôi!')), 32);
    const kc = lshBands(minhash(terms(c)), 32);
    expect(kb.some((k) => ka.has(k))).toBe(true);
    expect(kc.some((k) => ka.has(k))).toBe(false);
    expect(kb[0]).toMatch(/^b0:[0-9a-f]{8}$/);
  });

  it('handles empty input and bad band counts', () => {
    expect(lshBands(minhash([]), 16)).toEqual([]);
    expect(() => lshBands(minhash(['x'], 64), 7)).toThrow(RangeError);
    expect(cosine(termVector([]), termVector(['x']))).toBe(0);
  });
});
