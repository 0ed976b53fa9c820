import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPIC_SLUGS, MOODS } from '../../../src/domain/vocabulary.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { foldVietnamese, hasVietnameseMarks, jaccard, loadCalibrationSet, loadCorpus, loadTrainingCorpus, shingles } from '../../../src/nlp/index.js';

const root = path.resolve(import.meta.dirname, '../../..');
const train = loadCorpus(path.join(root, 'corpus/topics-train.jsonl'));
const dev = loadCorpus(path.join(root, 'corpus/dev.jsonl'));

describe('labelled corpus', () => {
  it('has ≥ 40 training examples per topic and every label valid', () => {
    for (const slug of TOPIC_SLUGS) expect(train.filter((l) => l.topic === slug).length, slug).toBeGreaterThanOrEqual(40);
    for (const l of [...train, ...dev]) {
      expect(TOPIC_SLUGS as readonly string[]).toContain(l.topic);
      expect(MOODS as readonly string[]).toContain(l.mood);
      expect(typeof l.urgent).toBe('boolean');
      expect(['vi', 'en']).toContain(l.lang);
    }
  });

  it('dev covers every topic and mood with about 1/8 unaccented Vietnamese and 1/5 English', () => {
    expect(dev.length).toBeGreaterThanOrEqual(300);
    for (const slug of TOPIC_SLUGS) expect(dev.some((l) => l.topic === slug), slug).toBe(true);
    for (const mood of MOODS) expect(dev.some((l) => l.mood === mood), mood).toBe(true);
    const unaccented = dev.filter((l) => l.lang === 'vi' && !hasVietnameseMarks(l.text)).length / dev.length;
    const english = dev.filter((l) => l.lang === 'en').length / dev.length;
    expect(unaccented).toBeGreaterThan(0.1);
    expect(unaccented).toBeLessThan(0.2);
    expect(english).toBeGreaterThan(0.15);
    expect(english).toBeLessThan(0.3);
    expect(dev.some((l) => l.urgent)).toBe(true);
  });

  it('keeps dev apart from training: no duplicate or near-duplicate lines', () => {
    const trainSets = train.map((l) => shingles(l.text, 3));
    const trainTexts = new Set(train.map((l) => foldVietnamese(l.text)));
    for (const d of dev) {
      expect(trainTexts.has(foldVietnamese(d.text)), d.text).toBe(false);
      const s = shingles(d.text, 3);
      const max = Math.max(...trainSets.map((t) => jaccard(s, t)));
      expect(max, d.text).toBeLessThan(0.5);
    }
  });
});

describe('calibration set (dev.jsonl, read by training for the temperature only)', () => {
  it('is the dev set marked as calibration, apart from every training example', () => {
    const calibration = loadCalibrationSet();
    expect(calibration.length).toBe(dev.length);
    expect(new Set(calibration.map((e) => e.origin))).toEqual(new Set(['calibration']));
    const trained = new Set(loadTrainingCorpus().map((e) => e.text));
    expect(calibration.filter((e) => trained.has(e.text))).toEqual([]);
  });

  it('is empty, not an error, where the corpus has no dev.jsonl (a trimmed deployment)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pulse-corpus-'));
    try {
      expect(loadCalibrationSet(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
