/** Precision, recall, F1 and support of one class. */
export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** Multi-class evaluation: accuracy, macro-F1 over classes with support, per-class and confusion. */
export interface ClassificationReport {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: Record<string, ClassMetrics>;
  /** confusion[gold][predicted] = count. */
  readonly confusion: Record<string, Record<string, number>>;
  readonly labels: string[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * Scores predictions against gold labels, the way every NLP figure of the project is
 * reported. Macro-F1 averages over the gold classes only (a class the gold never uses
 * cannot be "missed"), so a mapped subset of a dataset is scored fairly.
 */
export function classificationReport(gold: readonly string[], predicted: readonly string[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  const labels = [...new Set([...gold, ...predicted])].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] as string;
    (confusion[g] as Record<string, number>)[p] = ((confusion[g] as Record<string, number>)[p] ?? 0) + 1;
    if (g === p) correct += 1;
  });
  const perClass: Record<string, ClassMetrics> = {};
  for (const label of labels) {
    const tp = confusion[label]?.[label] ?? 0;
    const support = gold.filter((g) => g === label).length;
    const predictedCount = predicted.filter((p) => p === label).length;
    const precision = ratio(tp, predictedCount);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
  }
  const goldLabels = labels.filter((l) => (perClass[l]?.support ?? 0) > 0);
  const macroF1 = ratio(goldLabels.reduce((s, l) => s + (perClass[l]?.f1 ?? 0), 0), goldLabels.length);
  return { n: gold.length, accuracy: round(ratio(correct, gold.length)), macroF1: round(macroF1), perClass, confusion, labels };
}

/** Binary detection quality (urgent alerts): precision and recall of the positive class. */
export interface BinaryReport {
  readonly n: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** Precision/recall of a yes/no decision such as "should raise an alert". */
export function binaryReport(gold: readonly boolean[], predicted: readonly boolean[]): BinaryReport {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] === true;
    if (g && p) tp += 1;
    else if (!g && p) fp += 1;
    else if (g && !p) fn += 1;
    else tn += 1;
  });
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    n: gold.length,
    precision: round(precision),
    recall: round(recall),
    f1: round(ratio(2 * precision * recall, precision + recall)),
    tp,
    fp,
    fn,
    tn,
  };
}
