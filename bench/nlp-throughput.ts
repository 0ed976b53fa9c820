/**
 * Text analysis in one process: how long the shipped model takes to load, the memory it
 * holds, and `analyzeText` throughput over the dev set repeated, sequentially (target:
 * ≥ 2,000 reports/s, load ≤ 1 s, model ≤ 150 MB).
 * Run: npx tsx --expose-gc bench/nlp-throughput.ts [rounds]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPICS } from '../src/domain/taxonomy.js';
import { DEFAULT_URGENCY_THRESHOLDS } from '../src/domain/urgency.js';
import { analyzeText, createTextModel, loadCorpus, loadDefaultModel, type AnalyzeDeps } from '../src/nlp/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 20);
const gc = (globalThis as { gc?: () => void }).gc;
const texts = loadCorpus(path.join(root, 'corpus/dev.jsonl')).map((l) => l.text);

gc?.();
const heapBefore = process.memoryUsage();
const t0 = performance.now();
const model = process.env["PULSE_MODEL"] ? loadDefaultModel(process.env["PULSE_MODEL"]) : loadDefaultModel();
const deps: AnalyzeDeps = { model: createTextModel(model, DEFAULT_TOPICS), topics: DEFAULT_TOPICS, thresholds: DEFAULT_URGENCY_THRESHOLDS };
const loadMs = performance.now() - t0;
gc?.();
const heapAfter = process.memoryUsage();
const mb = (b: number): string => (b / 1e6).toFixed(1);

for (const text of texts.slice(0, 100)) analyzeText({ text }, deps); // warm-up

const times: number[] = [];
const cpu0 = process.cpuUsage();
const start = performance.now();
for (let r = 0; r < rounds; r += 1) {
  for (const text of texts) {
    const s = performance.now();
    analyzeText({ text, chosenTopic: r % 2 === 0 ? 'economy' : null, reportedMood: r % 3 === 0 ? 'worried' : null }, deps);
    times.push(performance.now() - s);
  }
}
const total = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
times.sort((a, b) => a - b);
const pct = (p: number): string => (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(3);

console.log(`model ${model.version}: loaded in ${loadMs.toFixed(0)} ms (read + parse + decode)`);
console.log(
  `model memory${gc ? '' : ' (run with --expose-gc for exact figures)'}: heap +${mb(heapAfter.heapUsed - heapBefore.heapUsed)} MB, ` +
    `array buffers +${mb(heapAfter.arrayBuffers - heapBefore.arrayBuffers)} MB, process rss ${mb(heapAfter.rss)} MB`,
);
console.log(`analyzeText: ${times.length} reports in ${total.toFixed(0)} ms → ${Math.round((times.length / total) * 1000)} reports/s (one process, sequential)`);
console.log(`per CPU second: ${Math.round((times.length / cpuMs) * 1000)} reports (CPU ${cpuMs.toFixed(0)} ms; on a busy machine wall time overstates the cost)`);
console.log(`per report: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${(times[times.length - 1] ?? 0).toFixed(3)} ms`);
