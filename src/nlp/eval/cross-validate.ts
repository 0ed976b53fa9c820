import { linearScores } from '../linear.js';
import { vectorOf } from '../pulse-model.js';
import {
  buildSpace,
  chooseThreshold,
  foldsOf,
  moodLabels,
  topicLabels,
  trainTask,
  trainTopicTask,
  urgencyLabels,
  urgencyLogit,
  TRAIN_DEFAULTS,
  type PreparedExample,
  type TrainOptions,
} from '../train.js';
import { classificationReport } from './metrics.js';

/** Held-out figures of one configuration: every example scored by a model that never saw its writer. */
export interface CrossValidation {
  readonly folds: number;
  readonly topicMacroF1: number;
  readonly topicAccuracy: number;
  readonly moodAccuracy: number;
  /** Urgent precision at the threshold that gives `urgentRecall` on the pooled held-out margins. */
  readonly urgentPrecisionAtRecall: number;
  readonly urgentRecall: number;
}

function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i += 1) if ((v[i] as number) > (v[best] as number)) best = i;
  return best;
}

/**
 * Cross-validates topic, mood and urgency together, one writer held out at a time (or
 * position folds when there are fewer than 3 writers): how the models do on a writer they
 * never saw, the situation of the frozen test set. Used to choose features and families.
 */
/** The tasks a cross-validation can score (all three by default; skipped ones report NaN). */
export type CvTask = 'topic' | 'mood' | 'urgent';

export function crossValidate(prepared: readonly PreparedExample[], options: Partial<TrainOptions> = {}, tasks: readonly CvTask[] = ['topic', 'mood', 'urgent']): CrossValidation {
  const opt = { ...TRAIN_DEFAULTS, ...options };
  const folds = foldsOf(prepared, opt.folds);
  const topics = topicLabels(prepared);
  const moods = moodLabels(prepared);
  const urgent = urgencyLabels(prepared);
  const topicGold: string[] = [];
  const topicPred: string[] = [];
  const moodGold: string[] = [];
  const moodPred: string[] = [];
  const margins: number[] = [];
  const gold: boolean[] = [];
  for (const fold of folds) {
    const held = new Set(fold);
    const train = prepared.map((_, i) => i).filter((i) => !held.has(i));
    const space = buildSpace(train.map((i) => prepared[i] as PreparedExample), opt.features.minDf);
    const xs = prepared.map((p) => vectorOf(space, p.read, opt.features));
    const topicModel = tasks.includes('topic') ? trainTopicTask(xs, topics, train, prepared, space, opt) : null;
    const moodModel = tasks.includes('mood') ? trainTask(xs, moods, train, prepared, space.dim, opt.moodLinear) : null;
    const urgentModel = tasks.includes('urgent') ? trainTask(xs, urgent, train, prepared, space.dim, opt.linear) : null;
    for (const i of fold) {
      const x = xs[i]!;
      if (topicModel && (topics.y[i] as number) >= 0) {
        topicGold.push(topics.classes[topics.y[i] as number] as string);
        topicPred.push(topics.classes[argmax(linearScores(topicModel, x))] as string);
      }
      if (moodModel && (moods.y[i] as number) >= 0) {
        moodGold.push(moods.classes[moods.y[i] as number] as string);
        moodPred.push(moods.classes[argmax(linearScores(moodModel, x))] as string);
      }
      if (urgentModel && (urgent.y[i] as number) >= 0) {
        margins.push(urgencyLogit(urgentModel, x));
        gold.push(urgent.y[i] === 1);
      }
    }
  }
  const t = topicGold.length > 0 ? classificationReport(topicGold, topicPred) : { macroF1: NaN, accuracy: NaN };
  const m = moodGold.length > 0 ? classificationReport(moodGold, moodPred) : { accuracy: NaN };
  const u = margins.length > 0 ? chooseThreshold(margins, gold, opt.urgentRecall) : { precision: NaN, recall: NaN };
  return {
    folds: folds.length,
    topicMacroF1: t.macroF1,
    topicAccuracy: t.accuracy,
    moodAccuracy: m.accuracy,
    urgentPrecisionAtRecall: Math.round(u.precision * 1e4) / 1e4,
    urgentRecall: Math.round(u.recall * 1e4) / 1e4,
  };
}
