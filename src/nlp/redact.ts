import { foldVietnamese } from '../domain/text.js';

/** Counts of each kind of personal data replaced in a text. */
export interface RedactionCounts {
  phone: number;
  email: number;
  id: number;
  account: number;
}

/** The redacted text (what leaders see) and what was replaced. */
export interface Redaction {
  readonly text: string;
  readonly found: RedactionCounts;
}

type Kind = keyof RedactionCounts;

// Bounded parts and a lookbehind keep this linear on hostile input (a 9,000-letter word).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}])/gu;
// A run of digit groups joined by single spaces, dots or dashes, optionally starting with +.
const NUMBER_RUN = /(?<![\p{L}\p{N}+])\+?\d+(?:[ .-]\d+)*(?![\p{N}])/gu;
const ACCOUNT_CONTEXT = /(?:stk|so tk|so tai khoan|tai khoan|tk ngan hang|ngan hang|account|acct|a\/c|iban)\W{0,6}(?:\w+\W{1,3}){0,3}$/;
// An identity-card word just before the number: "CCCD", "căn cước", "định danh", "ID".
const ID_CONTEXT = /(?:cccd|cmnd|can cuoc|dinh danh|chung minh|ho chieu|passport|\bid\b|identity)\W{0,6}(?:\w+\W{1,3}){0,2}$/;
// An account word right before the number (nothing between): only then is a 3-3-3-3 number an account.
const ACCOUNT_RIGHT_BEFORE = /(?:stk|so tk|so tai khoan|tai khoan|account|acct|a\/c|iban)\W{0,6}$/;
// How a 12-digit citizen ID is written when spaced: 079 123 456 789.
const SPACED_ID = /^\d{3}([ .-])\d{3}\1\d{3}\1\d{3}$/;
const PRICE_LIKE = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

function isIdNumber(run: string, digits: string, before: string): boolean {
  if (digits.length !== 9 && digits.length !== 12) return false;
  if (ACCOUNT_RIGHT_BEFORE.test(before)) return false;
  return ID_CONTEXT.test(before) || SPACED_ID.test(run);
}

function classify(run: string, before: string): Kind | undefined {
  const digits = run.replace(/\D/g, '');
  const folded = foldVietnamese(before.slice(-40));
  if (isIdNumber(run, digits, folded)) return 'id';
  const context = ACCOUNT_CONTEXT.test(folded);
  if (context && digits.length >= 8 && digits.length <= 16) return 'account';
  if (PRICE_LIKE.test(run)) return undefined;
  if (run.startsWith('+84') || (digits.startsWith('84') && /[ .-]/.test(run))) {
    return digits.length >= 11 && digits.length <= 12 ? 'phone' : undefined;
  }
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12) && digits[2] !== '0') {
    return 'phone';
  }
  if (digits.startsWith('0') && (digits.length === 10 || digits.length === 11) && /^0[1-9]/.test(digits)) {
    return 'phone';
  }
  if (digits.length === 9 || digits.length === 12) return 'id';
  if (!/[ .-]/.test(run) && digits.length >= 13 && digits.length <= 16) return 'account';
  return undefined;
}

/** Longest run of groups tried as one number ("+84 912 345 678" is 4 groups). */
const MAX_GROUPS = 6;

/**
 * A run of digit groups may hold several numbers ("năm 2024 0912 345 678"): segment it
 * left to right, taking at each group the longest span (≤ MAX_GROUPS) that is personal data.
 * Linear in the run length, so a 9,000-character run of digits stays cheap.
 */
function replaceRun(run: string, before: string, found: RedactionCounts): string {
  if (run.length <= 40) {
    const whole = classify(run, before);
    if (whole) {
      found[whole] += 1;
      return `[${whole}]`;
    }
    if (!run.includes(' ')) return run;
  }
  const parts = run.split(' ');
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let taken = 0;
    for (let j = Math.min(parts.length, i + MAX_GROUPS); j > i && taken === 0; j -= 1) {
      const span = parts.slice(i, j).join(' ');
      if (span.length > 40) continue;
      const context = `${before}${out.slice(-3).join(' ')} `;
      const kind = classify(span, context);
      if (kind) {
        found[kind] += 1;
        out.push(`[${kind}]`);
        taken = j - i;
      }
    }
    if (taken === 0) {
      out.push(parts[i] as string);
      taken = 1;
    }
    i += taken;
  }
  return out.join(' ');
}

/**
 * Replaces phone numbers (Vietnamese formats, +84/84/0-prefixed, with spaces, dots or dashes),
 * e-mail addresses, 9- and 12-digit ID numbers and bank account numbers by typed placeholders
 * before any leader sees the text (PRODUCT.md "Privacy"). Prices ("25.000 đồng"), years,
 * dates and percentages are left alone.
 */
export function redact(text: string): Redaction {
  const found: RedactionCounts = { phone: 0, email: 0, id: 0, account: 0 };
  let out = text.replace(EMAIL, () => {
    found.email += 1;
    return '[email]';
  });
  out = out.replace(NUMBER_RUN, (run: string, offset: number, whole: string) =>
    replaceRun(run, whole.slice(Math.max(0, offset - 40), offset), found),
  );
  return { text: out, found };
}
