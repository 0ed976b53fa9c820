/**
 * Which similarity should decide issue groups, and how well do the LSH bands find the pairs?
 * Generated cases from the dev set: each text against an edited copy of itself (words
 * dropped, order swapped, diacritics removed, a lead-in added: the "same issue" pairs), and
 * against other dev texts of the same topic (hard "different issue" pairs) and of other
 * topics. Prints ROC AUC, the best-F1 threshold and precision/recall at the configured
 * thresholds for TF-IDF cosine and Jaccard, and the band-key recall. Asserts nothing.
 * Run: npx tsx bench/grouping-quality.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GROUP_THRESHOLDS } from '../src/app/issue-groups/decide.js';
import { bandKeys, cosine, idfTable, jaccard, shingles, tfidfVector } from '../src/app/issue-groups/fingerprint.js';
import { foldVietnamese } from '../src/domain/text.js';
import { loadDefaultModel } from '../src/nlp/index.js';

const dev = readFileSync(resolve(import.meta.dirname, '../corpus/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; topic: string });
const model = loadDefaultModel(); // the shipped artifact: its vocabulary and IDF weigh the shingles
const idf = idfTable(model.vocab, model.idf);

let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const LEADS = ['Nhiều người nói', 'Bà con phản ánh', 'Theo ghi nhận,', 'People say'];

/** An edited copy: ~20% of words dropped, one swap, sometimes folded, sometimes a lead-in. */
function variant(text: string): string {
  let ws = text.split(/\s+/).filter(() => rand() > 0.2);
  const i = Math.floor(rand() * Math.max(1, ws.length - 1));
  if (ws.length > 2) ws = [...ws.slice(0, i), ws[i + 1] as string, ws[i] as string, ...ws.slice(i + 2)];
  let out = ws.join(' ');
  if (rand() < 0.25) out = foldVietnamese(out);
  if (rand() < 0.5) out = `${LEADS[Math.floor(rand() * LEADS.length)]} ${out}`;
  return out;
}

interface Pair {
  a: string;
  b: string;
  same: boolean;
}
const pairs: Pair[] = [];
dev.forEach((d, i) => {
  pairs.push({ a: d.text, b: variant(d.text), same: true });
  const sameTopic = dev.filter((o, j) => j !== i && o.topic === d.topic);
  pairs.push({ a: d.text, b: (sameTopic[Math.floor(rand() * sameTopic.length)] as { text: string }).text, same: false });
  pairs.push({ a: d.text, b: (dev[Math.floor(rand() * dev.length)] as { text: string }).text, same: false });
});

const measures: Record<string, (a: string, b: string) => number> = {
  'tfidf-cosine': (a, b) => cosine(tfidfVector(shingles(a), idf), tfidfVector(shingles(b), idf)),
  jaccard: (a, b) => jaccard(shingles(a), shingles(b)),
};

function auc(scores: { s: number; same: boolean }[]): number {
  const pos = scores.filter((x) => x.same).map((x) => x.s);
  const neg = scores.filter((x) => !x.same).map((x) => x.s);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

function prf(scores: { s: number; same: boolean }[], th: number) {
  const tp = scores.filter((x) => x.same && x.s >= th).length;
  const fp = scores.filter((x) => !x.same && x.s >= th).length;
  const fn = scores.filter((x) => x.same && x.s < th).length;
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f1: (2 * p * r) / (p + r || 1) };
}

console.log(`${pairs.length} generated pairs (${dev.length} same-issue, ${pairs.length - dev.length} different-issue) from corpus/dev.jsonl`);
for (const [name, fn] of Object.entries(measures)) {
  const scores = pairs.map((p) => ({ s: fn(p.a, p.b), same: p.same }));
  let best = { th: 0, f1: 0 };
  for (let th = 0.05; th < 0.95; th += 0.01) {
    const { f1 } = prf(scores, th);
    if (f1 > best.f1) best = { th, f1 };
  }
  const hi = prf(scores, GROUP_THRESHOLDS.high);
  const lo = prf(scores, GROUP_THRESHOLDS.low);
  console.log(
    `${name.padEnd(13)} AUC ${auc(scores).toFixed(3)}  best F1 ${best.f1.toFixed(3)} at ${best.th.toFixed(2)}  |  ` +
      `at high ${GROUP_THRESHOLDS.high}: P ${hi.p.toFixed(3)} R ${hi.r.toFixed(3)}  at low ${GROUP_THRESHOLDS.low}: P ${lo.p.toFixed(3)} R ${lo.r.toFixed(3)}`,
  );
}
const share = (p: Pair) => {
  const ka = new Set(bandKeys(shingles(p.a)));
  return bandKeys(shingles(p.b)).some((k) => ka.has(k));
};
const pos = pairs.filter((p) => p.same);
const neg = pairs.filter((p) => !p.same);
console.log(
  `LSH 16 bands x 2 rows: same-issue pairs sharing a band ${((100 * pos.filter(share).length) / pos.length).toFixed(1)}%, ` +
    `different-issue pairs ${((100 * neg.filter(share).length) / neg.length).toFixed(1)}%`,
);
