/** Pure rules about units: names, digest times, time zones. */
import { err, ok, type Result } from './result.js';

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_DIGEST_TIME = '07:30';

/** Validates an HH:MM local time. */
export function parseLocalTime(text: string): Result<{ hour: number; minute: number }, 'invalid_time'> {
  const m = /^\s*(\d{1,2})[:h.](\d{2})\s*$/.exec(text);
  if (!m) return err('invalid_time');
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return err('invalid_time');
  return ok({ hour, minute });
}

/** Validates a unit name: 2–120 characters after trimming. */
export function validateUnitName(name: string): Result<string, 'name_too_short' | 'name_too_long'> {
  const t = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (t.length < 2) return err('name_too_short');
  if (t.length > 120) return err('name_too_long');
  return ok(t);
}
