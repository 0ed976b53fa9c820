/**
 * When digests fire: every day at the unit's digest time (local), weekly on Monday and
 * monthly on the 1st at the same time. These functions are the truth used by the catch-up
 * at start-up (which period was due last?) and by tests; BullMQ's job schedulers use the
 * matching cron patterns in the same zone.
 */
import type { ScheduledPeriod } from './periods.js';
import { addDays, addMonths, isoWeekday, localDateOf, parseClockTime, zonedToUtc, type LocalDate } from '../zoned-time.js';

/** The default digest time of a unit (PRODUCT.md "Units"). */
export const DEFAULT_DIGEST_TIME = '07:30';
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

function clock(digestTime: string): { hh: number; mm: number } {
  return parseClockTime(digestTime) ?? parseClockTime(DEFAULT_DIGEST_TIME)!;
}

/** The cron pattern (minute hour day-of-month month day-of-week) for a period's schedule. */
export function cronPattern(period: ScheduledPeriod, digestTime: string): string {
  const { hh, mm } = clock(digestTime);
  if (period === 'week') return `${mm} ${hh} * * 1`;
  if (period === 'month') return `${mm} ${hh} 1 * *`;
  return `${mm} ${hh} * * *`;
}

function firesOn(period: ScheduledPeriod, date: LocalDate): boolean {
  if (period === 'week') return isoWeekday(date) === 1;
  if (period === 'month') return date.d === 1;
  return true;
}

function fireOn(date: LocalDate, digestTime: string, tz: string): Date {
  return zonedToUtc({ ...date, ...clock(digestTime) }, tz);
}

/** The first fire instant strictly after `after`. */
export function nextFireInstant(period: ScheduledPeriod, after: Date, digestTime: string, tz: string): Date {
  let date = addDays(localDateOf(after, tz), -1);
  for (let i = 0; i < 70; i += 1, date = addDays(date, 1)) {
    if (!firesOn(period, date)) continue;
    const at = fireOn(date, digestTime, tz);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no fire instant found for ${period} after ${after.toISOString()}`);
}

/** The latest fire instant at or before `now` (the run a restarted system may have missed). */
export function lastFireInstant(period: ScheduledPeriod, now: Date, digestTime: string, tz: string): Date {
  const today = localDateOf(now, tz);
  let date: LocalDate =
    period === 'month' ? { y: today.y, m: today.m, d: 1 } : period === 'week' ? addDays(today, 1 - isoWeekday(today)) : today;
  for (let i = 0; i < 3; i += 1) {
    const at = fireOn(date, digestTime, tz);
    if (at.getTime() <= now.getTime()) return at;
    date = period === 'month' ? addMonths(date, -1) : addDays(date, period === 'week' ? -7 : -1);
  }
  throw new Error(`no previous fire instant for ${period} before ${now.toISOString()}`);
}
