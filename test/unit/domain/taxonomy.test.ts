import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS, findDefaultTopic } from '../../../src/domain/taxonomy.js';
import { TOPIC_SLUGS } from '../../../src/domain/vocabulary.js';

describe('DEFAULT_TOPICS', () => {
  it('has the 14 slugs of the vocabulary, in order', () => {
    expect(DEFAULT_TOPICS.map((t) => t.slug)).toEqual([...TOPIC_SLUGS]);
  });

  it('marks the default sensitive topics', () => {
    const sensitive = DEFAULT_TOPICS.filter((t) => t.sensitive).map((t) => t.slug).sort();
    expect(sensitive).toEqual(['anti_corruption', 'east_sea', 'governance', 'security_defense']);
  });

  it('names every topic in Vietnamese and English', () => {
    for (const t of DEFAULT_TOPICS) {
      expect(t.nameVi.length, t.slug).toBeGreaterThan(1);
      expect(t.nameEn.length, t.slug).toBeGreaterThan(1);
    }
    expect(findDefaultTopic('east_sea')?.nameVi).toBe('Biển Đông, chủ quyền');
  });

  it('gives every topic but "other" Vietnamese keywords with diacritics and English ones', () => {
    for (const t of DEFAULT_TOPICS.filter((x) => x.slug !== 'other')) {
      expect(t.keywords.some((k) => /[àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]/i.test(k)), t.slug).toBe(true);
      expect(t.keywords.some((k) => /^[a-z][a-z -]+$/.test(k)), t.slug).toBe(true);
      expect(t.keywords.length, t.slug).toBeGreaterThanOrEqual(20);
    }
  });

  it('stores keywords in NFC, lower case, trimmed', () => {
    for (const t of DEFAULT_TOPICS) {
      for (const k of t.keywords) {
        expect(k, t.slug).toBe(k.normalize('NFC').toLowerCase().trim());
      }
    }
  });
});
