import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/nlp/index.js';
import { defaultDeps, HOSTILE_TEXTS } from './fixtures.js';

describe('analyzeText', () => {
  const deps = defaultDeps();

  it('runs every step on a real report', () => {
    const a = analyzeText({ text: 'Bà con trong xóm rất bức xúc vì giá điện tháng này tăng gần gấp đôi, gọi 0912 345 678.' }, deps);
    expect(a.language).toBe('vi');
    expect(a.text).toContain('[phone]');
    expect(a.redacted.phone).toBe(1);
    expect(a.topics.top).toBe('economy');
    expect(a.textMood.mood).toBe('angry');
    expect(a.mood.mood).toBe('angry');
    expect(a.urgency.level).toBe('normal');
    expect(a.modelVersion).toBe(deps.model.version);
  });

  it('files a text empty after normalisation as other/neutral and says why', () => {
    for (const text of ['', '   \n\t ', '\u200B\u200B\u202E', '\u0000\u0000']) {
      const a = analyzeText({ text }, deps);
      expect(a.topics.top).toBe('other');
      expect(a.mood.mood).toBe('neutral');
      expect(a.urgency.level).toBe('normal');
      expect(a.notes).toContain('empty_after_normalization');
    }
    expect(analyzeText({ text: '😡😡😡' }, deps).notes).toContain('no_words_in_text');
  });

  it('takes every hostile input without a crash', () => {
    for (const [name, text] of Object.entries(HOSTILE_TEXTS)) {
      const a = analyzeText({ text }, deps);
      expect(a.urgency.score, name).toBeGreaterThanOrEqual(0);
      expect(a.urgency.score, name).toBeLessThanOrEqual(100);
      expect(a.topics.ranked.length, name).toBeGreaterThan(0);
      expect(a.text, name).not.toMatch(/[\u0000\u200B\u202E]/);
    }
  });

  it('reads NFD Vietnamese like NFC', () => {
    const nfd = analyzeText({ text: HOSTILE_TEXTS['nfd'] as string }, deps);
    const nfc = analyzeText({ text: (HOSTILE_TEXTS['nfd'] as string).normalize('NFC') }, deps);
    expect(nfd).toEqual(nfc);
  });

  it('is deterministic: same input, same output', () => {
    const input = { text: 'Khoảng 200 hộ dân đã ký đơn chung gửi tỉnh về giá bồi thường', chosenTopic: 'governance', reportedMood: 'worried' as const, spread: 'local' as const };
    expect(analyzeText(input, deps)).toEqual(analyzeText(input, deps));
  });

  it('raises calm large collective action to an alert level', () => {
    const a = analyzeText({ text: 'Khoảng 200 hộ dân đã ký đơn chung gửi tỉnh về giá bồi thường đất.' }, deps);
    expect(a.urgency.level).not.toBe('normal');
    expect(a.urgency.reasons.map((r) => r.code)).toContain('trigger');
    // The reason names the report's own words, as written.
    expect(a.urgency.reasons.find((r) => r.code === 'trigger')?.detail).toContain('200 hộ dân');
    expect(a.urgency.reasons.find((r) => r.code === 'trigger')?.detail).toContain('ký đơn chung');
  });

  it('uses the collaborator’s choices', () => {
    const a = analyzeText({ text: 'Mọi người bàn tán nhiều về chuyện này.', chosenTopic: 'workplace', reportedMood: 'angry', spread: 'online' }, deps);
    expect(a.topics.top).toBe('workplace');
    expect(a.mood.mood).toBe('angry');
    expect(a.spread).toEqual({ value: 'online', inferred: false });
    // a calm text scores ~0 whatever the spread; on one near the threshold the spread counts
    const text = 'Công nhân bàn tán chuyện nợ lương, nói sẽ kéo nhau lên công ty hỏi.';
    const online = analyzeText({ text, spread: 'online' }, deps);
    const few = analyzeText({ text, spread: 'few' }, deps);
    expect(online.urgency.reasons.find((r) => r.code === 'spread')?.points).toBeGreaterThan(0);
    expect(online.urgency.score).toBeGreaterThan(few.urgency.score);
  });

  it('treats "auto" as no chosen topic', () => {
    expect(analyzeText({ text: 'Giá xăng tăng mạnh', chosenTopic: 'auto' }, deps).topics.chosen).toBeUndefined();
  });

  it('keeps HTML as text (escaping is the renderer’s job) and analyses it', () => {
    const a = analyzeText({ text: HOSTILE_TEXTS['html'] as string }, deps);
    expect(a.text).toContain('<script>');
    expect(a.topics.top).toBe('economy');
  });
});
