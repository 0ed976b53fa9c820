import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';
import {
  createTextModel,
  DEFAULT_MODEL_PATH,
  loadPulseModel,
  loadCalibrationSet,
  loadTrainingCorpus,
  ModelFormatError,
  modelVersion,
  trainInThread,
  trainPulseModel,
  TRAIN_DEFAULTS,
  type TrainingExample,
} from '../../../src/nlp/index.js';
import { defaultModel } from './fixtures.js';

const tag = (text: string, chosen?: string) => {
  const m = defaultModel();
  return m.topics(m.input(text), chosen ?? null);
};

describe('topic tagging on clear cases (shipped model)', () => {
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
    const r = tag(text);
    expect(r.top).toBe(slug);
    expect(r.ranked[0]?.slug).toBe(slug);
  });

  it('returns a distribution over all topics that sums to about 1, best first', () => {
    const r = tag('Giá xăng tăng');
    expect(r.ranked).toHaveLength(DEFAULT_TOPICS.length);
    const sum = r.ranked.reduce((s, x) => s + x.score, 0);
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
    for (let i = 1; i < r.ranked.length; i += 1) expect(r.ranked[i - 1]!.score).toBeGreaterThanOrEqual(r.ranked[i]!.score);
  });

  it('reports keyword evidence', () => {
    expect(tag('buc xuc vi gia dien tang').evidence.find((e) => e.slug === 'economy')?.keywords).toContain('giá điện');
  });

  it('files text without words under other', () => {
    expect(tag('').top).toBe('other');
  });
});

describe('collaborator prior and disagreement', () => {
  it('lets the chosen topic win an ambiguous text', () => {
    const text = 'Mọi người bàn tán nhiều về chuyện này trong tuần.';
    expect(tag(text, 'workplace').top).toBe('workplace');
    expect(tag(text, 'workplace').disagreement).toBe(false);
  });

  it('keeps both and marks the disagreement when the text clearly says another topic', () => {
    const r = tag('Ngư dân bức xúc vì tàu Trung Quốc xua đuổi, cướp ngư cụ ở Hoàng Sa, chủ quyền biển đảo bị xâm phạm', 'education');
    expect(r.disagreement).toBe(true);
    expect(r.textTop).toBe('east_sea');
    expect(r.chosen).toBe('education');
    const slugs = r.ranked.slice(0, 2).map((x) => x.slug);
    expect(slugs).toContain('east_sea');
    expect(slugs).toContain('education');
  });

  it('does not flag agreement as disagreement and ignores an unknown chosen slug', () => {
    const r = tag('Bà con bức xúc vì giá điện tăng', 'economy');
    expect(r.top).toBe('economy');
    expect(r.disagreement).toBe(false);
    expect(tag('Bà con bức xúc vì giá điện tăng', 'nope').chosen).toBeUndefined();
  });
});

