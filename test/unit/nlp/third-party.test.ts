import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { thirdParty } from '../../../src/nlp/eval/run.js';
import { defaultDeps } from './fixtures.js';

const dataDir = process.env['PULSE_EVAL_DATA'] ?? path.resolve(import.meta.dirname, '../../../../shared/data');
const exists = existsSync(path.join(dataDir, 'vntc_topic_test_sample.jsonl')) && existsSync(path.join(dataDir, 'victsd_comments_valid_test.jsonl'));
if (!exists) console.warn(`skipped: third-party evaluation — ${dataDir} has no VNTC/ViCTSD files`);

/**
 * Reached by the shipped model f87831ff4eeba33b (npm run eval:nlp): VNTC 0.5956 strict accuracy
 * (0.6317 with b7046f4cb0b0f772: the NB-logistic topic model, chosen by cross-validation over
 * writers, reads these 900-character news articles worse), ViCTSD toxic-as-angry recall 0.1637;
 * floors = reached − 0.03.
 */
const FLOORS = { vntcAccuracy: 0.5656, victsdAngryRecall: 0.1337 };

describe('third-party sets (evaluation only, never trained on)', () => {
  it.skipIf(!exists)(`keeps VNTC strict accuracy ≥ ${FLOORS.vntcAccuracy} and ViCTSD angry recall ≥ ${FLOORS.victsdAngryRecall}`, () => {
    const r = thirdParty(dataDir, defaultDeps());
    expect(r.vntc?.n).toBe(1800);
    expect(r.vntc?.topic?.accuracy).toBeGreaterThanOrEqual(FLOORS.vntcAccuracy);
    expect(r.victsdAnger?.recall).toBeGreaterThanOrEqual(FLOORS.victsdAngryRecall);
  }, 180_000);
});
