import { describe, expect, it } from 'vitest';
import { isQuietTime, nextAllowedInstant, reminderKey } from '../../../../src/domain/digest/reminders.js';
import { yearlyCsv, type YearlyActivity } from '../../../../src/domain/digest/yearly.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('reminder rules', () => {
  it('is due after N days of silence, once per period of N days, fresh after a new report', () => {
    const last = new Date('2026-11-10T03:00:00Z'); // 10:00 local on 10 Nov
    expect(reminderKey(5, last, new Date('2026-11-16T03:00:00Z'), 7, HCM)).toBeNull();
    const first = reminderKey(5, last, new Date('2026-11-17T01:00:00Z'), 7, HCM);
    expect(first).toBe('reminder-5-2026-11-10-1');
    expect(reminderKey(5, last, new Date('2026-11-23T12:00:00Z'), 7, HCM)).toBe(first);
    expect(reminderKey(5, last, new Date('2026-11-24T01:00:00Z'), 7, HCM)).toBe('reminder-5-2026-11-10-2');
    expect(reminderKey(5, new Date('2026-11-20T03:00:00Z'), new Date('2026-11-24T01:00:00Z'), 7, HCM)).toBeNull();
    expect(reminderKey(5, last, new Date('2026-12-24T01:00:00Z'), 0, HCM)).toBeNull();
  });
  it('respects quiet hours 22:00–06:30 in the unit’s zone and waits until they end', () => {
    const late = new Date('2026-11-26T16:00:00Z'); // 23:00 local
    expect(isQuietTime(late, HCM, '22:00', '06:30')).toBe(true);
    expect(nextAllowedInstant(late, HCM, '22:00', '06:30').toISOString()).toBe('2026-11-26T23:30:00.000Z');
    const early = new Date('2026-11-26T22:00:00Z'); // 05:00 local next day
    expect(nextAllowedInstant(early, HCM, '22:00', '06:30').toISOString()).toBe('2026-11-26T23:30:00.000Z');
    const noon = new Date('2026-11-26T05:00:00Z');
    expect(isQuietTime(noon, HCM, '22:00', '06:30')).toBe(false);
    expect(nextAllowedInstant(noon, HCM, '22:00', '06:30')).toBe(noon);
  });
});

describe('yearly activity CSV', () => {
  it('quotes commas and neutralises formula cells', () => {
    const y: YearlyActivity = {
      unit: { id: 1, name: 'Khối' },
      year: 2026,
      weeks: 52,
      rows: [
        { unitId: 1, name: 'Khối, cơ quan', depth: 0, reports: 10, activeCollaborators: 3, members: 5, weeksWithReports: 26, },
        { unitId: 2, name: '=HYPERLINK("x")', depth: 1, reports: 0, activeCollaborators: 0, members: 2, weeksWithReports: 0 },
      ],
    };
    expect(yearlyCsv(y).split('\n')).toEqual([
      'unit_id,unit,depth,year,reports,active_collaborators,members,weeks_with_reports,weeks,regularity_pct',
      '1,"Khối, cơ quan",0,2026,10,3,5,26,52,50',
      `2,"'=HYPERLINK(""x"")",1,2026,0,0,2,0,52,0`,
      '',
    ]);
  });
});
