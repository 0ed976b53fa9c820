/**
 * Quiet hours per unit (PRODUCT.md "Alerts and escalation"): between `quietStart` and
 * `quietEnd` local time (default 22:00–06:30) `high` alerts wait until the end; `critical`
 * ones go at once. Pure: wall-clock arithmetic in a time zone through Intl, no external lib.
 */
import type { UrgencyLevel } from './vocabulary.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which a local wall-clock time occurs in a zone. In a DST gap (the time does
 * not exist) the later offset is used, so the result falls just after the gap.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const o1 = offsetMs(new Date(guess), timeZone);
  const first = guess - o1;
  const o2 = offsetMs(new Date(first), timeZone);
  if (o1 === o2) return new Date(first);
  const second = guess - o2;
  if (offsetMs(new Date(second), timeZone) === o2) return new Date(second);
  return new Date(Math.max(first, second));
}

/** Parses HH:MM into minutes after midnight (null when malformed). */
export function parseHhMm(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
}

/**
 * When `now` falls inside the quiet hours, the instant they end; otherwise null. Handles
 * windows across midnight (22:00–06:30) and same-day windows (12:00–14:00); equal start and
 * end mean no quiet hours.
 */
export function quietHoursEnd(now: Date, q: QuietHours): Date | null {
  const start = parseHhMm(q.start);
  const end = parseHhMm(q.end);
  if (start === null || end === null || start === end) return null;
  const p = localParts(now, q.timeZone);
  const m = p.hour * 60 + p.minute;
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? m >= start || m < end : m >= start && m < end;
  if (!inside) return null;
  const endsTomorrow = crossesMidnight && m >= start;
  const base = new Date(Date.UTC(p.year, p.month - 1, p.day + (endsTomorrow ? 1 : 0)));
  return zonedTimeToUtc(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), Math.floor(end / 60), end % 60, q.timeZone);
}

/**
 * The earliest instant an alert of this level may be sent: now for critical (never held),
 * the end of quiet hours for high (and normal) alerts raised inside them.
 */
export function releaseInstant(level: UrgencyLevel, now: Date, q: QuietHours): Date {
  if (level === 'critical') return now;
  return quietHoursEnd(now, q) ?? now;
}