describe('the model artifact', () => {
  const examples: TrainingExample[] = [
    { text: 'giá điện tăng, bà con bức xúc', topic: 'economy', mood: 'angry', urgent: false },
    { text: 'giá xăng tăng mạnh, mọi người lo', topic: 'economy', mood: 'worried', urgent: false },
    { text: 'bệnh viện thiếu thuốc', topic: 'health', mood: 'worried', urgent: false },
    { text: 'bác sĩ khám bệnh tận tình', topic: 'health', mood: 'supportive', urgent: false },
    { text: 'nước lên tới mái nhà, chưa ai ra cứu', topic: 'environment_disasters', mood: 'worried', urgent: true },
    { text: 'hàng trăm công nhân đứng trước cổng không vào làm', topic: 'economy', mood: 'angry', urgent: true },
  ];

  it('trains deterministically: same corpus → same file hash, versioned by data and algorithm', () => {
    const hash = (e: TrainingExample[]) => createHash('sha256').update(JSON.stringify(trainPulseModel(e))).digest('hex');
    expect(hash(examples)).toBe(hash(examples));
    const a = trainPulseModel(examples);
    expect(a.version).toBe(modelVersion(examples));
    expect(trainPulseModel([...examples, { text: 'thuốc', topic: 'health', origin: 'leader', weight: 3 }]).version).not.toBe(a.version);
  });

  it('trains the same bytes on a worker thread (the retraining job’s way)', async () => {
    expect(await trainInThread(examples)).toBe(JSON.stringify(trainPulseModel(examples)));
  });

  it('round-trips through JSON', () => {
    const json = trainPulseModel(examples);
    const m1 = createTextModel(loadPulseModel(json), DEFAULT_TOPICS);
    const m2 = createTextModel(loadPulseModel(JSON.stringify(json)), DEFAULT_TOPICS);
    const i1 = m1.input('giá điện');
    const i2 = m2.input('giá điện');
    expect(m2.topics(i2).ranked).toEqual(m1.topics(i1).ranked);
    expect(m2.urgency(i2)).toEqual(m1.urgency(i1));
  });

  it('scores the shared vector as the topic model learned it, whatever weight topic gives the character block', () => {
    // Topic learns the character block at topicCharWeight and folds the ratio into its
    // weights: the same as a model trained on, and scoring, vectors with that block weight.
    const features = { ...TRAIN_DEFAULTS.features, minDf: 1 };
    const shared = createTextModel(loadPulseModel(trainPulseModel(examples, { features, topicCharWeight: 1 })), DEFAULT_TOPICS);
    const whole = createTextModel(loadPulseModel(trainPulseModel(examples, { features: { ...features, charWeight: 1 }, topicCharWeight: 1 })), DEFAULT_TOPICS);
    for (const text of ['giá điện tăng', 'bệnh viện thiếu thuốc, bà con lo', 'nước lên']) {
      const a = shared.topics(shared.input(text)).ranked;
      const b = whole.topics(whole.input(text)).ranked;
      expect(a.map((r) => r.slug)).toEqual(b.map((r) => r.slug));
      a.forEach((r, i) => expect(r.score).toBeCloseTo(b[i]!.score, 3));
    }
  });

  it('rejects malformed model JSON', () => {
    expect(() => loadPulseModel('{}')).toThrow(ModelFormatError);
    expect(() => loadPulseModel({ ...trainPulseModel(examples), idf: [] })).toThrow(ModelFormatError);
    const json = trainPulseModel(examples);
    expect(() => loadPulseModel({ ...json, topic: { ...json.topic, rows: json.topic.rows.map(() => 'AAAA') } })).toThrow(ModelFormatError);
  });

  it('learns from leaders’ corrections', () => {
    const score = (e: TrainingExample[]) => {
      const m = createTextModel(loadPulseModel(trainPulseModel(e)), DEFAULT_TOPICS);
      return m.topics(m.input('xyzzy')).ranked.find((r) => r.slug === 'health')?.score ?? 0;
    };
    const leader = (text: string): TrainingExample => ({ text, topic: 'health', origin: 'leader', weight: 3 });
    const corrected = [...examples, leader('xyzzy quux'), leader('xyzzy plugh'), leader('xyzzy frob')];
    expect(score(corrected)).toBeGreaterThan(score(examples));
  });

  it('ships trained on the committed corpus (retrain with npm run train when the corpus changes)', () => {
    const shipped = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as { version: string; examples: number };
    const corpus = loadTrainingCorpus();
    expect(shipped.examples).toBe(corpus.length);
    expect(shipped.version).toBe(modelVersion([...corpus, ...loadCalibrationSet()]));
  });

  it('fits the topic and mood temperature on calibration texts it never trains on', () => {
    const base = trainPulseModel(examples);
    expect(base.metrics).toMatchObject({ topicTemperature: 1, moodTemperature: 1, calibrationExamples: 0 });
    const calibration: TrainingExample[] = [
      { text: 'giá điện tăng, ai cũng lo', topic: 'economy', mood: 'worried', origin: 'calibration' },
      { text: 'bệnh viện quá tải, bà con bức xúc', topic: 'health', mood: 'angry', origin: 'calibration' },
      { text: 'công nhân đứng trước cổng bệnh viện', topic: 'economy', mood: 'worried', origin: 'calibration' },
    ];
    const withCal = trainPulseModel([...examples, ...calibration]);
    expect(withCal.examples).toBe(examples.length);
    expect(withCal.trainedOn).toEqual(base.trainedOn);
    expect(withCal.features).toEqual(base.features);
    expect(withCal.version).not.toBe(base.version);
    expect(withCal.metrics.calibrationExamples).toBe(3);
    // the rows are divided by the temperature: the same decisions, other probabilities
    const t = withCal.metrics.topicTemperature as number;
    expect(t).not.toBe(1);
    const a = createTextModel(loadPulseModel(base), DEFAULT_TOPICS);
    const b = createTextModel(loadPulseModel(withCal), DEFAULT_TOPICS);
    for (const text of ['giá xăng tăng', 'thiếu thuốc', 'nước lên tới mái nhà']) {
      expect(b.topics(b.input(text)).textTop).toBe(a.topics(a.input(text)).textTop);
    }
  });
});
