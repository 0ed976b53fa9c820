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
