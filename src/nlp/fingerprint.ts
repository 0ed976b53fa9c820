import { lshBands, minhash, terms, termVector, type TermVector } from './similarity.js';

/** MinHash/LSH parameters shared by whoever writes and whoever queries band keys. */
export interface FingerprintOptions {
  /** Signature length (number of seeded permutations). */
  readonly permutations: number;
  /** Number of LSH bands; must divide `permutations`. */
  readonly bands: number;
  readonly seed: number;
}

/**
 * Defaults: 96 permutations in 32 bands of 3 rows. Two reports become candidates with
 * probability ≈ 58% at term-Jaccard 0.3, 88% at 0.4, but only ≈ 0.4% at 0.05, so a lookup
 * by band keys stays small as the store grows. Changing them invalidates stored keys:
 * store `FINGERPRINT_VERSION` next to the keys.
 */
export const FINGERPRINT_DEFAULTS: FingerprintOptions = { permutations: 96, bands: 32, seed: 0x5eed };

/** Bump when terms, hashing or defaults change, so stored band keys can be recomputed. */
export const FINGERPRINT_VERSION = 1;

/** Everything issue-grouping needs from one report's (redacted) text. */
export interface IssueFingerprint {
  /** Content words and their bigrams, folded (diacritic-insensitive). */
  readonly terms: string[];
  /** Normalised term vector for cosine similarity against candidates. */
  readonly vector: TermVector;
  readonly signature: number[];
  /** LSH band keys (`b<band>:<hex>`) to store in an indexed column. */
  readonly bands: string[];
  /** Content words: texts shorter than a few words should never auto-attach on their own. */
  readonly contentWords: number;
  readonly version: number;
}

/**
 * Computes a report's grouping fingerprint: MinHash over content words (unigrams, so
 * paraphrases still collide), band keys for candidate lookup, and a term vector (with
 * bigrams) to verify candidates by cosine. Deterministic across processes.
 */
export function issueFingerprint(text: string, options: Partial<FingerprintOptions> = {}): IssueFingerprint {
  const opt = { ...FINGERPRINT_DEFAULTS, ...options };
  const all = terms(text);
  const unigrams = all.filter((t) => !t.includes('_'));
  const signature = minhash(unigrams, opt.permutations, opt.seed);
  return {
    terms: all,
    vector: termVector(all),
    signature,
    bands: lshBands(signature, opt.bands),
    contentWords: unigrams.length,
    version: FINGERPRINT_VERSION,
  };
}
