/**
 * Compact, validated callback data. Report-flow buttons carry the flow's nonce
 * (`r:<nonce>:<code>:<value>`) so a button from an old message is recognised as stale;
 * anything that does not parse is treated as forged. Telegram allows at most 64 bytes.
 */
import { DRAFT_FIELDS, type DraftField } from '../../domain/report-draft.js';
import { MOODS, SOURCES, SPREADS } from '../../domain/vocabulary.js';

/** What each report-flow button code means, and which values it accepts. */
export const FLOW_CODES = {
  topic: 't',
  content: 'c',
  mood: 'm',
  spread: 's',
  source: 'o',
  proposal: 'p',
  edit: 'e',
  review: 'v',
  quick: 'q',
} as const;
/** A report-flow button code (one letter). */
export type FlowCode = (typeof FLOW_CODES)[keyof typeof FLOW_CODES];

const SLUG = /^[a-z][a-z0-9_]{0,39}$/;

const VALID: Record<FlowCode, (v: string) => boolean> = {
  t: (v) => v === 'auto' || SLUG.test(v),
  c: (v) => v === 'done',
  m: (v) => (MOODS as readonly string[]).includes(v),
  s: (v) => (SPREADS as readonly string[]).includes(v),
  o: (v) => (SOURCES as readonly string[]).includes(v),
  p: (v) => v === 'skip',
  e: (v) => (DRAFT_FIELDS as readonly string[]).includes(v),
  v: (v) => v === 'submit' || v === 'cancel',
  q: (v) => v === 'send' || v === 'add' || v === 'no',
};

/** A parsed report-flow button. */
export interface FlowButton {
  nonce: string;
  code: FlowCode;
  value: string;
}

/** Builds the data of a report-flow button. */
export function flowData(nonce: string, code: FlowCode, value: string): string {
  return `r:${nonce}:${code}:${value}`;
}

/** Parses report-flow data; null when it is not well-formed (forged or from another feature). */
export function parseFlowData(data: string | undefined): FlowButton | null {
  if (!data || data.length > 64) return null;
  const m = /^r:([a-z0-9]{4,10}):([a-z]):([a-z_]{1,40})$/.exec(data);
  if (!m) return null;
  const code = m[2] as FlowCode;
  if (!(code in VALID) || !VALID[code](m[3]!)) return null;
  return { nonce: m[1]!, code, value: m[3]! };
}

/** Withdraw button of /myreports: `w:<reportId>`. */
export function withdrawData(reportId: number): string {
  return `w:${reportId}`;
}

/** The report id of a withdraw button, or null when forged. */
export function parseWithdrawData(data: string | undefined): number | null {
  const m = /^w:(\d{1,10})$/.exec(data ?? '');
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Language buttons: `l:vi`, `l:en`. */
export function languageData(lang: 'vi' | 'en'): string {
  return `l:${lang}`;
}

/** Narrows an edit button's value to a draft field. */
export function isDraftField(v: string): v is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(v);
}
