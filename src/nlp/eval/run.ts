import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, type AnalyzeDeps } from '../analyze.js';
import { loadCorpus } from '../corpus.js';
import { mapStrict, toxicityAsAnger, VICTSD_STRICT, VNTC_STRICT, type ThirdPartyLine } from './datasets.js';
import { evaluate, type Evaluation, type LabelledLine, type Prediction } from './evaluate.js';
import { binaryReport, type BinaryReport } from './metrics.js';

/** What the system predicts for a text given alone (no collaborator's choices): what every set scores. */
export function predictText(deps: AnalyzeDeps, text: string): Prediction {
  const a = analyzeText({ text }, deps);
  return { topic: a.topics.top, mood: a.textMood.mood, urgent: a.urgency.level !== 'normal', lang: a.language };
}

/** Scores a labelled set from the text alone. */
export function evaluateLines(lines: readonly LabelledLine[], deps: AnalyzeDeps): Evaluation {
  return evaluate(lines, lines.map((l) => predictText(deps, l.text)));
}

/** The frozen test set: every corpus/test/*.jsonl file, read together (null when absent). */
export function loadTestSet(corpusDir: string): LabelledLine[] | null {
  const files = ['test-t1.jsonl', 'test-t2.jsonl'].map((f) => join(corpusDir, 'test', f)).filter((f) => existsSync(f));
  return files.length === 0 ? null : files.flatMap((f) => loadCorpus(f));
}

/** Figures on the third-party sets (../shared/data), each null when its file is absent. */
export interface ThirdPartyFigures {
  readonly dataDir: string;
  readonly vntc: Evaluation | null;
  readonly victsdTopic: Evaluation | null;
  /** ViCTSD toxicity read as "angry" (a weak proxy): recall is the figure of issue 11. */
  readonly victsdAnger: BinaryReport | null;
}

/** Runs the third-party evaluations (evaluation only: these sets are never trained on). */
export function thirdParty(dataDir: string, deps: AnalyzeDeps): ThirdPartyFigures {
  const vntcPath = join(dataDir, 'vntc_topic_test_sample.jsonl');
  const victsdPath = join(dataDir, 'victsd_comments_valid_test.jsonl');
  const vntc = existsSync(vntcPath) ? evaluateLines(mapStrict(loadCorpus(vntcPath) as unknown as ThirdPartyLine[], VNTC_STRICT), deps) : null;
  let victsdTopic: Evaluation | null = null;
  let victsdAnger: BinaryReport | null = null;
  if (existsSync(victsdPath)) {
    const lines = loadCorpus(victsdPath) as unknown as ThirdPartyLine[];
    victsdTopic = evaluateLines(mapStrict(lines, VICTSD_STRICT), deps);
    const anger = toxicityAsAnger(lines);
    victsdAnger = binaryReport(
      anger.map((l) => l.mood === 'angry'),
      anger.map((l) => predictText(deps, l.text).mood === 'angry'),
    );
  }
  return { dataDir, vntc, victsdTopic, victsdAnger };
}
