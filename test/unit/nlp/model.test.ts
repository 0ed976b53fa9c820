import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';
import { createTopicTagger, loadTopicModel, topicModelVersion, trainTopicModel, TopicModelFormatError } from '../../../src/nlp/index.js';
import { defaultTagger } from './fixtures.js';

describe('topic tagging on clear cases', () => {
  const tagger = defaultTagger();
  it.each([
    ['Bà con bức xúc vì giá điện tháng này tăng gần gấp đôi', 'economy'],
    ['Ba con buc xuc vi gia dien thang nay tang gan gap doi', 'economy'],
    ['Người dân hoan nghênh việc xử lý nghiêm cán bộ nhận hối lộ', 'anti_corruption'],
    ['Nguoi dan hoan nghenh viec xu ly nghiem can bo nhan hoi lo', 'anti_corruption'],
    ['Ngư dân lo lắng khi tàu Trung Quốc xua đuổi ở Hoàng Sa', 'east_sea'],
    ['Phụ huynh phản đối việc trường thu nhiều khoản ngoài học phí', 'education'],
    ['Bệnh viện huyện thiếu thuốc, người bệnh phải mua ngoài', 'health'],
    ['Mưa lớn, lũ quét cuốn trôi nhà cửa ở bản', 'environment_disasters'],
    ['People are angry that petrol prices keep rising', 'economy'],
    ['Residents worry about the flood as the river keeps rising', 'environment_disasters'],
  ])('%s → %s', (text, slug) => {
    const r = tagger.tag(text);
    expect(r.top).toBe(slug);
    expect(r.ranked[0]?.slug).toBe(slug);
  });

  it('returns a distribution over all topics that sums to about 1, best first', () => {
    const r = tagger.tag('Giá xăng tăng');
    expect(r.ranked).toHaveLength(DEFAULT_TOPICS.length);
    const sum = r.ranked.reduce((s, x) => s + x.score, 0);
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
    for (let i = 1; i < r.ranked.length; i += 1) expect(r.ranked[i - 1]!.score).toBeGreaterThanOrEqual(r.ranked[i]!.score);
  });

  it('reports keyword evidence', () => {
    const r = tagger.tag('buc xuc vi gia dien tang');
    expect(r.evidence.find((e) => e.slug === 'economy')?.keywords).toContain('giá điện');
  });

  it('files text without words under other', () => {
    expect(tagger.tag('').top).toBe('other');
    expect(tagger.tag('😡😡').top).toBe('other');
  });
});

describe('collaborator prior and disagreement', () => {
  const tagger = defaultTagger();
  it('lets the chosen topic win an ambiguous text', () => {
    const text = 'Mọi người bàn tán nhiều về chuyện này trong tuần.';
    expect(tagger.tag(text, { chosen: 'workplace' }).top).toBe('workplace');
    expect(tagger.tag(text, { chosen: 'workplace' }).disagreement).toBe(false);
  });

  it('keeps both and marks the disagreement when the text clearly says another topic', () => {
    const r = tagger.tag('Ngư dân bức xúc vì tàu Trung Quốc xua đuổi, cướp ngư cụ ở Hoàng Sa, chủ quyền biển đảo bị xâm phạm', { chosen: 'education' });
    expect(r.disagreement).toBe(true);
    expect(r.textTop).toBe('east_sea');
    expect(r.chosen).toBe('education');
    const slugs = r.ranked.slice(0, 2).map((x) => x.slug);
    expect(slugs).toContain('east_sea');
    expect(slugs).toContain('education');
  });

  it('does not flag agreement as disagreement', () => {
    const r = tagger.tag('Bà con bức xúc vì giá điện tăng', { chosen: 'economy' });
    expect(r.top).toBe('economy');
    expect(r.disagreement).toBe(false);
  });

  it('ignores an unknown chosen slug', () => {
    expect(tagger.tag('Bà con bức xúc vì giá điện tăng', { chosen: 'nope' }).chosen).toBeUndefined();
  });
});

describe('topic model', () => {
  const examples = [
    { text: 'giá điện tăng', topic: 'economy' },
    { text: 'giá xăng tăng mạnh', topic: 'economy' },
    { text: 'bệnh viện thiếu thuốc', topic: 'health' },
    { text: 'bác sĩ khám bệnh', topic: 'health' },
  ];

  it('is deterministic and versioned by data and algorithm', () => {
    const a = trainTopicModel(examples);
    const b = trainTopicModel(examples);
    expect(a).toEqual(b);
    expect(a.version).toBe(topicModelVersion(examples));
    expect(trainTopicModel([...examples, { text: 'thuốc', topic: 'health', origin: 'leader' }]).version).not.toBe(a.version);
  });

  it('round-trips through JSON', () => {
    const model = trainTopicModel(examples);
    const loaded = loadTopicModel(JSON.stringify(model));
    const t1 = createTopicTagger({ topics: DEFAULT_TOPICS, model });
    const t2 = createTopicTagger({ topics: DEFAULT_TOPICS, model: loaded });
    expect(t2.tag('giá điện').ranked).toEqual(t1.tag('giá điện').ranked);
  });

  it('rejects malformed model JSON', () => {
    expect(() => loadTopicModel('{}')).toThrow(TopicModelFormatError);
    expect(() => loadTopicModel({ ...trainTopicModel(examples), idf: [] })).toThrow(TopicModelFormatError);
  });

  it('learns from leaders’ corrections', () => {
    const base = createTopicTagger({ topics: DEFAULT_TOPICS, model: trainTopicModel(examples) });
    const corrected = createTopicTagger({
      topics: DEFAULT_TOPICS,
      model: trainTopicModel([...examples, { text: 'xyzzy quux', topic: 'health', origin: 'leader' }, { text: 'xyzzy plugh', topic: 'health', origin: 'leader' }]),
    });
    const before = base.tag('xyzzy').ranked.find((r) => r.slug === 'health')?.score ?? 0;
    const after = corrected.tag('xyzzy').ranked.find((r) => r.slug === 'health')?.score ?? 0;
    expect(after).toBeGreaterThan(before);
  });
});
