import { loadPulseModel, type PulseModel } from './pulse-model.js';
import { trainPulseModel, type TrainingExample } from './train.js';

/**
 * Trains and loads a model in one call, for callers that only need a model in memory
 * (benchmarks of issue grouping read its `vocab`/`idf`). Workers load the committed
 * artifact instead (`loadDefaultModel`), and the retraining job stores the JSON.
 */
export function trainTopicModel(examples: readonly TrainingExample[]): PulseModel {
  return loadPulseModel(trainPulseModel(examples));
}
