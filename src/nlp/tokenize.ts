import { natural } from './natural.js';
import { foldVietnamese } from '../domain/text.js';

const tokenizer = new natural.AggressiveTokenizerVi();
/** Longer "words" are noise (a 5,000-char single word must not bloat vectors). */
const MAX_TOKEN_LENGTH = 30;

/**
 * The words of a text, folded (no diacritics, lower case), split by natural's Vietnamese
 * aggressive tokenizer. The unit of every model and similarity in src/nlp.
 */
export function words(text: string): string[] {
  return tokenizer.tokenize(foldVietnamese(text)).filter((w) => w.length > 0 && w.length <= MAX_TOKEN_LENGTH);
}

/**
 * Words plus syllable bigrams (`gia_dien`, `tham_nhung`): Vietnamese words are often two
 * syllables, and the bigram carries the meaning that the two syllables alone do not.
 */
export function tokenize(text: string): string[] {
  const ws = words(text);
  const out = ws.slice();
  for (let i = 0; i + 1 < ws.length; i += 1) out.push(`${ws[i]}_${ws[i + 1]}`);
  return out;
}
