import { describe, expect, it } from 'vitest';
import { DEFAULT_URGENCY_THRESHOLDS, levelOf, scoreUrgency, URGENCY_POINTS } from '../../../src/domain/urgency.js';

const T = DEFAULT_URGENCY_THRESHOLDS;
const codes = (r: ReturnType<typeof scoreUrgency>): string[] => r.reasons.map((x) => x.code);

describe('scoreUrgency', () => {
  it('is zero and normal with nothing to go on', () => {
    expect(scoreUrgency({}, T)).toEqual({ score: 0, level: 'normal', reasons: [] });
  });

  it('scores from the text alone (quick report): a threat to life with worry is high', () => {
    const r = scoreUrgency({ textMood: 'worried', triggers: [{ kind: 'threat_to_life', phrase: 'dọa giết' }] }, T);
    expect(r.level).toBe('high');
    expect(codes(r)).toEqual(['mood', 'trigger']);
    expect(r.score).toBe(URGENCY_POINTS.mood.worried + URGENCY_POINTS.trigger.threat_to_life);
  });

  it('does better with the collaborator’s mood and spread', () => {
    const textOnly = scoreUrgency({ textMood: 'neutral', sensitiveTopic: true }, T);
    const withReport = scoreUrgency({ textMood: 'neutral', reportedMood: 'angry', spread: 'online', sensitiveTopic: true }, T);
    expect(withReport.score).toBeGreaterThan(textOnly.score);
    expect(withReport.level).toBe('high');
    expect(codes(withReport)).toEqual(['mood', 'spread', 'sensitive_topic', 'sensitive_spread']);
    expect(withReport.reasons[0]?.detail).toBe('reported: angry');
  });

  it('rewards agreement between text and reported alarm', () => {
    const r = scoreUrgency({ textMood: 'angry', reportedMood: 'angry' }, T);
    expect(codes(r)).toContain('mood_agreement');
  });

  it('counts calm collective action (petition + crowd) as high on its own', () => {
    const r = scoreUrgency(
      { textMood: 'neutral', triggers: [{ kind: 'petition', phrase: 'ký đơn chung' }, { kind: 'collective_action', phrase: 'ký đơn chung' }, { kind: 'collective_action', phrase: '200 hộ dân' }] },
      T,
    );
    expect(r.level).toBe('high');
  });

  it('halves triggers of distant events', () => {
    const near = scoreUrgency({ triggers: [{ kind: 'disaster', phrase: 'lũ quét' }] }, T);
    const far = scoreUrgency({ triggers: [{ kind: 'disaster', phrase: 'lũ quét' }], distant: true }, T);
    expect(far.score).toBe(Math.round(near.score / 2));
  });

  it('adds the growth of the issue group', () => {
    const r = scoreUrgency({ textMood: 'angry', sensitiveTopic: true, groupGrowth: { reports: 6, units: 3, windowHours: 3 } }, T);
    expect(codes(r)).toContain('group_growth');
    expect(r.level).toBe('high');
    expect(scoreUrgency({ groupGrowth: { reports: 1, units: 1, windowHours: 3 } }, T).reasons).toEqual([]);
  });

  it('reaches critical for danger spreading online with alarm', () => {
    const r = scoreUrgency({ textMood: 'worried', reportedMood: 'worried', spread: 'online', triggers: [{ kind: 'disaster', phrase: 'vỡ đê' }, { kind: 'threat_to_life', phrase: 'mắc kẹt' }] }, T);
    expect(r.level).toBe('critical');
    expect(r.score).toBeLessThanOrEqual(100);
  });

  it('uses the thresholds it is given (they are settings)', () => {
    const input = { textMood: 'angry' as const, sensitiveTopic: true };
    expect(scoreUrgency(input, T).level).toBe('normal');
    expect(scoreUrgency(input, { high: 30, critical: 90 }).level).toBe('high');
    expect(levelOf(85, T)).toBe('critical');
    expect(levelOf(59, T)).toBe('normal');
  });

  it('is deterministic', () => {
    const input = { textMood: 'angry' as const, spread: 'local' as const, triggers: [{ kind: 'gathering' as const, phrase: 'tụ tập' }] };
    expect(scoreUrgency(input, T)).toEqual(scoreUrgency(input, T));
  });
});
