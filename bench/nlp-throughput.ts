/**
 * NLP throughput of one process: `analyzeText` over the dev set repeated, sequentially.
 * Prints reports/s and per-report latency percentiles (target ≥ 1,000 reports/s).
 * Run: npx tsx bench/nlp-throughput.ts [rounds]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPICS } from '../src/domain/taxonomy.js';
import { DEFAULT_URGENCY_THRESHOLDS } from '../src/domain/urgency.js';
import { analyzeText, createDefaultTagger, loadCorpus, type AnalyzeDeps } from '../src/nlp/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 20);

const t0 = performance.now();
const deps: AnalyzeDeps = { tagger: createDefaultTagger(DEFAULT_TOPICS), topics: DEFAULT_TOPICS, thresholds: DEFAULT_URGENCY_THRESHOLDS };
const trainMs = performance.now() - t0;
const texts = loadCorpus(path.join(root, 'corpus/dev.jsonl')).map((l) => l.text);

for (const text of texts.slice(0, 50)) analyzeText({ text }, deps); // warm-up

const times: number[] = [];
const start = performance.now();
for (let r = 0; r < rounds; r += 1) {
  for (const text of texts) {
    const s = performance.now();
    analyzeText({ text, chosenTopic: r % 2 === 0 ? 'economy' : null, reportedMood: r % 3 === 0 ? 'worried' : null }, deps);
    times.push(performance.now() - s);
  }
}
const total = performance.now() - start;
times.sort((a, b) => a - b);
const pct = (p: number): string => (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(3);

console.log(`model ${deps.tagger.modelVersion} trained in ${trainMs.toFixed(0)} ms (corpus load + train)`);
console.log(`analyzeText: ${times.length} reports in ${total.toFixed(0)} ms → ${Math.round((times.length / total) * 1000)} reports/s (one process, sequential)`);
console.log(`per report: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${(times[times.length - 1] ?? 0).toFixed(3)} ms`);
