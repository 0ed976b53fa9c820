import { foldDiacritics } from './fold.js';

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

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// A run of digit groups joined by single spaces, dots or dashes, optionally starting with +.
const NUMBER_RUN = /(?<![\p{L}\p{N}+])\+?\d+(?:[ .-]\d+)*(?![\p{N}])/gu;
const ACCOUNT_CONTEXT = /(?:stk|so tk|so tai khoan|tai khoan|tk ngan hang|ngan hang|account|acct|a\/c|iban)\W{0,6}(?:\w+\W{1,3}){0,3}$/;
const PRICE_LIKE = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

function classify(run: string, before: string): Kind | undefined {
  const digits = run.replace(/\D/g, '');
  const context = ACCOUNT_CONTEXT.test(foldDiacritics(before.slice(-40)));
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

function replaceRun(run: string, before: string, found: RedactionCounts): string {
  const whole = classify(run, before);
  if (whole) {
    found[whole] += 1;
    return `[${whole}]`;
  }
  if (!run.includes(' ')) return run;
  // "năm 2024 0912 345 678": try the space-separated tail pieces on their own.
  const parts = run.split(' ');
  for (let i = 1; i < parts.length; i += 1) {
    const tail = parts.slice(i).join(' ');
    const kind = classify(tail, `${before}${parts.slice(0, i).join(' ')} `);
    if (kind) {
      found[kind] += 1;
      return `${parts.slice(0, i).join(' ')} [${kind}]`;
    }
  }
  return run;
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
