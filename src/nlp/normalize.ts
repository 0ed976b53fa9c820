/** What `normalizeText` removed, for logs and tests (counts, never the text itself). */
export interface NormalizeReport {
  readonly controlChars: number;
  readonly invisibleChars: number;
  readonly bidiChars: number;
  readonly loneSurrogates: number;
}

/** Normalised text plus a count of what was stripped. */
export interface NormalizedText {
  readonly text: string;
  readonly removed: NormalizeReport;
}

// C0 (except \n and \t, which become whitespace below), DEL and C1 controls, including NUL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Zero-width space, zero-width non-joiner, word joiner and BOM sit between syllables when
// text is pasted from apps and web pages: they become a space (a word boundary), never glue.
const INVISIBLE_BOUNDARY = /[\u200B\u200C\u2060\uFEFF]/g;
// Soft hyphens sit inside words; a zero-width joiner is kept only inside an emoji sequence.
const INVISIBLE_INSIDE = /\u00AD|(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function countAndStrip(text: string, re: RegExp, replacement = ''): [string, number] {
  let n = 0;
  const out = text.replace(re, () => {
    n += 1;
    return replacement;
  });
  return [out, n];
}

function collapseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/**
 * Step 1 of the analysis (PRODUCT.md): makes every later step see one canonical form of the
 * text, whatever the client sent — NFC, no control/bidi characters, no lone surrogates,
 * whitespace collapsed (single newlines kept between lines). Zero-width spaces, word joiners
 * and BOMs count as word boundaries (`bức\u200Bxúc` → `bức xúc`); a zero-width joiner stays
 * only inside an emoji sequence (👨‍👩‍👧). Never throws.
 */
export function normalizeText(raw: string): NormalizedText {
  const input = typeof raw === 'string' ? raw : String(raw ?? '');
  const [paired, loneSurrogates] = countAndStrip(input, LONE_SURROGATE);
  const unified = paired.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  const [noControl, controlChars] = countAndStrip(unified, CONTROL, ' ');
  const [spaced, boundaryChars] = countAndStrip(noControl, INVISIBLE_BOUNDARY, ' ');
  const [noInvisible, insideChars] = countAndStrip(spaced, INVISIBLE_INSIDE);
  const invisibleChars = boundaryChars + insideChars;
  const [noBidi, bidiChars] = countAndStrip(noInvisible, BIDI);
  const text = collapseWhitespace(noBidi.normalize('NFC'));
  return { text, removed: { controlChars, invisibleChars, bidiChars, loneSurrogates } };
}
