/**
 * A report search as a URL: the query string is the search (a leader can share or bookmark
 * it, and the export reads the very same parameters). Parsing is strict — an unknown value is
 * a clear error, never a silently dropped filter — and pure.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { addDays, formatLocalDate, parseLocalDate, startOfLocalDay, type LocalDate } from '../../domain/zoned-time.js';
import { MOODS, REPORT_STATUSES, URGENCY_LEVELS, type Mood, type ReportStatus, type UrgencyLevel } from '../../domain/vocabulary.js';
import type { ReportFilters } from './ports.js';

export const PAGE_SIZE = 25;
/** Deeper pages are refused: past 200 pages, narrow the search or export it. */
export const MAX_PAGE = 200;
const TEXT_MAX = 200;

/** The validated parameters, as they appear in the URL. */
export interface SearchParams {
  q: string;
  unit: number | null;
  topic: string | null;
  mood: Mood | null;
  urgency: UrgencyLevel | null;
  status: ReportStatus | null;
  from: LocalDate | null;
  to: LocalDate | null;
  page: number;
}

export const EMPTY_SEARCH: SearchParams = { q: '', unit: null, topic: null, mood: null, urgency: null, status: null, from: null, to: null, page: 1 };

/** A parameter that could not be read: which one, and why (a Fluent key suffix). */
export interface ParamError {
  param: string;
  problem: 'invalid' | 'too_long' | 'too_deep' | 'range';
}

const KNOWN = new Set(['q', 'unit', 'topic', 'mood', 'urgency', 'status', 'from', 'to', 'page', 'lang']);
const one = (v: unknown): string | undefined => (Array.isArray(v) ? (v.length ? String(v[v.length - 1]) : undefined) : v === undefined ? undefined : String(v));
const positiveInt = (s: string) => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : null);

function pick<T extends string>(list: readonly T[], raw: string | undefined, param: string, errors: ParamError[]): T | null {
  if (raw === undefined || raw === '') return null;
  if ((list as readonly string[]).includes(raw)) return raw as T;
  errors.push({ param, problem: 'invalid' });
  return null;
}

/**
 * Reads a query object (Fastify's parsed query string). Topics are checked against the live
 * taxonomy's slugs; unknown parameters are errors too (a typo must not widen a search).
 */
export function parseSearch(query: Record<string, unknown>, topicSlugs: readonly string[]): Result<SearchParams, ParamError[]> {
  const errors: ParamError[] = [];
  for (const k of Object.keys(query)) if (!KNOWN.has(k)) errors.push({ param: k, problem: 'invalid' });
  const q = (one(query.q) ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (q.length > TEXT_MAX) errors.push({ param: 'q', problem: 'too_long' });
  const unitRaw = one(query.unit);
  const unit = unitRaw === undefined || unitRaw === '' ? null : positiveInt(unitRaw);
  if (unitRaw && unit === null) errors.push({ param: 'unit', problem: 'invalid' });
  const date = (param: 'from' | 'to') => {
    const raw = one(query[param]);
    if (raw === undefined || raw === '') return null;
    const d = parseLocalDate(raw);
    if (!d) errors.push({ param, problem: 'invalid' });
    return d;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && formatLocalDate(from) > formatLocalDate(to)) errors.push({ param: 'to', problem: 'range' });
  const pageRaw = one(query.page);
  const page = pageRaw === undefined || pageRaw === '' ? 1 : positiveInt(pageRaw);
  if (page === null) errors.push({ param: 'page', problem: 'invalid' });
  else if (page > MAX_PAGE) errors.push({ param: 'page', problem: 'too_deep' });
  const params: SearchParams = {
    q: q.slice(0, TEXT_MAX),
    unit,
    topic: pick(topicSlugs, one(query.topic), 'topic', errors),
    mood: pick(MOODS, one(query.mood), 'mood', errors),
    urgency: pick(URGENCY_LEVELS, one(query.urgency), 'urgency', errors),
    status: pick(REPORT_STATUSES, one(query.status), 'status', errors),
    from,
    to,
    page: page ?? 1,
  };
  return errors.length ? err(errors) : ok(params);
}

/** The query string of a search (empty values left out), optionally at another page. */
export function searchQueryString(p: SearchParams, overrides: Partial<SearchParams> = {}): string {
  const s = { ...p, ...overrides };
  const out = new URLSearchParams();
  if (s.q) out.set('q', s.q);
  if (s.unit !== null) out.set('unit', String(s.unit));
  for (const k of ['topic', 'mood', 'urgency', 'status'] as const) if (s[k]) out.set(k, s[k]!);
  if (s.from) out.set('from', formatLocalDate(s.from));
  if (s.to) out.set('to', formatLocalDate(s.to));
  if (s.page > 1) out.set('page', String(s.page));
  return out.toString();
}

/** The filters a read model applies: local days become UTC bounds [from 00:00, day after `to` 00:00). */
export function toFilters(p: SearchParams, timezone: string): ReportFilters {
  return {
    text: p.q,
    unitId: p.unit,
    topic: p.topic,
    mood: p.mood,
    urgency: p.urgency,
    status: p.status,
    from: p.from ? startOfLocalDay(p.from, timezone) : null,
    to: p.to ? startOfLocalDay(addDays(p.to, 1), timezone) : null,
  };
}

/** Splits free text into terms: words, or "quoted phrases". */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]+)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term) terms.push(term);
  }
  return terms.slice(0, 8);
}
