/**
 * Quiet hours per unit (PRODUCT.md "Alerts and escalation"): between `quietStart` and
 * `quietEnd` local time (default 22:00–06:30) `high` alerts wait until the end; `critical`
 * ones go at once. Pure: wall-clock arithmetic through src/domain/zoned-time.ts (Intl only).
 */
import type { UrgencyLevel } from './vocabulary.js';
import { addDays, zonedParts, zonedToUtc } from './zoned-time.js';

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
  const p = zonedParts(now, q.timeZone);
  const m = p.hh * 60 + p.mm;
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? m >= start || m < end : m >= start && m < end;
  if (!inside) return null;
  const day = crossesMidnight && m >= start ? addDays(p, 1) : p;
  return zonedToUtc({ y: day.y, m: day.m, d: day.d, hh: Math.floor(end / 60), mm: end % 60 }, q.timeZone);
}

/**
 * The earliest instant an alert of this level may be sent: now for critical (never held),
 * the end of quiet hours for high (and normal) alerts raised inside them.
 */
export function releaseInstant(level: UrgencyLevel, now: Date, q: QuietHours): Date {
  if (level === 'critical') return now;
  return quietHoursEnd(now, q) ?? now;
}
