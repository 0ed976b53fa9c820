import { linearScores } from '../linear.js';
import { vectorOf } from '../pulse-model.js';
import {
  buildSpace,
  chooseThreshold,
  foldsOf,
  moodLabels,
  secondTopics,
  topicLabels,
  trainTask,
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
export function crossValidate(prepared: readonly PreparedExample[], options: Partial<TrainOptions> = {}): CrossValidation {
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
    const topicModel = trainTask(xs, topics, train, prepared, space.dim, opt.topicLinear, { y: secondTopics(prepared, topics.classes), weight: opt.topic2Weight });
    const moodModel = trainTask(xs, moods, train, prepared, space.dim, opt.linear);
    const urgentModel = trainTask(xs, urgent, train, prepared, space.dim, opt.linear);
    for (const i of fold) {
      const x = xs[i]!;
      if ((topics.y[i] as number) >= 0) {
        topicGold.push(topics.classes[topics.y[i] as number] as string);
        topicPred.push(topics.classes[argmax(linearScores(topicModel, x))] as string);
      }
      if ((moods.y[i] as number) >= 0) {
        moodGold.push(moods.classes[moods.y[i] as number] as string);
        moodPred.push(moods.classes[argmax(linearScores(moodModel, x))] as string);
      }
      if ((urgent.y[i] as number) >= 0) {
        margins.push(urgencyLogit(urgentModel, x));
        gold.push(urgent.y[i] === 1);
      }
    }
  }
  const t = classificationReport(topicGold, topicPred);
  const m = classificationReport(moodGold, moodPred);
  const u = chooseThreshold(margins, gold, opt.urgentRecall);
  return {
    folds: folds.length,
    topicMacroF1: t.macroF1,
    topicAccuracy: t.accuracy,
    moodAccuracy: m.accuracy,
    urgentPrecisionAtRecall: Math.round(u.precision * 1e4) / 1e4,
    urgentRecall: Math.round(u.recall * 1e4) / 1e4,
  };
}
