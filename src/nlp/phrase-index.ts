import { foldVietnamese } from '../domain/text.js';
import { hasVietnameseMarks } from './fold.js';

const WORD = /[a-z0-9àáảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ]+/g;

/** Lower-case NFC words of a text, split like natural's Vietnamese tokenizer (unfolded). */
export function plainWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().replace(/n't\b/g, ' not').match(WORD) ?? [];
}

/** A phrase found in a text: its entry, and the word span where it matched. */
export interface PhraseHit<T> {
  readonly entry: T;
  readonly start: number;
  readonly end: number;
}

/** The word sequence of a text in the form a phrase index matches against. */
export interface MatchableText {
  readonly words: readonly string[];
  readonly folded: boolean;
}

/**
 * Prepares text for phrase matching: texts typed with diacritics match exactly (so `lò`
 * never matches `lo`, `bão` never matches `báo`); texts without diacritics match folded.
 */
export function toMatchable(text: string): MatchableText {
  const folded = !hasVietnameseMarks(text);
  const words = plainWords(text);
  return { words: folded ? words.map(foldVietnamese) : words, folded };
}

interface Compiled<T> {
  readonly words: readonly string[];
  readonly entry: T;
}

/**
 * An index of phrases (keywords, lexicon entries, trigger phrases) by first word, matched
 * longest-first over a word sequence in one pass. In folded mode, one-syllable Vietnamese
 * phrases that carry diacritics are skipped: folded, they collide with other words.
 */
export class PhraseIndex<T> {
  private readonly exact = new Map<string, Compiled<T>[]>();
  private readonly folded = new Map<string, Compiled<T>[]>();

  /** `foldSafe` lists one-syllable phrases whose folded form is unambiguous (e.g. `khen`). */
  constructor(entries: Iterable<readonly [string, T]>, foldSafe: ReadonlySet<string> = new Set()) {
    for (const [phrase, entry] of entries) {
      const words = plainWords(phrase);
      if (words.length === 0) continue;
      add(this.exact, words, entry);
      const ambiguous = words.length === 1 && hasVietnameseMarks(phrase) && !foldSafe.has(phrase);
      if (!ambiguous) add(this.folded, words.map(foldVietnamese), entry);
    }
    for (const map of [this.exact, this.folded]) {
      for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
    }
  }

  /** All non-overlapping hits, longest phrase first at each position. */
  match(text: MatchableText): PhraseHit<T>[] {
    const map = text.folded ? this.folded : this.exact;
    const hits: PhraseHit<T>[] = [];
    const ws = text.words;
    let i = 0;
    while (i < ws.length) {
      const hit = longestAt(map.get(ws[i] as string), ws, i);
      if (hit) {
        hits.push({ entry: hit.entry, start: i, end: i + hit.words.length });
        i += hit.words.length;
      } else i += 1;
    }
    return hits;
  }
}

function add<T>(map: Map<string, Compiled<T>[]>, words: string[], entry: T): void {
  const first = words[0] as string;
  const list = map.get(first) ?? [];
  list.push({ words, entry });
  map.set(first, list);
}

function longestAt<T>(cands: Compiled<T>[] | undefined, ws: readonly string[], i: number): Compiled<T> | undefined {
  if (!cands) return undefined;
  for (const c of cands) {
    if (i + c.words.length > ws.length) continue;
    let ok = true;
    for (let k = 1; k < c.words.length; k += 1) {
      if (ws[i + k] !== c.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return c;
  }
  return undefined;
}
