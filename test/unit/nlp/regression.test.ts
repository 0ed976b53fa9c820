import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/nlp/index.js';
import { evaluateLines, loadTestSet } from '../../../src/nlp/eval/run.js';
import { defaultDeps } from './fixtures.js';

const corpus = path.resolve(import.meta.dirname, '../../../corpus');

/**
 * Floors = the figures the shipped model reached (npm run eval:nlp, model f87831ff4eeba33b)
 * minus 0.03. A retrained model that falls below one of them is worse, not different.
 */
const DEV = { topicMacroF1: 0.866, moodAccuracy: 0.8952, urgentRecall: 0.97, urgentPrecision: 0.97 };
/** The frozen test set (corpus/test/, two independent writers, never tuned on). */
const TEST = { topicMacroF1: 0.7923, topicAccuracyWithTopic2: 0.8278, moodAccuracy: 0.7967, urgentRecall: 0.93, urgentPrecision: 0.9597 };

describe('dev-set regression (corpus/dev.jsonl, the tuning set)', () => {
  const lines = loadCorpus(path.join(corpus, 'dev.jsonl'));
  const e = evaluateLines(lines, defaultDeps());

  it('has at least 300 labelled reports', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
  });
  it(`keeps topic macro-F1 ≥ ${DEV.topicMacroF1} and mood accuracy ≥ ${DEV.moodAccuracy}`, () => {
    expect(e.topic?.macroF1).toBeGreaterThanOrEqual(DEV.topicMacroF1);
    expect(e.mood?.accuracy).toBeGreaterThanOrEqual(DEV.moodAccuracy);
  });
  it(`keeps urgent recall ≥ ${DEV.urgentRecall} and precision ≥ ${DEV.urgentPrecision}`, () => {
    expect(e.urgent?.recall).toBeGreaterThanOrEqual(DEV.urgentRecall);
    expect(e.urgent?.precision).toBeGreaterThanOrEqual(DEV.urgentPrecision);
  });
});

describe('frozen test-set regression (corpus/test/, aggregate figures only)', () => {
  const lines = loadTestSet(corpus);
  const e = lines ? evaluateLines(lines, defaultDeps()) : null;

  it('is there, from two writers, at least 400 reports', () => {
    expect(lines?.length).toBeGreaterThanOrEqual(400);
  });
  it(`keeps topic macro-F1 ≥ ${TEST.topicMacroF1} (accuracy with the second topic ≥ ${TEST.topicAccuracyWithTopic2})`, () => {
    expect(e?.topic?.macroF1).toBeGreaterThanOrEqual(TEST.topicMacroF1);
    expect(e?.topicOrSecond).toBeGreaterThanOrEqual(TEST.topicAccuracyWithTopic2);
  });
  it(`keeps mood accuracy ≥ ${TEST.moodAccuracy}`, () => {
    expect(e?.mood?.accuracy).toBeGreaterThanOrEqual(TEST.moodAccuracy);
  });
  it(`keeps urgent recall ≥ ${TEST.urgentRecall} at precision ≥ ${TEST.urgentPrecision}`, () => {
    expect(e?.urgent?.recall).toBeGreaterThanOrEqual(TEST.urgentRecall);
    expect(e?.urgent?.precision).toBeGreaterThanOrEqual(TEST.urgentPrecision);
  });
});
