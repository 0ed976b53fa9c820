import { sanitizeWithReport, type SanitizeReport } from '../domain/text.js';

/** What `normalizeText` removed, for logs and tests (counts, never the text itself). */
export type NormalizeReport = SanitizeReport;

/** Normalised text plus a count of what was stripped. */
export interface NormalizedText {
  readonly text: string;
  readonly removed: NormalizeReport;
}

/**
 * Step 1 of the analysis (PRODUCT.md): every later step sees the one canonical form of the text
 * that the bot also stores and shows (src/domain/text.ts `sanitizeWithReport`: NFC, no
 * control/bidi characters, no lone surrogates, zero-width spaces, word joiners and BOMs as word
 * boundaries, emoji joiners kept). Never throws.
 */
export function normalizeText(raw: string): NormalizedText {
  return sanitizeWithReport(raw);
}
