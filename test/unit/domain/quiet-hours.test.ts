import { describe, expect, it } from 'vitest';
import { quietHoursEnd, releaseInstant } from '../../../src/domain/quiet-hours.js';
import { zonedParts, zonedToUtc } from '../../../src/domain/zoned-time.js';

const HCM = { start: '22:00', end: '06:30', timeZone: 'Asia/Ho_Chi_Minh' };

describe('quietHoursEnd', () => {
  it('is null outside quiet hours', () => {
    // 10:00 in Ho Chi Minh City (UTC+7)
    expect(quietHoursEnd(new Date('2026-11-26T03:00:00Z'), HCM)).toBeNull();
    // 21:59 local
    expect(quietHoursEnd(new Date('2026-11-26T14:59:00Z'), HCM)).toBeNull();
    // 06:30 local exactly: quiet hours are over
    expect(quietHoursEnd(new Date('2026-11-25T23:30:00Z'), HCM)).toBeNull();
  });

  it('before midnight, ends at 06:30 of the next local day', () => {
    // 23:15 local on 26 Nov → 06:30 local on 27 Nov = 26 Nov 23:30 UTC
    expect(quietHoursEnd(new Date('2026-11-26T16:15:00Z'), HCM)?.toISOString()).toBe('2026-11-26T23:30:00.000Z');
  });

  it('after midnight, ends at 06:30 of the same local day even when the UTC date differs', () => {
    // 00:30 local on 27 Nov = 26 Nov 17:30 UTC
    expect(quietHoursEnd(new Date('2026-11-26T17:30:00Z'), HCM)?.toISOString()).toBe('2026-11-26T23:30:00.000Z');
    // 06:29 local
    expect(quietHoursEnd(new Date('2026-11-26T23:29:00Z'), HCM)?.toISOString()).toBe('2026-11-26T23:30:00.000Z');
  });

  it('starts exactly at the start time', () => {
    expect(quietHoursEnd(new Date('2026-11-26T15:00:00Z'), HCM)?.toISOString()).toBe('2026-11-26T23:30:00.000Z');
  });

  it('works in a zone behind UTC and across a month end', () => {
    const ny = { start: '22:00', end: '06:30', timeZone: 'America/New_York' };
    // 30 Nov 23:00 EST (UTC-5) = 1 Dec 04:00 UTC → ends 1 Dec 06:30 EST = 11:30 UTC
    expect(quietHoursEnd(new Date('2026-12-01T04:00:00Z'), ny)?.toISOString()).toBe('2026-12-01T11:30:00.000Z');
  });

  it('uses the offset in force at the end instant across a DST change', () => {
    const ny = { start: '22:00', end: '06:30', timeZone: 'America/New_York' };
    // Sat 7 Mar 2026 23:00 EST; DST starts Sun 8 Mar 02:00 → 06:30 EDT (UTC-4) = 10:30 UTC
    expect(quietHoursEnd(new Date('2026-03-08T04:00:00Z'), ny)?.toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });

  it('supports same-day windows and disabled (equal) windows', () => {
    const noon = { start: '12:00', end: '14:00', timeZone: 'UTC' };
    expect(quietHoursEnd(new Date('2026-11-26T13:00:00Z'), noon)?.toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-11-26T23:00:00Z'), noon)).toBeNull();
    expect(quietHoursEnd(new Date('2026-11-26T23:00:00Z'), { start: '00:00', end: '00:00', timeZone: 'UTC' })).toBeNull();
  });
});

describe('releaseInstant', () => {
  const night = new Date('2026-11-26T16:15:00Z');
  it('holds high alerts until the end of quiet hours', () => {
    expect(releaseInstant('high', night, HCM).toISOString()).toBe('2026-11-26T23:30:00.000Z');
  });
  it('lets critical alerts through at once', () => {
    expect(releaseInstant('critical', night, HCM)).toEqual(night);
  });
});

describe('zonedToUtc / zonedParts (the shared zone arithmetic quiet hours use)', () => {
  it('round-trips a wall-clock time', () => {
    const at = zonedToUtc({ y: 2026, m: 11, d: 27, hh: 6, mm: 30 }, 'Asia/Ho_Chi_Minh');
    expect(at.toISOString()).toBe('2026-11-26T23:30:00.000Z');
    expect(zonedParts(at, 'Asia/Ho_Chi_Minh')).toMatchObject({ y: 2026, m: 11, d: 27, hh: 6, mm: 30 });
  });
  it('places a time inside a DST gap just after the gap', () => {
    // 02:30 does not exist in New York on 8 Mar 2026
    expect(zonedToUtc({ y: 2026, m: 3, d: 8, hh: 2, mm: 30 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
