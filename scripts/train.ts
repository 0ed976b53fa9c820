/**
 * `npm run train`: trains the analysis model (topic, mood, urgency) on corpus/topics-train.jsonl
 * and corpus/train/*.jsonl, chooses the urgency threshold by cross-validation over writers,
 * fits the temperature of the topic and mood probabilities on corpus/dev.jsonl (never trained on),
 * and writes the versioned artifact src/nlp/model/pulse-model.json (committed; workers load it).
 * Deterministic: the same corpus gives a byte-identical file.
 *
 *   npm run train                        train and write the artifact
 *   npm run train -- --out FILE          write elsewhere
 *   npm run train -- --fraction 0.25     train on the first quarter of every writer's lines
 *   npm run train -- --compare           cross-validate model families and feature sets (by writer)
 *     [--only TEXT] [--tasks topic,mood]   only the configurations whose name contains TEXT; only these tasks
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { crossValidate, type CvTask } from '../src/nlp/eval/cross-validate.js';
import { FEATURE_DEFAULTS, type FeatureOptions } from '../src/nlp/features.js';
import { LINEAR_DEFAULTS, type LinearOptions } from '../src/nlp/linear.js';
import { loadCalibrationSet, loadTrainingCorpus, trainingFiles } from '../src/nlp/corpus.js';
import { DEFAULT_MODEL_PATH } from '../src/nlp/pulse-model.js';
import { prepareExamples, trainPulseModel, TRAIN_DEFAULTS, type TrainingExample, type TrainOptions } from '../src/nlp/train.js';
import { createHash } from 'node:crypto';

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The first `fraction` of each writer's lines (so every writer stays represented). */
function sample(examples: readonly TrainingExample[], fraction: number): TrainingExample[] {
  if (fraction >= 1) return [...examples];
  const byGroup = new Map<string, TrainingExample[]>();
  for (const e of examples) byGroup.set(e.group ?? '', [...(byGroup.get(e.group ?? '') ?? []), e]);
  return [...byGroup.values()].flatMap((list) => list.slice(0, Math.ceil(list.length * fraction)));
}

function compare(examples: readonly TrainingExample[], only: string | undefined, tasks: readonly CvTask[]): void {
  const svm: LinearOptions = { ...LINEAR_DEFAULTS, family: 'svm', learningRate: 0.05 };
  // the learners shipped before NB-logistic (2 December): softmax for topic and mood
  const topic: LinearOptions = { ...LINEAR_DEFAULTS, learningRate: 2, epochs: 40, l2: 3e-4 };
  const mood: LinearOptions = LINEAR_DEFAULTS;
  const old = { topicLinear: topic, moodLinear: mood };
  type Config = { name: string; features: FeatureOptions } & Partial<Pick<TrainOptions, 'linear' | 'topicLinear' | 'moodLinear' | 'topicCharWeight'>>;
  const configs: Config[] = [
    { name: 'softmax, words+pairs (the old features)', features: { ...FEATURE_DEFAULTS, charGrams: [], negation: false }, ...old },
    { name: 'softmax, words+pairs+negated words', features: { ...FEATURE_DEFAULTS, charGrams: [] }, ...old },
    { name: 'softmax, + char 3-4-grams in one block', features: { ...FEATURE_DEFAULTS, charWeight: 0 }, ...old },
    { name: 'softmax, + char 3-4-grams as a 0.5 block (shipped before w9-w12)', features: FEATURE_DEFAULTS, topicCharWeight: 0.5, ...old },
    { name: 'softmax, char block 0.5, topic learns it at 1 (shipped before 2 December)', features: FEATURE_DEFAULTS, ...old },
    { name: 'linear SVM (hinge), 0.5 block', features: FEATURE_DEFAULTS, topicCharWeight: 0.5, linear: svm, topicLinear: svm, moodLinear: svm },
    { name: '0.5 block, + Porter stems of English words', features: { ...FEATURE_DEFAULTS, englishStems: true }, topicCharWeight: 0.5, ...old },
    { name: 'char block at weight 1 for every task', features: { ...FEATURE_DEFAULTS, charWeight: 1 }, ...old },
    { name: 'softmax, averaged weights', features: FEATURE_DEFAULTS, topicLinear: { ...topic, average: true }, moodLinear: { ...mood, average: true } },
    { name: 'NB-logistic, averaged topic', features: FEATURE_DEFAULTS, topicLinear: { ...TRAIN_DEFAULTS.topicLinear, average: true } },
    { name: 'NB-logistic (default: topic last weights, mood averaged, alpha 0.25)', features: FEATURE_DEFAULTS },
    { name: 'NB-logistic, negated words also as plain words', features: { ...FEATURE_DEFAULTS, negationReplaces: false } },
    { name: 'NB-logistic mood, softmax topic', features: FEATURE_DEFAULTS, topicLinear: topic },
    { name: 'NB-logistic, topic alpha 0.25', features: FEATURE_DEFAULTS, topicLinear: { ...TRAIN_DEFAULTS.topicLinear, nbAlpha: 0.25 } },
    { name: 'NB-logistic, mood alpha 1, not averaged', features: FEATURE_DEFAULTS, moodLinear: { ...mood, family: 'nblr' } },
  ];
  console.log('config | folds | topic macro-F1 | topic acc | mood acc | urgent precision @ recall');
  for (const c of configs.filter((c) => !only || c.name.includes(only))) {
    const t0 = performance.now();
    const prepared = prepareExamples(examples, c.features);
    const { name: _name, ...options } = c;
    const cv = crossValidate(prepared, options, tasks);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${c.name} | ${cv.folds} | ${cv.topicMacroF1} | ${cv.topicAccuracy} | ${cv.moodAccuracy} | ${cv.urgentPrecisionAtRecall} @ ${cv.urgentRecall} | ${s} s`);
  }
}

function main(argv: string[]): void {
  const dir = arg(argv, '--corpus');
  const all = dir ? loadTrainingCorpus(resolve(dir)) : loadTrainingCorpus();
  const fraction = Number(arg(argv, '--fraction') ?? '1');
  const examples = sample(all, fraction);
  const calibration = dir ? loadCalibrationSet(resolve(dir)) : loadCalibrationSet();
  console.log(`training files: ${(dir ? trainingFiles(resolve(dir)) : trainingFiles()).length}, examples: ${examples.length} of ${all.length}; calibration (dev.jsonl, not trained on): ${calibration.length}`);
  if (argv.includes('--compare')) return compare(examples, arg(argv, '--only'), (arg(argv, '--tasks') ?? 'topic,mood,urgent').split(',') as CvTask[]);
  const t0 = performance.now();
  const model = trainPulseModel([...examples, ...calibration]);
  const json = `${JSON.stringify(model)}\n`;
  const out = resolve(arg(argv, '--out') ?? DEFAULT_MODEL_PATH);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  const hash = createHash('sha256').update(json).digest('hex').slice(0, 16);
  console.log(`model ${model.version} (file sha256 ${hash}), ${(json.length / 1e6).toFixed(2)} MB, ${model.features.length} text features, trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`urgency threshold ${model.urgency.threshold.toFixed(3)}; held-out (by writer): ${JSON.stringify(model.metrics)}`);
  console.log(`written to ${out}`);
}

main(process.argv.slice(2));
