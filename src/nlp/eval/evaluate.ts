import { isMood, isTopicSlug } from '../../domain/vocabulary.js';
import { binaryReport, classificationReport, type BinaryReport, type ClassificationReport } from './metrics.js';

/** One labelled line to evaluate; any label may be missing. */
export interface LabelledLine {
  readonly text: string;
  readonly topic?: unknown;
  /** A second topic the writer found genuinely half of the report: predicting it also counts. */
  readonly topic2?: unknown;
  readonly mood?: unknown;
  readonly urgent?: unknown;
  readonly lang?: unknown;
}

/** What the system predicted for one text (from the text alone). */
export interface Prediction {
  readonly topic: string;
  readonly mood: string;
  readonly urgent: boolean;
  readonly lang: string;
}

/** Full reports per task; a task is `null` when no line carries its label. */
export interface Evaluation {
  readonly n: number;
  readonly topic: ClassificationReport | null;
  /** Topic accuracy where predicting the line's `topic2` also counts as correct. */
  readonly topicOrSecond: number | null;
  readonly mood: ClassificationReport | null;
  readonly urgent: BinaryReport | null;
  readonly lang: ClassificationReport | null;
}

function classify<T>(lines: readonly LabelledLine[], preds: readonly Prediction[], pick: (l: LabelledLine) => T | undefined, out: (p: Prediction) => string): ClassificationReport | null {
  const gold: string[] = [];
  const predicted: string[] = [];
  lines.forEach((l, i) => {
    const g = pick(l);
    if (g === undefined) return;
    gold.push(String(g));
    predicted.push(out(preds[i] as Prediction));
  });
  return gold.length === 0 ? null : classificationReport(gold, predicted);
}

function topicOrSecond(lines: readonly LabelledLine[], preds: readonly Prediction[]): number | null {
  let n = 0;
  let hit = 0;
  lines.forEach((l, i) => {
    if (!isTopicSlug(l.topic)) return;
    n += 1;
    const p = (preds[i] as Prediction).topic;
    if (p === l.topic || (isTopicSlug(l.topic2) && p === l.topic2)) hit += 1;
  });
  return n === 0 ? null : Math.round((hit / n) * 1e4) / 1e4;
}

/**
 * Scores predictions against whatever labels each line has — the core of
 * `npm run eval:nlp`. Labels outside the vocabularies are ignored (not scored).
 */
export function evaluate(lines: readonly LabelledLine[], preds: readonly Prediction[]): Evaluation {
  if (lines.length !== preds.length) throw new RangeError('lines and predictions differ in length');
  const topic = classify(lines, preds, (l) => (isTopicSlug(l.topic) ? l.topic : undefined), (p) => p.topic);
  const mood = classify(lines, preds, (l) => (isMood(l.mood) ? l.mood : undefined), (p) => p.mood);
  const lang = classify(lines, preds, (l) => (l.lang === 'vi' || l.lang === 'en' ? l.lang : undefined), (p) => p.lang);
  const gold: boolean[] = [];
  const predicted: boolean[] = [];
  lines.forEach((l, i) => {
    if (typeof l.urgent !== 'boolean') return;
    gold.push(l.urgent);
    predicted.push((preds[i] as Prediction).urgent);
  });
  return { n: lines.length, topic, topicOrSecond: topicOrSecond(lines, preds), mood, urgent: gold.length === 0 ? null : binaryReport(gold, predicted), lang };
}

const perClass = (r: ClassificationReport): Record<string, { precision: number; recall: number; f1: number; support: number }> =>
  Object.fromEntries(Object.entries(r.perClass).filter(([, m]) => m.support > 0 || m.precision > 0).map(([k, m]) => [k, { ...m }]));

/** The one JSON object of `eval:nlp --json` (shape fixed by issue 4). */
export function toJsonSummary(e: Evaluation): Record<string, unknown> {
  return {
    n: e.n,
    topic: e.topic ? { accuracy: e.topic.accuracy, accuracyWithTopic2: e.topicOrSecond, macroF1: e.topic.macroF1, perClass: perClass(e.topic) } : null,
    mood: e.mood ? { accuracy: e.mood.accuracy, perClass: perClass(e.mood) } : null,
    urgent: e.urgent ? { precision: e.urgent.precision, recall: e.urgent.recall } : null,
  };
}
