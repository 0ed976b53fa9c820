import { describe, expect, it } from 'vitest';
import { cronPattern, lastFireInstant, nextFireInstant } from '../../../../src/domain/digest/schedule.js';
import { calendarWindow, periodCoveredAt, rollingWindow } from '../../../../src/domain/digest/periods.js';
import { zonedToUtc } from '../../../../src/domain/zoned-time.js';

const HCM = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';

describe('digest schedule in a zone without DST (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('fires daily at 07:30 local = 00:30Z, strictly after the given instant', () => {
    expect(nextFireInstant('day', new Date('2026-11-25T23:00:00Z'), '07:30', HCM).toISOString()).toBe('2026-11-26T00:30:00.000Z');
    expect(nextFireInstant('day', new Date('2026-11-26T00:30:00Z'), '07:30', HCM).toISOString()).toBe('2026-11-27T00:30:00.000Z');
  });
  it('fires weekly on Monday and monthly on the 1st', () => {
    // Thursday 2026-11-26 → Monday 2026-11-30 07:30 local
    expect(nextFireInstant('week', new Date('2026-11-26T05:00:00Z'), '07:30', HCM).toISOString()).toBe('2026-11-30T00:30:00.000Z');
    expect(nextFireInstant('month', new Date('2026-11-26T05:00:00Z'), '07:30', HCM).toISOString()).toBe('2026-12-01T00:30:00.000Z');
  });
  it('finds the run a restarted system missed and the period it covers', () => {
    const now = new Date('2026-11-26T05:00:00Z'); // 12:00 local
    const fire = lastFireInstant('day', now, '07:30', HCM);
    expect(fire.toISOString()).toBe('2026-11-26T00:30:00.000Z');
    const w = periodCoveredAt('day', fire, HCM);
    expect(w.key).toBe('2026-11-25');
    expect(w.from.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(periodCoveredAt('week', lastFireInstant('week', now, '07:30', HCM), HCM).key).toBe('2026-W47');
    expect(periodCoveredAt('month', lastFireInstant('month', now, '07:30', HCM), HCM).key).toBe('2026-10');
  });
  it('before today’s digest time the last fire is yesterday’s', () => {
    expect(lastFireInstant('day', new Date('2026-11-26T00:00:00Z'), '07:30', HCM).toISOString()).toBe('2026-11-25T00:30:00.000Z');
  });
  it('gives the cron patterns of the job schedulers', () => {
    expect(cronPattern('day', '07:30')).toBe('30 7 * * *');
    expect(cronPattern('week', '07:30')).toBe('30 7 * * 1');
    expect(cronPattern('month', '18:05')).toBe('5 18 1 * *');
  });
});

describe('digest schedule across a DST switch', () => {
  it('Europe/Berlin: 07:30 is 06:30Z in winter and 05:30Z after the spring switch (29 March 2026)', () => {
    expect(nextFireInstant('day', new Date('2026-03-28T12:00:00Z'), '07:30', BERLIN).toISOString()).toBe('2026-03-29T05:30:00.000Z');
    expect(nextFireInstant('day', new Date('2026-03-27T12:00:00Z'), '07:30', BERLIN).toISOString()).toBe('2026-03-28T06:30:00.000Z');
  });
  it('Europe/Berlin: back to 06:30Z after the autumn switch (25 October 2026)', () => {
    expect(nextFireInstant('day', new Date('2026-10-24T12:00:00Z'), '07:30', BERLIN).toISOString()).toBe('2026-10-25T06:30:00.000Z');
  });
  it('America/New_York: a 02:30 digest on the spring-forward day fires just after the gap, once', () => {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist → 03:30 EDT = 07:30Z
    const fire = nextFireInstant('day', new Date('2026-03-08T05:00:00Z'), '02:30', NY);
    expect(fire.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(nextFireInstant('day', fire, '02:30', NY).toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });
  it('America/New_York: a 01:30 digest on the fall-back day fires at the first 01:30 only', () => {
    // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice (05:30Z, 06:30Z)
    const fire = nextFireInstant('day', new Date('2026-11-01T03:00:00Z'), '01:30', NY);
    expect(fire.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(nextFireInstant('day', fire, '01:30', NY).toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });
  it('a day window across the switch is 23 or 25 hours long', () => {
    const spring = calendarWindow('day', { y: 2026, m: 3, d: 29 }, BERLIN);
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    const autumn = calendarWindow('day', { y: 2026, m: 10, d: 25 }, BERLIN);
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
    expect(zonedToUtc({ y: 2026, m: 10, d: 25, hh: 0, mm: 0 }, BERLIN).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe('period windows', () => {
  it('week is Monday to Monday with the previous week before it; month and year with theirs', () => {
    const w = calendarWindow('week', { y: 2026, m: 11, d: 26 }, HCM);
    expect(w.key).toBe('2026-W48');
    expect(w.from.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(w.previous.from.toISOString()).toBe('2026-11-15T17:00:00.000Z');
    expect(w.previous.to.toISOString()).toBe(w.from.toISOString());
    const m = calendarWindow('month', { y: 2026, m: 3, d: 15 }, HCM);
    expect([m.key, m.previous.from.toISOString(), m.to.toISOString()]).toEqual(['2026-03', '2026-01-31T17:00:00.000Z', '2026-03-31T17:00:00.000Z']);
    expect(calendarWindow('year', { y: 2026, m: 6, d: 1 }, HCM).key).toBe('2026');
    expect(calendarWindow('week', { y: 2027, m: 1, d: 1 }, HCM).key).toBe('2026-W53');
  });
  it('today so far compares with the same stretch of yesterday', () => {
    const w = rollingWindow('today', new Date('2026-11-26T05:00:00Z'), HCM);
    expect(w.from.toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(w.previous.from.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(w.previous.to.toISOString()).toBe('2026-11-25T05:00:00.000Z');
  });
});
