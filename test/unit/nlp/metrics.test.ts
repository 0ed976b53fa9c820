import { describe, expect, it } from 'vitest';
import { binaryReport, classificationReport } from '../../../src/nlp/index.js';
import { evaluate, toJsonSummary } from '../../../src/nlp/eval/evaluate.js';
import { mapStrict, toxicityAsAnger, VNTC_STRICT } from '../../../src/nlp/eval/datasets.js';

describe('classificationReport', () => {
  it('computes accuracy, per-class P/R/F1, macro-F1 over gold classes and a confusion matrix', () => {
    const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'c']);
    expect(r.accuracy).toBe(0.5);
    expect(r.perClass['a']).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(r.perClass['b']).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass['c']?.support).toBe(0);
    expect(r.macroF1).toBeCloseTo((0.6667 + 0.5) / 2, 3);
    expect(r.confusion['b']?.['c']).toBe(1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => classificationReport(['a'], [])).toThrow(RangeError);
  });
});

describe('binaryReport', () => {
  it('computes precision and recall of the positive class', () => {
    const r = binaryReport([true, true, false, false], [true, false, true, false]);
    expect(r).toMatchObject({ precision: 0.5, recall: 0.5, tp: 1, fp: 1, fn: 1, tn: 1 });
    expect(binaryReport([false], [false]).precision).toBe(0);
  });
});

describe('evaluate / JSON summary', () => {
  it('sets a section to null when no line has its label', () => {
    const e = evaluate([{ text: 'x', topic: 'economy' }], [{ topic: 'economy', mood: 'neutral', urgent: false, lang: 'vi' }]);
    expect(toJsonSummary(e)).toEqual({
      n: 1,
      topic: { accuracy: 1, accuracyWithTopic2: 1, macroF1: 1, perClass: { economy: { precision: 1, recall: 1, f1: 1, support: 1 } } },
      mood: null,
      urgent: null,
    });
  });

  it('counts the second topic as correct in accuracyWithTopic2 only', () => {
    const lines = [
      { text: 'a', topic: 'economy', topic2: 'workplace' },
      { text: 'b', topic: 'health' },
    ];
    const preds = [
      { topic: 'workplace', mood: 'neutral', urgent: false, lang: 'vi' },
      { topic: 'education', mood: 'neutral', urgent: false, lang: 'vi' },
    ];
    const e = evaluate(lines, preds);
    expect(e.topic?.accuracy).toBe(0);
    expect(e.topicOrSecond).toBe(0.5);
  });

  it('ignores labels outside the vocabularies', () => {
    const e = evaluate([{ text: 'x', topic: 'sports', mood: 'happy', urgent: 'yes' }], [{ topic: 'other', mood: 'neutral', urgent: false, lang: 'vi' }]);
    expect(e.topic).toBeNull();
    expect(e.mood).toBeNull();
    expect(e.urgent).toBeNull();
  });
});

describe('third-party mappings', () => {
  it('keeps only strict (non-⚠) classes', () => {
    const lines = [{ text: 'a', label: 'Kinh doanh' }, { text: 'b', label: 'The thao' }, { text: 'c', label: 'Chinh tri Xa hoi' }];
    expect(mapStrict(lines, VNTC_STRICT)).toEqual([{ text: 'a', topic: 'economy' }]);
  });
  it('maps toxicity to angry vs not angry', () => {
    expect(toxicityAsAnger([{ text: 'a', label: 'x', toxicity: 1 }, { text: 'b', label: 'x', toxicity: 0 }, { text: 'c', label: 'x' }])).toEqual([
      { text: 'a', mood: 'angry' },
      { text: 'b', mood: 'not_angry' },
    ]);
  });
});
