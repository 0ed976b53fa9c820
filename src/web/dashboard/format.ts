/**
 * Formatting for the templates (the templates escape; these only shape values): dates in the
 * viewer's time zone, numbers, and text made safe to read — bidirectional overrides and other
 * invisible controls removed, so that hostile text shows as the characters it holds.
 */
import { displayLocalDate, displayLocalTime, localDateOf } from '../../domain/zoned-time.js';

const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/g;

/** Text a person typed, without controls that would reorder or hide what is shown. */
export const plain = (s: string | null | undefined): string => (s ?? '').replace(INVISIBLE, '');

export function formatters(timezone: string, lang: 'vi' | 'en') {
  const num = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return {
    date: (d: Date | null | undefined) => (d ? displayLocalDate(localDateOf(d, timezone)) : '—'),
    dateTime: (d: Date | null | undefined) => (d ? `${displayLocalDate(localDateOf(d, timezone))} ${displayLocalTime(d, timezone)}` : '—'),
    num: (n: number) => num.format(n),
    /** Change against before, as a signed percentage ('new' when there was nothing before). */
    change: (now: number, before: number) => (before === 0 ? (now === 0 ? '0%' : '—') : `${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}%`),
    plain,
    timezone,
  };
}

export type Formatters = ReturnType<typeof formatters>;
