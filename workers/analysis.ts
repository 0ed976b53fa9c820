/**
 * Entry point of the analysis worker process: analyses reports from the `analysis` queue
 * (concurrency WORKER_CONCURRENCY) and retrains the topic model from the `model-training`
 * queue (nightly schedule + on demand). Run directly: `tsx workers/analysis.ts`.
 */
import { createModelStore } from '../src/db/stores/model-store.js';
import { pathToFileURL } from 'node:url';
import { createAnalysisContextProvider } from '../src/app/analysis/analysis-context.js';
import { createTopicModelCache } from '../src/app/analysis/topic-models.js';
import { analysisDepsFrom, createAnalysisWorker, createRetrainProcessor, scheduleRetrain, TRAINING_QUEUE } from '../src/queue/analysis-worker.js';
import { QUEUES } from '../src/queue/names.js';
import { runStandalone, type Runtime } from '../src/compose/runtime.js';

/** Starts the analysis and retraining workers on the runtime; closers registered with `rt.onShutdown`. */
export async function start(rt: Runtime): Promise<void> {
  const logger = rt.logger.child({ part: 'analysis' });
  const prisma = rt.db.prisma;
  const models = createTopicModelCache(createModelStore(prisma));
  const context = createAnalysisContextProvider({ repos: rt.repos, clock: rt.clock, models });
  await context.get(); // trains and stores the first model on a fresh database, before taking jobs
  const alertsQueue = rt.queues.queue(QUEUES.alerts);
  const trainingQueue = rt.queues.queue(TRAINING_QUEUE);
  await scheduleRetrain(trainingQueue, rt.config.TZ_DEFAULT);
  const deps = analysisDepsFrom({ sql: rt.db.sql, context, alertsQueue, clock: rt.clock, logger });
  const worker = createAnalysisWorker(rt.queues, deps, rt.config.WORKER_CONCURRENCY);
  const trainer = rt.queues.worker(TRAINING_QUEUE, createRetrainProcessor({ prisma, models, logger }), { concurrency: 1 });
  rt.onShutdown('analysis-queues', async () => {
    await alertsQueue.close();
    await trainingQueue.close();
  });
  rt.onShutdown('analysis-worker', async () => {
    await Promise.all([worker.close(), trainer.close()]);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('analysis', start);
