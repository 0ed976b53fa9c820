import { words } from './tokenize.js';
import { countTokens, tfidfWeights } from './vectorize.js';

const STOP = new Set(
  ('va cua la co cac nhung mot nguoi dan ba con nhieu vi da dang se thi ma de cho voi trong tai o ve nay do ' +
    'khi cung nhu duoc bi rat qua lam khong chua con nua hon tu den ra vao len xuong moi nhau ho minh toi chung ' +
    'the a an and of to in is are was were be been that this it for on with as at by from they their about not no ' +
    'very have has had will would our we you there what some many more than but or if so too people residents').split(' '),
);

/** True for a folded function word (`va`, `cua`, `the`, …) that says nothing about an issue. */
export function isStopword(folded: string): boolean {
  return STOP.has(folded);
}

/**
 * The terms of a text for issue-grouping: folded words without stopwords, plus syllable
 * bigrams of consecutive content words (`gia_dien`). Diacritics never split a group.
 */
export function terms(text: string): string[] {
  const ws = words(text).filter((w) => !STOP.has(w) && !/^\d+$/.test(w));
  const out = ws.slice();
  for (let i = 0; i + 1 < ws.length; i += 1) out.push(`${ws[i]}_${ws[i + 1]}`);
  return out;
}

/** Word k-shingles of the folded text (all words kept), a set for near-duplicate checks. */
export function shingles(text: string, k = 3): Set<string> {
  const ws = words(text);
  const out = new Set<string>();
  if (ws.length < k) {
    if (ws.length > 0) out.add(ws.join(' '));
    return out;
  }
  for (let i = 0; i + k <= ws.length; i += 1) out.add(ws.slice(i, i + k).join(' '));
  return out;
}

/** A sparse term vector (L2-normalised), comparable with `cosine`. */
export type TermVector = ReadonlyMap<string, number>;

/**
 * TF-IDF vector of terms (the one vectoriser of vectorize.ts): sublinear term frequency,
 * times `idf(term)` when given (the caller's document frequencies), L2-normalised.
 */
export function termVector(tokens: readonly string[], idf?: (term: string) => number): TermVector {
  return tfidfWeights(countTokens(tokens), idf);
}

/** Cosine similarity of two normalised term vectors, 0..1. */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return Math.max(0, Math.min(1, dot));
}

/** Exact Jaccard similarity of two sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  return inter / (a.size + b.size - inter);
}

/** 32-bit FNV-1a of a string: the base hash of MinHash (deterministic, no Math.random). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser, mixing a base hash with a per-permutation seed. */
function mix(h: number, seed: number): number {
  let x = (h ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * MinHash signature of a token set with k seeded permutations: two texts' signatures agree
 * in about (Jaccard similarity × k) positions. Same tokens and seed → same signature, in any
 * process, so signatures and band keys can be stored in the database.
 */
export function minhash(tokens: Iterable<string>, k = 64, seed = 0x5eed): number[] {
  const sig = new Array<number>(k).fill(0xffffffff);
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t)) continue;
    seen.add(t);
    const base = fnv1a(t);
    for (let i = 0; i < k; i += 1) {
      const v = mix(base, seed + i);
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity from two MinHash signatures of the same length. */
export function jaccardEstimate(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] === b[i] && a[i] !== 0xffffffff) same += 1;
  return same / a.length;
}

/**
 * LSH band keys of a signature (`b<band>:<hash>`): texts sharing any key are candidates, so
 * finding similar reports is an indexed lookup instead of a scan. `bands` must divide the
 * signature length; more bands find less similar pairs.
 */
export function lshBands(signature: readonly number[], bands: number): string[] {
  if (bands <= 0 || signature.length % bands !== 0) {
    throw new RangeError(`bands (${bands}) must divide the signature length (${signature.length})`);
  }
  if (signature.every((v) => v === 0xffffffff)) return [];
  const rows = signature.length / bands;
  const keys: string[] = [];
  for (let b = 0; b < bands; b += 1) {
    const band = signature.slice(b * rows, (b + 1) * rows).join('.');
    keys.push(`b${b}:${fnv1a(band).toString(16).padStart(8, '0')}`);
  }
  return keys;
}
