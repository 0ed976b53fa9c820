/**
 * Small text helpers every layer needs and that must behave identically everywhere:
 * Vietnamese diacritic folding for matching, HTML escaping for Telegram's HTML mode, and the
 * sanitiser every free text goes through before it is stored or shown back.
 */

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-cases and strips diacritics (đ → d), so `buc xuc` matches `bức xúc`: the project's
 * one diacritic fold, used for matching everywhere (answers, keywords, analysis, search).
 * Never show folded text to a person.
 */
export function foldVietnamese(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for Telegram's HTML parse mode (user text must always go through this). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!);
}

// C0 controls except \n and \t (NUL, BEL, ESC included), DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Zero-width characters people (or copy-paste) put between words: a word boundary, not nothing.
const ZERO_WIDTH_BOUNDARY = /[\u200B\u2060\uFEFF]/g;
// Invisible characters inside a word: soft hyphen, zero-width non-joiner, Mongolian vowel separator.
const INVISIBLE = /[\u00AD\u200C\u180E]/g;
// A zero-width joiner outside an emoji sequence (👨‍👩‍👧 keeps its joiners).
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one canonical form of every free text a person sends, whether it is stored or echoed
 * back: no lone surrogates, NFC, no control or bidi-override characters, zero-width spaces,
 * word joiners and BOMs turned into spaces (they separate words), other invisible characters
 * removed (emoji joiners kept), runs of spaces collapsed, at most one blank line.
 */
export function sanitizeText(raw: string): string {
  return String(raw ?? '')
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, ' ')
    .replace(ZERO_WIDTH_BOUNDARY, ' ')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(BIDI, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .normalize('NFC');
}

/** The first `max` code points of a text (never half of a surrogate pair), with `…` when cut. */
export function truncateText(text: string, max: number): string {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (count === max) return `${text.slice(0, i)}…`;
    if (pair) i++;
    count++;
  }
  return text;
}
