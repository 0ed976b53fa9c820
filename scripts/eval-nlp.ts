/**
 * `npm run eval:nlp`: measures the analysis model, every figure from the text alone.
 * - no arguments: dev set (corpus/dev.jsonl, the tuning set), frozen test set (corpus/test/,
 *   never tuned on: aggregate figures only) and the third-party sets in ../shared/data (or
 *   $PULSE_EVAL_DATA; skipped with a message when absent), side by side;
 * - `--details`: also the dev set's per-class tables and confusion matrices;
 * - `--model FILE`: evaluate another artifact (e.g. one trained on part of the data);
 * - `--json`: one JSON object on stdout with the side-by-side figures;
 * - `--input FILE [--json]`: any JSONL with `text` and any of `topic`, `topic2`, `mood`, `urgent`, `lang`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPICS } from '../src/domain/taxonomy.js';
import { DEFAULT_URGENCY_THRESHOLDS } from '../src/domain/urgency.js';
import { createTextModel, loadCorpus, loadDefaultModel, type AnalyzeDeps } from '../src/nlp/index.js';
import { toJsonSummary, type Evaluation } from '../src/nlp/eval/evaluate.js';
import { formatBinary, formatClassification, formatConfusion } from '../src/nlp/eval/format.js';
import type { BinaryReport } from '../src/nlp/eval/metrics.js';
import { evaluateLines, loadTestSet, thirdParty } from '../src/nlp/eval/run.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : (v * 100).toFixed(1));

/** The headline figures of one set, as one column of the side-by-side table. */
function column(e: Evaluation | null, anger?: BinaryReport | null): Record<string, number | null> {
  return {
    n: anger ? anger.n : (e?.n ?? null),
    topicMacroF1: e?.topic?.macroF1 ?? null,
    topicAccuracy: e?.topic?.accuracy ?? null,
    topicAccuracyWithTopic2: e?.topicOrSecond ?? null,
    moodAccuracy: e?.mood?.accuracy ?? null,
    urgentPrecision: e?.urgent?.precision ?? null,
    urgentRecall: e?.urgent?.recall ?? null,
    angryRecall: anger?.recall ?? null,
    angryPrecision: anger?.precision ?? null,
    languageAccuracy: e?.lang?.accuracy ?? null,
  };
}

function printTable(columns: Record<string, Record<string, number | null>>): void {
  const names = Object.keys(columns);
  const rows = Object.keys(Object.values(columns)[0] ?? {});
  console.log(`${'figure'.padEnd(26)}${names.map((n) => n.padStart(16)).join('')}`);
  for (const r of rows) {
    const cells = names.map((n) => {
      const v = columns[n]?.[r];
      return (r === 'n' ? (v === null || v === undefined ? '—' : String(v)) : pct(v)).padStart(16);
    });
    console.log(`${r.padEnd(26)}${cells.join('')}`);
  }
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const modelPath = arg(argv, '--model');
  const model = modelPath ? loadDefaultModel(path.resolve(modelPath)) : loadDefaultModel();
  const deps: AnalyzeDeps = { model: createTextModel(model, DEFAULT_TOPICS), topics: DEFAULT_TOPICS, thresholds: DEFAULT_URGENCY_THRESHOLDS };
  const input = arg(argv, '--input');
  if (input) {
    const e = evaluateLines(loadCorpus(path.resolve(input)), deps);
    if (json) process.stdout.write(`${JSON.stringify(toJsonSummary(e))}\n`);
    else console.log(column(e));
    return;
  }
  const dev = evaluateLines(loadCorpus(path.join(repoRoot, 'corpus/dev.jsonl')), deps);
  const testLines = loadTestSet(path.join(repoRoot, 'corpus'));
  const test = testLines ? evaluateLines(testLines, deps) : null;
  const dataDir = process.env['PULSE_EVAL_DATA'] ?? path.resolve(repoRoot, '../shared/data');
  const third = thirdParty(dataDir, deps);
  const columns = {
    dev: column(dev),
    'frozen test': column(test),
    VNTC: column(third.vntc),
    'ViCTSD topic': column(third.victsdTopic),
    'ViCTSD toxic': column(null, third.victsdAnger),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify({ model: model.version, ...columns })}\n`);
    return;
  }
  console.log(`model ${model.version} (${model.examples} training examples)`);
  if (!testLines) console.log('skipped: frozen test set — corpus/test/ has no test-t*.jsonl');
  if (!third.vntc) console.log(`skipped: VNTC — ${dataDir}/vntc_topic_test_sample.jsonl not found`);
  if (!third.victsdTopic) console.log(`skipped: ViCTSD — ${dataDir}/victsd_comments_valid_test.jsonl not found`);
  printTable(columns);
  console.log('(ViCTSD toxic: toxicity=1 read as "angry", a weak proxy; the figure of issue 11 is its recall)');
  if (argv.includes('--details')) {
    console.log('\n=== dev set (corpus/dev.jsonl), the tuning set ===');
    if (dev.topic) console.log(`${formatClassification('topic', dev.topic)}\n${formatConfusion(dev.topic)}`);
    if (dev.mood) console.log(`${formatClassification('mood', dev.mood)}\n${formatConfusion(dev.mood)}`);
    if (dev.urgent) console.log(formatBinary('urgent', dev.urgent));
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`eval:nlp failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
