import { describe, expect, it } from 'vitest';
import { displayLocalDate, displayLocalTime, localDateOf } from '../../src/domain/zoned-time.js';
import { fastDateTime, plain } from '../../src/web/dashboard/format.js';
import { neutralise } from '../../src/web/dashboard/export-writers.js';

describe('dashboard formatting', () => {
  it('formats instants in a zone like the zoned-time helpers, across daylight-saving changes', () => {
    for (const tz of ['Asia/Ho_Chi_Minh', 'Europe/Paris', 'America/New_York', 'UTC']) {
      const fast = fastDateTime(tz);
      for (let t = Date.UTC(2026, 2, 1); t < Date.UTC(2026, 11, 1); t += 7 * 3600_000 + 13 * 60_000) {
        const d = new Date(t);
        expect(fast(d), `${tz} ${d.toISOString()}`).toBe(`${displayLocalDate(localDateOf(d, tz))} ${displayLocalTime(d, tz)}`);
      }
    }
  });

  it('drops the controls that would reorder or hide text, and neutralises formula cells', () => {
    expect(plain('a\u202Eb\u202Cc\u200Bd\u0007e')).toBe('abcde');
    expect(['=1+1', '+A1', '-2', '@SUM(A1)', '\tx', '\rx', 'ok', '1=1'].map(neutralise)).toEqual(["'=1+1", "'+A1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'ok', '1=1']);
  });
});
