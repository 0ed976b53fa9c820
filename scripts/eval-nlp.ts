/**
 * `npm run eval:nlp`: measures the NLP pipeline.
 * - no arguments: the repo's dev set, then the third-party sets in ../shared/data (or
 *   $PULSE_EVAL_DATA), mapped classes only, human-readable;
 * - `--input FILE [--json]`: any JSONL with `text` and any of `topic`, `mood`, `urgent`, `lang`,
 *   scored from the text alone; with --json, exactly one JSON object on stdout.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPICS } from '../src/domain/taxonomy.js';
import { DEFAULT_URGENCY_THRESHOLDS } from '../src/domain/urgency.js';
import { analyzeText, createDefaultTagger, loadCorpus, type AnalyzeDeps } from '../src/nlp/index.js';
import { evaluate, toJsonSummary, type LabelledLine, type Prediction } from '../src/nlp/eval/evaluate.js';
import { formatBinary, formatClassification, formatConfusion } from '../src/nlp/eval/format.js';
import { mapStrict, toxicityAsAnger, VICTSD_STRICT, VNTC_STRICT, type ThirdPartyLine } from '../src/nlp/eval/datasets.js';
import { classificationReport } from '../src/nlp/eval/metrics.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function predict(deps: AnalyzeDeps, text: string): Prediction {
  const a = analyzeText({ text }, deps);
  return { topic: a.topics.top, mood: a.textMood.mood, urgent: a.urgency.level !== 'normal', lang: a.language };
}

function printEvaluation(title: string, lines: readonly LabelledLine[], deps: AnalyzeDeps): void {
  const e = evaluate(lines, lines.map((l) => predict(deps, l.text)));
  console.log(`\n=== ${title} (n=${e.n}) ===`);
  if (e.topic) console.log(`${formatClassification('topic', e.topic)}\n${formatConfusion(e.topic)}`);
  if (e.mood) console.log(`${formatClassification('mood', e.mood)}\n${formatConfusion(e.mood)}`);
  if (e.urgent) console.log(formatBinary('urgent', e.urgent));
  if (e.lang) console.log(`language accuracy: ${(e.lang.accuracy * 100).toFixed(1)}%`);
}

function thirdParty(deps: AnalyzeDeps): void {
  const dataDir = process.env['PULSE_EVAL_DATA'] ?? path.resolve(repoRoot, '../shared/data');
  const vntcPath = path.join(dataDir, 'vntc_topic_test_sample.jsonl');
  const victsdPath = path.join(dataDir, 'victsd_comments_valid_test.jsonl');
  if (!existsSync(vntcPath)) console.log(`\nskipped: VNTC — ${vntcPath} not found`);
  else {
    const lines = loadCorpus(vntcPath) as unknown as ThirdPartyLine[];
    printEvaluation('VNTC news, mapped non-⚠ classes (strict)', mapStrict(lines, VNTC_STRICT), deps);
  }
  if (!existsSync(victsdPath)) console.log(`\nskipped: ViCTSD — ${victsdPath} not found`);
  else {
    const lines = loadCorpus(victsdPath) as unknown as ThirdPartyLine[];
    printEvaluation('ViCTSD comments, article topic, mapped non-⚠ classes (strict)', mapStrict(lines, VICTSD_STRICT), deps);
    const anger = toxicityAsAnger(lines);
    const r = classificationReport(
      anger.map((l) => l.mood),
      anger.map((l) => (predict(deps, l.text).mood === 'angry' ? 'angry' : 'not_angry')),
    );
    console.log(`\n=== ViCTSD toxicity as angry vs not-angry (weak proxy ⚠, n=${r.n}) ===`);
    console.log(`${formatClassification('angry vs not', r)}\n${formatConfusion(r)}`);
  }
}

function main(argv: string[]): void {
  const inputAt = argv.indexOf('--input');
  const json = argv.includes('--json');
  const deps: AnalyzeDeps = { tagger: createDefaultTagger(DEFAULT_TOPICS), topics: DEFAULT_TOPICS, thresholds: DEFAULT_URGENCY_THRESHOLDS };
  if (inputAt >= 0) {
    const file = argv[inputAt + 1];
    if (!file) throw new Error('--input needs a file');
    const lines = loadCorpus(path.resolve(file));
    const e = evaluate(lines, lines.map((l) => predict(deps, l.text)));
    if (json) process.stdout.write(`${JSON.stringify(toJsonSummary(e))}\n`);
    else printEvaluation(file, lines, deps);
    return;
  }
  console.log(`model ${deps.tagger.modelVersion}`);
  printEvaluation('dev set (corpus/dev.jsonl)', loadCorpus(path.join(repoRoot, 'corpus/dev.jsonl')), deps);
  thirdParty(deps);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`eval:nlp failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
