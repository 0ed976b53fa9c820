import { describe, expect, it } from 'vitest';
import { DEFAULT_URGENCY_THRESHOLDS, levelOf, scoreUrgency, URGENCY_LOGITS, type TextUrgency } from '../../../src/domain/urgency.js';

const T = DEFAULT_URGENCY_THRESHOLDS;
const codes = (r: ReturnType<typeof scoreUrgency>): string[] => r.reasons.map((x) => x.code);
const text = (margin: number, trigger = 0, mood = 0): TextUrgency => ({
  margin,
  contributions: [
    ...(trigger ? [{ code: 'trigger' as const, logit: trigger, detail: 'nước lên tới bụng' }] : []),
    ...(mood ? [{ code: 'mood' as const, logit: mood, detail: 'text: worried (lo lắng)' }] : []),
  ],
});

describe('scoreUrgency', () => {
  it('is low and normal with no text to go on', () => {
    const r = scoreUrgency({}, T);
    expect(r.level).toBe('normal');
    expect(r.score).toBeLessThan(5);
    expect(r.reasons).toEqual([]);
  });

  it('puts the text model’s threshold at the default high level (60)', () => {
    expect(scoreUrgency({ text: text(0) }, T).score).toBe(60);
    expect(scoreUrgency({ text: text(-0.05) }, T).level).toBe('normal');
    expect(scoreUrgency({ text: text(0.05) }, T).level).toBe('high');
    expect(scoreUrgency({ text: text(3) }, T).level).toBe('critical');
  });

  it('shares the score out among what pushed it up, strongest first', () => {
    const r = scoreUrgency({ text: text(1.2, 2, 0.5) }, T);
    expect(codes(r)).toEqual(['trigger', 'mood']);
    expect(r.reasons[0]?.detail).toBe('nước lên tới bụng');
    expect(r.reasons.reduce((s, x) => s + x.points, 0)).toBeGreaterThanOrEqual(r.score - 1);
    expect(r.reasons.reduce((s, x) => s + x.points, 0)).toBeLessThanOrEqual(r.score + 1);
  });

  it('does better with the collaborator’s mood, spread and source', () => {
    const textOnly = scoreUrgency({ text: text(-1.5), sensitiveTopic: true }, T);
    const withReport = scoreUrgency({ text: text(-1.5), reportedMood: 'angry', spread: 'online', source: 'social_media', sensitiveTopic: true }, T);
    expect(withReport.score).toBeGreaterThan(textOnly.score);
    expect(withReport.level).toBe('high');
    expect(codes(withReport)).toEqual(['spread', 'mood', 'sensitive_spread', 'sensitive_topic']);
    expect(withReport.reasons.find((x) => x.code === 'mood')?.detail).toBe('reported: angry');
    expect(withReport.reasons.find((x) => x.code === 'spread')?.detail).toBe('online; source: social_media');
  });

  it('counts a spread read from the text for half of a chosen one', () => {
    const chosen = scoreUrgency({ text: text(-1), spread: 'online' }, T);
    const read = scoreUrgency({ text: text(-1), spread: 'online', spreadInferred: true }, T);
    expect(read.score).toBeLessThan(chosen.score);
    expect(read.reasons[0]?.detail).toBe('online (read from text)');
  });

  it('rewards agreement between text and reported alarm', () => {
    const r = scoreUrgency({ text: text(0), textMood: 'angry', reportedMood: 'angry' }, T);
    expect(codes(r)).toContain('mood_agreement');
  });

  it('adds the growth of the issue group, capped', () => {
    const r = scoreUrgency({ text: text(-0.8), sensitiveTopic: true, groupGrowth: { reports: 6, units: 3, windowHours: 3 } }, T);
    expect(codes(r)[0]).toBe('group_growth');
    expect(r.level).toBe('critical');
    expect(scoreUrgency({ text: text(-1), groupGrowth: { reports: 1, units: 1, windowHours: 3 } }, T).reasons).toEqual([]);
    const huge = scoreUrgency({ text: text(-10), groupGrowth: { reports: 500, units: 90, windowHours: 3 } }, T);
    expect(huge.score).toBe(Math.round(100 / (1 + Math.exp(-(-10 + URGENCY_LOGITS.growthCap + Math.log(1.5))))));
  });

  it('uses the thresholds it is given (they are settings)', () => {
    const input = { text: text(-0.6) };
    expect(scoreUrgency(input, T).level).toBe('normal');
    expect(scoreUrgency(input, { high: 30, critical: 90 }).level).toBe('high');
    expect(levelOf(85, T)).toBe('critical');
    expect(levelOf(59, T)).toBe('normal');
  });

  it('stays within 0..100 and is deterministic', () => {
    const input = { text: text(40, 30), reportedMood: 'angry' as const, spread: 'local' as const };
    expect(scoreUrgency(input, T).score).toBe(100);
    expect(scoreUrgency({ text: text(-50) }, T).score).toBe(0);
    expect(scoreUrgency(input, T)).toEqual(scoreUrgency(input, T));
  });
});
