/**
 * Wall-clock arithmetic in an IANA time zone with Intl only (no external library): a unit's
 * digest time, its day/week/month boundaries and quiet hours are local times, while the
 * database and the queue work in instants. DST gaps and overlaps are resolved here, once.
 */

/** A calendar date without a time zone (month 1–12). */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** A wall-clock reading in some zone. */
export interface LocalDateTime extends LocalDate {
  hh: number;
  mm: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock reading of an instant in `tz` (seconds included for offset maths). */
export function zonedParts(at: Date, tz: string): LocalDateTime & { ss: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, hh: parts.hour! % 24, mm: parts.minute!, ss: parts.second! };
}

/** The local calendar date of an instant in `tz`. */
export function localDateOf(at: Date, tz: string): LocalDate {
  const p = zonedParts(at, tz);
  return { y: p.y, m: p.m, d: p.d };
}

/** Offset of `tz` from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(at: Date, tz: string): number {
  const p = zonedParts(at, tz);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `tz` shows `local`. In a DST overlap the first
 * occurrence is chosen; in a DST gap (a time that does not exist) the instant just after the
 * gap with the same distance from the previous hour (02:30 in a 02:00→03:00 gap gives 03:30).
 */
export function zonedToUtc(local: LocalDateTime, tz: string): Date {
  const guess = Date.UTC(local.y, local.m - 1, local.d, local.hh, local.mm);
  const before = offsetAt(new Date(guess - 86_400_000), tz);
  const after = offsetAt(new Date(guess + 86_400_000), tz);
  const candidates = [...new Set([guess - before, guess - after])].sort((a, b) => a - b);
  for (const c of candidates) {
    const p = zonedParts(new Date(c), tz);
    if (p.y === local.y && p.m === local.m && p.d === local.d && p.hh === local.hh && p.mm === local.mm) return new Date(c);
  }
  return new Date(guess - before);
}

/** Local midnight of a date. */
export function startOfLocalDay(date: LocalDate, tz: string): Date {
  return zonedToUtc({ ...date, hh: 0, mm: 0 }, tz);
}

/** Calendar arithmetic on dates (no zone involved). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Adds months, clamping nothing: only used with day 1. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1 + n, date.d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: LocalDate): number {
  const wd = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** ISO week-numbering year and week of a date (weeks start on Monday). */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  const week = Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / (7 * 86_400_000)) + 1;
  return { year: thursday.y, week };
}

/** Days from a to b (b − a) in calendar days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD. */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;
}

/** DD/MM/YYYY, the way dates are read in Vietnam (and unambiguous enough in English). */
export function displayLocalDate(date: LocalDate): string {
  return `${pad(date.d)}/${pad(date.m)}/${pad(date.y, 4)}`;
}

/** HH:MM of an instant in a zone. */
export function displayLocalTime(at: Date, tz: string): string {
  const p = zonedParts(at, tz);
  return `${pad(p.hh)}:${pad(p.mm)}`;
}

/** Parses YYYY-MM-DD strictly; null when it is not a real date. */
export function parseLocalDate(s: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const back = addDays(date, 0);
  return back.y === date.y && back.m === date.m && back.d === date.d ? date : null;
}

/** Parses HH:MM (00:00–23:59); null otherwise. */
export function parseClockTime(s: string): { hh: number; mm: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? { hh: Number(m[1]), mm: Number(m[2]) } : null;
}
