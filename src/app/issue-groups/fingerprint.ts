/**
 * Text fingerprints for issue grouping, built on src/nlp's similarity helpers: the term set
 * of a report (folded content words and syllable bigrams), its LSH band keys (stored in
 * `ReportBand`), and the TF-IDF cosine that decides membership (measured against Jaccard
 * in bench/grouping-quality.ts). Deterministic: same text → same keys in any process.
 */
import { cosine, jaccard, lshBands, minhash, terms, termVector, words, type TermVector } from '../../nlp/index.js';

export { cosine, jaccard };

/** LSH layout: `bands` × `rows` MinHash values. 16×2 finds ~93% of same-issue pairs (see bench). */
export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** Defaults measured in bench/grouping-quality.ts. */
export const LSH_DEFAULTS: LshParams = { bands: 16, rows: 2 };

/** The term set of a text: folded content words and bigrams of consecutive content words. */
export function shingles(text: string): Set<string> {
  return new Set(terms(text));
}

/** Number of words in a text (stopwords included): "short" texts never auto-attach. */
export function wordCount(text: string): number {
  return words(text).filter((w) => /\p{L}/u.test(w)).length;
}

/** LSH band keys of a term set; an empty set gives no keys (it can match nothing). */
export function bandKeys(set: ReadonlySet<string>, params: LshParams = LSH_DEFAULTS): string[] {
  if (set.size === 0) return [];
  return lshBands(minhash(set, params.bands * params.rows), params.bands);
}

/** Inverse document frequencies; unknown terms get the largest (rare words say the most). */
export interface IdfTable {
  get(term: string): number;
}

/** Builds an IDF lookup from a vocabulary (the active topic model's `vocab`/`idf`). */
export function idfTable(vocab: readonly string[], idf: readonly number[]): IdfTable {
  const map = new Map<string, number>();
  vocab.forEach((t, i) => map.set(t, idf[i] as number));
  const unknown = idf.length ? Math.max(...idf) : 1;
  return { get: (t) => map.get(t) ?? unknown };
}

/** L2-normalised binary TF-IDF vector of a term set. */
export function tfidfVector(set: ReadonlySet<string>, idf: IdfTable): TermVector {
  return termVector([...set], (t) => idf.get(t));
}

const WEEK_MS = 7 * 86_400_000;

/** The week (since the epoch, UTC) an instant falls in: the time bucket of band keys. */
export function weekOf(at: Date): number {
  return Math.floor(at.getTime() / WEEK_MS);
}

/**
 * Band keys as stored: prefixed by the report's week, so that the keys of recent reports sit
 * together in the (bandKey, createdAt) index. The part of the index that lookups touch is
 * then the grouping window, not the whole history: the cost stays flat as the store grows.
 */
export function storedBandKeys(keys: readonly string[], at: Date): string[] {
  const w = weekOf(at);
  return keys.map((k) => `${w}.${k}`);
}

/** The stored keys to look up for a window [since, until]: every week it touches. */
export function lookupBandKeys(keys: readonly string[], since: Date, until: Date): string[] {
  const out: string[] = [];
  for (let w = weekOf(since); w <= weekOf(until); w += 1) for (const k of keys) out.push(`${w}.${k}`);
  return out;
}
