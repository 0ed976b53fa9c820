/** The trained models and the feedback that retrains them (src/app/analysis/ports.ts ModelStore). */
import type { ModelStore } from '../../app/analysis/ports.js';
import type { PrismaClient } from '../generated/client.js';
import { activeModel, activeModelVersion, storeModel } from '../repositories/analysis-repository.js';
import { trainingFeedback } from '../repositories/training-repository.js';

export function createModelStore(prisma: PrismaClient): ModelStore {
  return {
    activeVersion: (kind) => activeModelVersion(prisma, kind),
    active: (kind) => activeModel(prisma, kind),
    store: async (m) => void (await storeModel(prisma, m)),
    feedback: () => trainingFeedback(prisma),
  };
}
