/**
 * Small text helpers every layer needs and that must behave identically everywhere:
 * Vietnamese diacritic folding for matching, and HTML escaping for Telegram's HTML mode.
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
