/**
 * Formatting for the templates (the templates escape; these only shape values): dates in the
 * viewer's time zone, numbers, and text made safe to read — bidirectional overrides and other
 * invisible controls removed, so that hostile text shows as the characters it holds.
 */
import { displayLocalDate, localDateOf, offsetAt } from '../../domain/zoned-time.js';

const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/g;

/** Text a person typed, without controls that would reorder or hide what is shown. */
export const plain = (s: string | null | undefined): string => (s ?? '').replace(INVISIBLE, '');

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * DD/MM/YYYY HH:MM in a zone, fast enough for a million export rows: the zone's offset is looked
 * up once per UTC hour (offsets change on the hour at most), the rest is arithmetic.
 */
export function fastDateTime(timezone: string): (d: Date) => string {
  const offsets = new Map<number, number>();
  return (d) => {
    const hour = Math.floor(d.getTime() / 3600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) offsets.set(hour, (offset = offsetAt(new Date(hour * 3600_000), timezone)));
    const l = new Date(d.getTime() + offset);
    return `${pad(l.getUTCDate())}/${pad(l.getUTCMonth() + 1)}/${l.getUTCFullYear()} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
  };
}

export function formatters(timezone: string, lang: 'vi' | 'en') {
  const num = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const dateTime = fastDateTime(timezone);
  return {
    date: (d: Date | null | undefined) => (d ? displayLocalDate(localDateOf(d, timezone)) : '—'),
    dateTime: (d: Date | null | undefined) => (d ? dateTime(d) : '—'),
    num: (n: number) => num.format(n),
    /** Change against before, as a signed percentage ('new' when there was nothing before). */
    change: (now: number, before: number) => (before === 0 ? (now === 0 ? '0%' : '—') : `${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}%`),
    plain,
    timezone,
  };
}

export type Formatters = ReturnType<typeof formatters>;
