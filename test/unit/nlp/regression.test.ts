import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadCorpus } from '../../../src/nlp/index.js';
import { evaluate, type Prediction } from '../../../src/nlp/eval/evaluate.js';
import { defaultDeps } from './fixtures.js';

/**
 * Floors = the figures reached on corpus/dev.jsonl (npm run eval:nlp) minus 0.03.
 * Reached: topic macro-F1 0.8625, mood accuracy 0.8972, urgent recall 0.92,
 * urgent precision 0.8846.
 */
const FLOORS = { topicMacroF1: 0.8325, moodAccuracy: 0.8672, urgentRecall: 0.89, urgentPrecision: 0.8546 };

describe('dev-set regression (corpus/dev.jsonl)', () => {
  const deps = defaultDeps();
  const lines = loadCorpus(path.resolve(import.meta.dirname, '../../../corpus/dev.jsonl'));
  const preds: Prediction[] = lines.map((l) => {
    const a = analyzeText({ text: l.text }, deps);
    return { topic: a.topics.top, mood: a.textMood.mood, urgent: a.urgency.level !== 'normal', lang: a.language };
  });
  const e = evaluate(lines, preds);

  it('has at least 300 labelled reports', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
  });
  it(`keeps topic macro-F1 ≥ ${FLOORS.topicMacroF1}`, () => {
    expect(e.topic?.macroF1).toBeGreaterThanOrEqual(FLOORS.topicMacroF1);
  });
  it(`keeps mood accuracy ≥ ${FLOORS.moodAccuracy}`, () => {
    expect(e.mood?.accuracy).toBeGreaterThanOrEqual(FLOORS.moodAccuracy);
  });
  it(`keeps urgent recall ≥ ${FLOORS.urgentRecall} and precision ≥ ${FLOORS.urgentPrecision}`, () => {
    expect(e.urgent?.recall).toBeGreaterThanOrEqual(FLOORS.urgentRecall);
    expect(e.urgent?.precision).toBeGreaterThanOrEqual(FLOORS.urgentPrecision);
  });
});
