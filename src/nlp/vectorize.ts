/**
 * The project's one TF-IDF vectoriser: sublinear term frequency (1 + ln tf) times inverse
 * document frequency, L2-normalised. Issue grouping (`termVector`, keyed by term) and the
 * learned models (`TfidfVocabulary`, keyed by feature index) both weigh terms through it.
 */

/** Sublinear TF-IDF weights of term counts, L2-normalised; `idf` absent → 1 for every term. */
export function tfidfWeights<K>(counts: ReadonlyMap<K, number>, idf?: (term: K) => number): Map<K, number> {
  const out = new Map<K, number>();
  let norm = 0;
  for (const [t, n] of counts) {
    if (n <= 0) continue;
    const w = (1 + Math.log(n)) * (idf ? idf(t) : 1);
    out.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}

/** Counts of each token in a list. */
export function countTokens<K>(tokens: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** A sparse vector: parallel arrays of feature indices (ascending) and values. */
export interface SparseVector {
  readonly idx: number[];
  readonly val: number[];
}

/** Smoothed IDF of a term seen in `df` of `n` documents (scikit-learn's formula). */
export function smoothIdf(df: number, n: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/**
 * A fixed vocabulary with IDF, built from training documents: terms seen in at least `minDf`
 * documents, sorted, so the same documents give the same indices in any process.
 */
export class TfidfVocabulary {
  readonly terms: readonly string[];
  readonly idf: readonly number[];
  private readonly index: Map<string, number>;

  constructor(terms: readonly string[], idf: readonly number[]) {
    if (terms.length !== idf.length) throw new RangeError('terms and idf differ in length');
    this.terms = terms;
    this.idf = idf;
    this.index = new Map(terms.map((t, i) => [t, i] as const));
  }

  /** Builds the vocabulary of a corpus of token-count maps. */
  static fit(docs: readonly ReadonlyMap<string, number>[], minDf = 1): TfidfVocabulary {
    const df = new Map<string, number>();
    for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const terms = [...df.entries()].filter(([, n]) => n >= minDf).map(([t]) => t).sort();
    return new TfidfVocabulary(terms, terms.map((t) => smoothIdf(df.get(t) as number, docs.length)));
  }

  get size(): number {
    return this.terms.length;
  }

  indexOf(term: string): number | undefined {
    return this.index.get(term);
  }

  /**
   * The TF-IDF vector of a document's token counts (unknown terms are dropped). With
   * `blockOf`, terms are normalised per block and each block scaled by its weight, so that
   * hundreds of character n-grams do not drown a handful of words.
   */
  vectorize(counts: ReadonlyMap<string, number>, blockOf?: (term: string) => number, blockWeights: readonly number[] = [1]): SparseVector {
    // The same weights as tfidfWeights per block, in flat arrays: this runs on every report.
    const idx: number[] = [];
    const val: number[] = [];
    const block: number[] = [];
    const norms = new Array<number>(blockWeights.length).fill(0);
    for (const [t, n] of counts) {
      const i = this.index.get(t);
      if (i === undefined || n <= 0) continue;
      const b = blockOf ? blockOf(t) : 0;
      const w = (1 + Math.log(n)) * (this.idf[i] as number);
      idx.push(i);
      val.push(w);
      block.push(b);
      norms[b] = (norms[b] ?? 0) + w * w;
    }
    const scale = norms.map((sq, b) => (blockWeights[b] ?? 1) / (Math.sqrt(sq) || 1));
    const order = idx.map((_, k) => k).sort((a, b) => (idx[a] as number) - (idx[b] as number));
    return {
      idx: order.map((k) => idx[k] as number),
      val: order.map((k) => (val[k] as number) * (scale[block[k] as number] as number)),
    };
  }
}
