import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import AggressiveTokenizerVi from 'natural/lib/natural/tokenizers/aggressive_tokenizer_vi.js';

/**
 * The one import of `natural` in the project; other nlp modules take what they need from here.
 * The tokenizer's module loads nothing else of natural (no dotenv, so no banner on stdout and
 * no process.env to set before it): importing src/nlp has no side effect beyond its own code.
 *
 * Only natural's Vietnamese tokenizer and its Porter stemmer (English words) are used, each
 * imported by its own path (the stemmer loads only natural's stopword list and tokenizer): natural's package
 * entry ships `.ts` sources next to its `.d.ts` files, which `tsc` then type-checks (and
 * rejects under this project's settings) even with skipLibCheck. Their types are declared in
 * natural-vi.d.ts beside this file.
 */
export const natural = { AggressiveTokenizerVi, PorterStemmer };
