import { describe, expect, it } from 'vitest';
import { combineMood, scoreMood } from '../../../src/nlp/index.js';

describe('scoreMood', () => {
  it.each([
    ['Bà con rất bức xúc vì giá điện tăng', 'angry'],
    ['Ba con buc xuc vi gia dien tang', 'angry'],
    ['Người dân lo lắng về dịch sốt xuất huyết', 'worried'],
    ['Nguoi dan lo lang ve dich sot xuat huyet', 'worried'],
    ['Nhiều người hoài nghi số liệu báo cáo', 'skeptical'],
    ['Bà con đồng tình, phấn khởi với chủ trương mới', 'supportive'],
    ['Người dân hỏi về thủ tục làm căn cước', 'neutral'],
    ['People are furious about the bill', 'angry'],
    ['Parents worry about the exam', 'worried'],
    ['Many doubt the figures', 'skeptical'],
    ['Residents welcomed the new park', 'supportive'],
    ['Residents asked about the schedule', 'neutral'],
    ['Đồ ngu, mất dạy thật', 'angry'],
  ])('%s → %s', (text, mood) => {
    expect(scoreMood(text).mood).toBe(mood);
  });

  it('is neutral when nothing signals a mood', () => {
    const r = scoreMood('Trời hôm nay nhiều mây, đường phố vắng.');
    expect(r.mood).toBe('neutral');
    expect(r.evidence).toEqual([]);
    expect(r.score).toBe(0);
    expect(scoreMood('').mood).toBe('neutral');
  });

  it('reads negation: "không có gì phải lo" is not worry', () => {
    const r = scoreMood('Bà con nói không có gì phải lo, mọi việc vẫn bình thường.');
    expect(r.mood).not.toBe('worried');
    expect(r.evidence.some((e) => e.phrase === 'lo' && e.negated)).toBe(true);
  });

  it('reads Vietnamese negators before mood words', () => {
    expect(scoreMood('Người dân không bức xúc gì cả').mood).not.toBe('angry');
    expect(scoreMood('Chẳng ai lo lắng chuyện này').mood).not.toBe('worried');
    expect(scoreMood('Người dân chưa đồng tình với phương án').mood).toBe('skeptical');
    expect(scoreMood('Bà con đâu có đồng tình').mood).toBe('skeptical');
  });

  it('reads English negation including n’t', () => {
    expect(scoreMood('People are not worried at all').mood).not.toBe('worried');
    expect(scoreMood("People don't support the plan").mood).toBe('skeptical');
    expect(scoreMood('They never complained, no one is angry').mood).not.toBe('angry');
  });

  it('weighs intensifiers', () => {
    const plain = scoreMood('Bà con lo lắng');
    const strong = scoreMood('Bà con rất lo lắng');
    const after = scoreMood('Bà con lo lắng lắm');
    expect(strong.scores.worried).toBeGreaterThan(plain.scores.worried);
    expect(after.scores.worried).toBeGreaterThan(plain.scores.worried);
    expect(scoreMood('People are very angry').scores.angry).toBeGreaterThan(scoreMood('People are angry').scores.angry);
  });

  it('does not confuse folded collisions in accented text (lò ≠ lo)', () => {
    expect(scoreMood('Lò gạch đốt suốt đêm').scores.worried).toBe(0);
  });
});

describe('combineMood', () => {
  it('uses the text mood when nothing was reported', () => {
    expect(combineMood(scoreMood('Bà con rất bức xúc'))).toEqual({ mood: 'angry', source: 'text', disagreement: false });
  });
  it('agrees when both say the same', () => {
    expect(combineMood(scoreMood('Bà con rất bức xúc'), 'angry').source).toBe('both');
  });
  it('keeps the collaborator’s mood by default', () => {
    expect(combineMood(scoreMood('Người dân hỏi về lịch họp'), 'worried').mood).toBe('worried');
  });
  it('does not let "neutral" hide a clearly angry text', () => {
    const r = combineMood(scoreMood('Bà con rất bức xúc, phẫn nộ, bất bình vì bị cưỡng chế'), 'neutral');
    expect(r.mood).toBe('angry');
    expect(r.disagreement).toBe(true);
  });
});
