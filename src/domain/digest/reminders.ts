/**
 * Reminder rules: who is due a friendly reminder, when it may be sent (quiet hours in the
 * unit's zone), and the idempotency key that makes it one reminder per period of silence.
 */
import { addDays, daysBetween, formatLocalDate, localDateOf, parseClockTime, zonedParts, zonedToUtc } from '../zoned-time.js';

/**
 * The reminder period a silent collaborator is in: silence of 7 days with N = 7 is period 1,
 * 14 days period 2… A key per (member, last activity, period) means one reminder per period,
 * and a new report starts a fresh count. Null when the member is not yet due.
 */
export function reminderKey(memberId: number, lastActivity: Date, now: Date, reminderDays: number, tz: string): string | null {
  if (reminderDays <= 0) return null;
  const since = localDateOf(lastActivity, tz);
  const silentDays = daysBetween(since, localDateOf(now, tz));
  const period = Math.floor(silentDays / reminderDays);
  if (period < 1) return null;
  return `reminder-${memberId}-${formatLocalDate(since)}-${period}`;
}

function minutesOf(hhmm: string): number | null {
  const c = parseClockTime(hhmm);
  return c ? c.hh * 60 + c.mm : null;
}

/** True when `at` falls inside quiet hours [start, end) local time (ranges may cross midnight). */
export function isQuietTime(at: Date, tz: string, quietStart: string, quietEnd: string): boolean {
  const s = minutesOf(quietStart);
  const e = minutesOf(quietEnd);
  if (s === null || e === null || s === e) return false;
  const p = zonedParts(at, tz);
  const m = p.hh * 60 + p.mm;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** The earliest instant ≥ `at` outside quiet hours (the end of the current quiet stretch). */
export function nextAllowedInstant(at: Date, tz: string, quietStart: string, quietEnd: string): Date {
  if (!isQuietTime(at, tz, quietStart, quietEnd)) return at;
  const end = parseClockTime(quietEnd)!;
  const today = localDateOf(at, tz);
  for (const date of [today, addDays(today, 1)]) {
    const candidate = zonedToUtc({ ...date, ...end }, tz);
    if (candidate.getTime() > at.getTime()) return candidate;
  }
  return at;
}
