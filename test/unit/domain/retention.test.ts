import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../../src/domain/retention.js';

describe('retentionCutoff', () => {
  it('counts calendar months back from now', () => {
    expect(retentionCutoff(new Date('2026-12-01T03:00:00Z'), 24).toISOString()).toBe('2024-12-01T03:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-15T00:00:00Z'), 1).toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });
  it('clamps to the end of a shorter month', () => {
    expect(retentionCutoff(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(retentionCutoff(new Date('2026-05-31T10:00:00Z'), 27).toISOString()).toBe('2024-02-29T10:00:00.000Z');
  });
  it('0 months keeps nothing older than now', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(retentionCutoff(now, 0).getTime()).toBe(now.getTime());
  });
});
