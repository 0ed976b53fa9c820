/**
 * Text fingerprints for issue grouping: the shingle set of a report (folded words and
 * syllable bigrams, stopwords dropped), its MinHash signature, the LSH band keys stored in
 * `ReportBand`, and the two similarity measures compared in bench/grouping-quality.ts
 * (TF-IDF cosine and Jaccard). Pure and deterministic: fixed seeds, no Math.random.
 */
import { tokenize, words } from '../../nlp/tokenize.js';
import { isStopword } from './stopwords.js';

/** LSH layout: `bands` × `rows` MinHash values. 16×2 finds pairs with Jaccard ≳ 0.25 (see bench). */
export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** Defaults measured in bench/grouping-quality.ts. */
export const LSH_DEFAULTS: LshParams = { bands: 16, rows: 2 };

/** The shingles of a text: content words and syllable bigrams that are not two stopwords. */
export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    const sep = t.indexOf('_');
    if (sep < 0) {
      if (t.length > 1 && !isStopword(t) && !/^\d+$/.test(t)) out.add(t);
    } else if (!(isStopword(t.slice(0, sep)) && isStopword(t.slice(sep + 1)))) {
      out.add(t);
    }
  }
  return out;
}

/** Number of words in a text (before stopword removal): "short" texts never auto-attach. */
export function wordCount(text: string): number {
  return words(text).filter((w) => /\p{L}/u.test(w)).length;
}

/** FNV-1a 32-bit hash of a string (stable across processes and machines). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads the bits of a 32-bit value. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: number[] = Array.from({ length: 256 }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

/** MinHash signature of a shingle set (`n` values); empty set → all 0xffffffff. */
export function minhash(set: ReadonlySet<string>, n: number): Uint32Array {
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (const s of set) {
    const h = hash32(s);
    for (let i = 0; i < n; i += 1) {
      const v = mix32(h ^ (SEEDS[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * LSH band keys (`<band>-<hex>`): two texts share a key when `rows` consecutive MinHash
 * values agree. An empty shingle set gives no keys (it can match nothing).
 */
export function bandKeys(set: ReadonlySet<string>, params: LshParams = LSH_DEFAULTS): string[] {
  if (set.size === 0) return [];
  const sig = minhash(set, params.bands * params.rows);
  const keys: string[] = [];
  for (let b = 0; b < params.bands; b += 1) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < params.rows; r += 1) h = mix32(h ^ (sig[b * params.rows + r] as number)) + r;
    keys.push(`${b}-${(h >>> 0).toString(16)}`);
  }
  return keys;
}

/** Jaccard similarity of two shingle sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  return inter / (a.size + b.size - inter);
}

/** Inverse document frequencies; unknown terms get `unknown` (rare words say the most). */
export interface IdfTable {
  get(term: string): number;
}

/** Builds an IDF lookup from a vocabulary (e.g. the active topic model's `vocab`/`idf`). */
export function idfTable(vocab: readonly string[], idf: readonly number[]): IdfTable {
  const map = new Map<string, number>();
  vocab.forEach((t, i) => map.set(t, idf[i] as number));
  const unknown = idf.length ? Math.max(...idf) : 1;
  return { get: (t) => map.get(t) ?? unknown };
}

/** L2-normalised binary TF-IDF vector of a shingle set. */
export function tfidfVector(set: ReadonlySet<string>, idf: IdfTable): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const t of set) {
    const w = idf.get(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Cosine of two normalised vectors. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) s += w * o;
  }
  return Math.min(1, s);
}
