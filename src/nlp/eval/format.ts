import type { BinaryReport, ClassificationReport } from './metrics.js';

const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);

/** Human-readable per-class table for `npm run eval:nlp` (precision/recall/F1/support). */
export function formatClassification(title: string, r: ClassificationReport): string {
  const width = Math.max(8, ...r.labels.map((l) => l.length));
  const lines = [
    `${title}: n=${r.n} accuracy=${pct(r.accuracy)}% macro-F1=${pct(r.macroF1)}%`,
    `  ${'class'.padEnd(width)}  prec.  recall   F1   support`,
  ];
  for (const label of r.labels) {
    const m = r.perClass[label];
    if (!m) continue;
    lines.push(`  ${label.padEnd(width)} ${pct(m.precision)}  ${pct(m.recall)} ${pct(m.f1)}  ${String(m.support).padStart(6)}`);
  }
  return lines.join('\n');
}

/** Confusion matrix with short column heads (first 5 characters of each label). */
export function formatConfusion(r: ClassificationReport): string {
  const width = Math.max(8, ...r.labels.map((l) => l.length));
  const head = `  ${'gold \\ predicted'.padEnd(width)} ${r.labels.map((l) => l.slice(0, 5).padStart(5)).join(' ')}`;
  const rows = r.labels.map(
    (g) => `  ${g.padEnd(width)} ${r.labels.map((p) => String(r.confusion[g]?.[p] ?? 0).padStart(5)).join(' ')}`,
  );
  return [head, ...rows].join('\n');
}

/** One line for a binary report (urgent alerts). */
export function formatBinary(title: string, r: BinaryReport): string {
  return `${title}: n=${r.n} precision=${pct(r.precision)}% recall=${pct(r.recall)}% F1=${pct(r.f1)}% (tp=${r.tp} fp=${r.fp} fn=${r.fn} tn=${r.tn})`;
}
