import { describe, expect, it } from 'vitest';
import { analyzeText, expandTeencode, TEENCODE, TEENCODE_MARKED, textFeatures, words, FEATURE_DEFAULTS } from '../../../src/nlp/index.js';
import { foldVietnamese } from '../../../src/domain/text.js';
import { defaultDeps } from './fixtures.js';

describe('the teencode / abbreviation table', () => {
  it.each([
    ['mn ko dc thông báo j hết', 'mọi người không được thông báo gì hết'],
    ['ae trong cty cx bức xúc', 'anh em trong công ty cũng bức xúc'],
    ['bh ntn r', 'bay gio nhu the nao roi'],
    ['đc r, mn ơi', 'được rồi, mọi người ơi'],
    ['ubnd xã chưa trả lời', 'ủy ban nhân dân xã chưa trả lời'],
    ['hok bít lm sao', 'không biết làm sao'],
    ['thik wá', 'thích quá'],
    ['e hỏi mấy ph trong group, bây h nhg ai cx lo', 'em hỏi mấy phụ huynh trong group, bây giờ nhưng ai cũng lo'],
    ['bs vs nv bv đọc cmt xong', 'bác sĩ với nhân viên bệnh viện đọc bình luận xong'],
  ])('%s → %s', (typed, expected) => {
    expect(expandTeencode(typed).text).toBe(expected);
  });

  it('inserts folded words into a text typed without diacritics, so it stays in one form', () => {
    expect(expandTeencode('nguoi dan ko dc bao truoc, bh ntn day').text).toBe('nguoi dan khong duoc bao truoc, bay gio nhu the nao day');
  });

  it('leaves real words, amounts and English alone', () => {
    expect(expandTeencode('Giá 50 k một ký, vay tiền ngân hàng').text).toBe('Giá 50 k một ký, vay tiền ngân hàng');
    expect(expandTeencode('rồi bà con mới biết').text).toBe('rồi bà con mới biết');
    expect(expandTeencode('nuoc len roi, chua ai ra').text).toBe('nuoc len roi, chua ai ra');
    expect(expandTeencode('Parents vs teachers: ok', 'en').text).toBe('Parents vs teachers: ok');
  });

  it('is keyed by folded, lower-case abbreviations and expands to other words', () => {
    for (const [key, full] of Object.entries(TEENCODE_MARKED)) {
      expect(key).toBe(key.toLowerCase());
      expect(full).not.toBe(key);
    }
    for (const [key, full] of Object.entries(TEENCODE)) {
      expect(key).toBe(foldVietnamese(key));
      expect(key).toMatch(/^[a-z]+$/);
      expect(foldVietnamese(full)).not.toBe(key);
    }
  });

  it('is applied before everything: a teencode report reads like its spelled-out form', () => {
    const deps = defaultDeps();
    const typed = analyzeText({ text: 'mn o xom ko ai lo j ca, cty van tra luong du' }, deps);
    const spelled = analyzeText({ text: 'moi nguoi o xom khong ai lo gi ca, cong ty van tra luong du' }, deps);
    expect(typed.topics.ranked).toEqual(spelled.topics.ranked);
    expect(typed.textMood).toEqual(spelled.textMood);
    expect(typed.text).toBe('mn o xom ko ai lo j ca, cty van tra luong du');
  });
});

describe('negation in the learned features', () => {
  it('marks the words after a negator', () => {
    const f = textFeatures(words('không ai lo lắng, chỉ hỏi thêm'), FEATURE_DEFAULTS);
    expect(f.get('n:lo')).toBe(1);
    expect(f.get('n:lang')).toBe(1);
    expect(f.has('n:hoi')).toBe(false);
    expect(f.get('w:hoi')).toBe(1);
    // a negated word counts only as negated ("not worried" is not "worried")…
    expect(f.has('w:lo')).toBe(false);
    expect(f.get('w:khong')).toBe(1);
    // …unless the features are asked to keep both
    const both = textFeatures(words('không ai lo lắng, chỉ hỏi thêm'), { ...FEATURE_DEFAULTS, negationReplaces: false });
    expect(both.get('w:lo')).toBe(1);
    expect(both.get('n:lo')).toBe(1);
  });

  it('reads a negated worry or anger as calm, in both languages and with teencode', () => {
    const deps = defaultDeps();
    const mood = (text: string) => analyzeText({ text }, deps).textMood.mood;
    expect(mood('Bà con rất lo lắng vì nước sông lên nhanh')).toBe('worried');
    expect(mood('Bà con nói không có gì phải lo lắng, mọi việc vẫn bình thường')).not.toBe('worried');
    expect(mood('People are furious about the new fees')).toBe('angry');
    expect(mood('People are not angry about the new fees at all, they just asked questions')).not.toBe('angry');
    expect(mood('mn ko ai buc xuc j, chi hoi lich thoi')).not.toBe('angry');
  });
});
