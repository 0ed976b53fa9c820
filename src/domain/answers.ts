/**
 * Pure parsing of what a collaborator types in the report flow. People write on phones, often
 * without diacritics, sometimes in English, sometimes with the option's number: "lo lắng",
 * "lo lang", "2", "worried", "bức xúc"/"buc xuc" must all be understood. Matching folds
 * diacritics on both sides; nothing here is shown to a person.
 */
import { sanitizeText } from './text.js';
import { MOODS, SOURCES, SPREADS, type Mood, type Source, type Spread } from './vocabulary.js';
import { foldVietnamese } from './text.js';

/** Lower case, no diacritics, đ → d, single spaces: the form typed answers are matched in. */
export function fold(text: string): string {
  return foldVietnamese(sanitizeText(text))
    .replace(/[.!?,;:'"()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text has at least one letter or digit (not only emoji, punctuation or spaces). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Counts user-perceived characters roughly as code points (what a person counts). */
export function charCount(text: string): number {
  // code points, counted without building an array (runs on every replay of the report flow)
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

type Synonyms<T extends string> = Record<T, string[]>;

const MOOD_WORDS: Synonyms<Mood> = {
  supportive: ['dong tinh', 'ung ho', 'dong y', 'tan thanh', 'phan khoi', 'vui', 'hai long', 'supportive', 'support', 'positive', 'agree', 'happy'],
  neutral: ['binh thuong', 'trung lap', 'trung tinh', 'khong y kien', 'neutral', 'normal', 'ok', 'so so'],
  skeptical: ['ban khoan', 'hoai nghi', 'nghi ngo', 'phan van', 'skeptical', 'sceptical', 'doubtful', 'unsure', 'doubt'],
  worried: ['lo lang', 'lo', 'lo ngai', 'bat an', 'worried', 'worry', 'anxious', 'concerned'],
  angry: ['buc xuc', 'buc', 'tuc gian', 'phan no', 'gian du', 'kho chiu', 'angry', 'upset', 'furious', 'outraged'],
};

const SPREAD_WORDS: Synonyms<Spread> = {
  few: ['vai nguoi', 'mot vai nguoi', 'it nguoi', 'mot so nguoi', 'few', 'a few', 'a few people', 'few people'],
  unit: ['trong don vi', 'don vi', 'co quan', 'trong co quan', 'rong rai trong don vi', 'unit', 'agency', 'within the unit', 'workplace'],
  local: ['dia phuong', 'trong dia phuong', 'rong rai o dia phuong', 'khu dan cu', 'local', 'locality', 'locally', 'neighbourhood', 'neighborhood'],
  online: ['mang xa hoi', 'tren mang', 'ca nuoc', 'toan quoc', 'facebook', 'tiktok', 'online', 'social media', 'nationwide', 'internet'],
};

const SOURCE_WORDS: Synonyms<Source> = {
  conversation: ['tro chuyen', 'noi chuyen', 'trao doi', 'nghe noi', 'conversation', 'talk', 'chat', 'talking'],
  meeting: ['hop', 'cuoc hop', 'hoi nghi', 'sinh hoat', 'meeting', 'meetings', 'conference'],
  social_media: ['mang xa hoi', 'facebook', 'zalo', 'tiktok', 'youtube', 'tren mang', 'social media', 'social', 'online'],
  press: ['bao chi', 'bao', 'tin tuc', 'truyen hinh', 'dai', 'press', 'news', 'newspaper', 'tv', 'media'],
  other: ['khac', 'nguon khac', 'other', 'else'],
};

function pick<T extends string>(answer: string, order: readonly T[], words: Synonyms<T>): T | null {
  const f = fold(answer);
  if (!f) return null;
  const n = /^\d{1,2}$/.exec(f);
  if (n) return order[Number(f) - 1] ?? null;
  const direct = order.find((v) => v === f.replace(/ /g, '_'));
  if (direct) return direct;
  for (const v of order) if (words[v].includes(f)) return v;
  return null;
}

/** A mood from a typed answer ("lo lắng", "lo lang", "4", "worried", "buc xuc"); null when unclear. */
export function parseMood(answer: string): Mood | null {
  return pick(answer, MOODS, MOOD_WORDS);
}

/** A spread from a typed answer ("1", "vài người", "mang xa hoi", "local"); null when unclear. */
export function parseSpread(answer: string): Spread | null {
  return pick(answer, SPREADS, SPREAD_WORDS);
}

/** A source from a typed answer ("họp", "facebook", "press", "2"); null when unclear. */
export function parseSource(answer: string): Source | null {
  return pick(answer, SOURCES, SOURCE_WORDS);
}

const SKIP_WORDS = ['bo qua', 'khong', 'khong co', 'ko', 'k', 'skip', 'no', 'none', 'nothing', '-', 'pass'];

/** True when the person declines an optional answer ("bỏ qua", "bo qua", "skip", "không"). */
export function isSkip(answer: string): boolean {
  const f = fold(answer);
  return f === '' ? answer.trim() === '-' : SKIP_WORDS.includes(f);
}

const DONE_WORDS = ['xong', 'het', 'da xong', 'gui', 'tiep', 'tiep tuc', 'done', 'ok xong', 'next', 'finish', 'finished'];

/** True when the person says they have finished sending content ("xong", "done"). */
export function isDone(answer: string): boolean {
  return DONE_WORDS.includes(fold(answer));
}

const AUTO_TOPIC_WORDS = ['de he thong chon', 'he thong chon', 'tu dong', 'auto', 'let the system decide', 'system', 'any', 'khong biet'];

/**
 * A topic from a typed answer: its number in the keyboard (1-based), its slug, or its name
 * in either language (folded; a unique prefix is enough). 'auto' = let the system decide.
 */
export function parseTopic(
  answer: string,
  topics: readonly { slug: string; nameVi: string; nameEn: string }[],
): string | 'auto' | null {
  const f = fold(answer);
  if (!f) return null;
  if (AUTO_TOPIC_WORDS.includes(f)) return 'auto';
  if (/^\d{1,2}$/.test(f)) {
    const i = Number(f);
    if (i === topics.length + 1) return 'auto';
    return topics[i - 1]?.slug ?? null;
  }
  const exact = topics.find((t) => t.slug === f.replace(/ /g, '_') || fold(t.nameVi) === f || fold(t.nameEn) === f);
  if (exact) return exact.slug;
  if (f.length < 3) return null;
  const prefixed = topics.filter((t) => fold(t.nameVi).startsWith(f) || fold(t.nameEn).startsWith(f));
  return prefixed.length === 1 ? prefixed[0]!.slug : null;
}
