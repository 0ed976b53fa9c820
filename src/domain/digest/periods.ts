/**
 * Digest periods as windows of instants in a unit's time zone: calendar day, ISO week
 * (Monday), month and year, plus the two rolling windows of `/digest` (today so far, last
 * 7 days). Each window knows its previous window (for "change vs previous period") and a
 * stable key that makes one digest per leader per period idempotent.
 */
import {
  addDays,
  addMonths,
  formatLocalDate,
  isoWeek,
  isoWeekday,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
} from '../zoned-time.js';

export const CALENDAR_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type CalendarPeriod = (typeof CALENDAR_PERIODS)[number];
export const ROLLING_PERIODS = ['today', 'last7'] as const;
export type RollingPeriod = (typeof ROLLING_PERIODS)[number];
export type DigestPeriod = CalendarPeriod | RollingPeriod;

/** The periods a schedule sends automatically. */
export const SCHEDULED_PERIODS = ['day', 'week', 'month'] as const;
export type ScheduledPeriod = (typeof SCHEDULED_PERIODS)[number];

export interface PeriodWindow {
  period: DigestPeriod;
  /** Stable key: 2026-11-25, 2026-W48, 2026-11, 2026, today-2026-11-26T10:15, last7-… */
  key: string;
  tz: string;
  from: Date;
  /** Exclusive end. */
  to: Date;
  /** First and last local dates the window touches (for display). */
  firstDate: LocalDate;
  lastDate: LocalDate;
  previous: { from: Date; to: Date };
}

export function isCalendarPeriod(p: string): p is CalendarPeriod {
  return (CALENDAR_PERIODS as readonly string[]).includes(p);
}
export function isDigestPeriod(p: string): p is DigestPeriod {
  return isCalendarPeriod(p) || (ROLLING_PERIODS as readonly string[]).includes(p);
}

function calendarBounds(period: CalendarPeriod, date: LocalDate): { start: LocalDate; end: LocalDate } {
  switch (period) {
    case 'day':
      return { start: date, end: addDays(date, 1) };
    case 'week': {
      const start = addDays(date, 1 - isoWeekday(date));
      return { start, end: addDays(start, 7) };
    }
    case 'month': {
      const start = { y: date.y, m: date.m, d: 1 };
      return { start, end: addMonths(start, 1) };
    }
    case 'year':
      return { start: { y: date.y, m: 1, d: 1 }, end: { y: date.y + 1, m: 1, d: 1 } };
  }
}

function calendarKey(period: CalendarPeriod, start: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period === 'day') return formatLocalDate(start);
  if (period === 'week') {
    const w = isoWeek(start);
    return `${w.year}-W${pad(w.week)}`;
  }
  if (period === 'month') return `${start.y}-${pad(start.m)}`;
  return String(start.y);
}

/** The calendar period containing `date`, with local midnights resolved in `tz` (DST-correct). */
export function calendarWindow(period: CalendarPeriod, date: LocalDate, tz: string): PeriodWindow {
  const { start, end } = calendarBounds(period, date);
  const prev = calendarBounds(period, addDays(start, -1));
  return {
    period,
    key: calendarKey(period, start),
    tz,
    from: startOfLocalDay(start, tz),
    to: startOfLocalDay(end, tz),
    firstDate: start,
    lastDate: addDays(end, -1),
    previous: { from: startOfLocalDay(prev.start, tz), to: startOfLocalDay(prev.end, tz) },
  };
}

/**
 * A rolling window ending at `now`: `today` = local midnight → now (compared with the same
 * stretch of yesterday); `last7` = the 7 × 24 h before now (compared with the 7 days before).
 */
export function rollingWindow(period: RollingPeriod, now: Date, tz: string): PeriodWindow {
  const today = localDateOf(now, tz);
  const stamp = now.toISOString().slice(0, 16);
  if (period === 'today') {
    const from = startOfLocalDay(today, tz);
    const prevFrom = startOfLocalDay(addDays(today, -1), tz);
    return {
      period,
      key: `today-${stamp}`,
      tz,
      from,
      to: now,
      firstDate: today,
      lastDate: today,
      previous: { from: prevFrom, to: new Date(prevFrom.getTime() + (now.getTime() - from.getTime())) },
    };
  }
  const week = 7 * 86_400_000;
  const from = new Date(now.getTime() - week);
  return {
    period,
    key: `last7-${stamp}`,
    tz,
    from,
    to: now,
    firstDate: localDateOf(from, tz),
    lastDate: today,
    previous: { from: new Date(from.getTime() - week), to: from },
  };
}

/** Any digest window: calendar periods by local date, rolling ones by `now`. */
export function digestWindow(period: DigestPeriod, date: LocalDate, now: Date, tz: string): PeriodWindow {
  return isCalendarPeriod(period) ? calendarWindow(period, date, tz) : rollingWindow(period, now, tz);
}

/**
 * The completed period a scheduled digest covers when it fires at `fireAt`: the previous
 * local day for the daily digest, the previous ISO week on Monday, the previous month on the 1st.
 */
export function periodCoveredAt(period: ScheduledPeriod, fireAt: Date, tz: string): PeriodWindow {
  return calendarWindow(period, addDays(localDateOf(fireAt, tz), -1), tz);
}

/** The 7 local days ending with the window's last day: [start, end) instants per day, oldest first. */
export function sevenDayBuckets(lastDate: LocalDate, tz: string): { date: LocalDate; from: Date; to: Date }[] {
  const out: { date: LocalDate; from: Date; to: Date }[] = [];
  for (let i = 6; i >= 0; i -= 1) {
    const date = addDays(lastDate, -i);
    out.push({ date, from: startOfLocalDay(date, tz), to: startOfLocalDay(addDays(date, 1), tz) });
  }
  return out;
}
