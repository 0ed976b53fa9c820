import { Worker } from 'node:worker_threads';
import type { TrainingExample, TrainOptions } from './train.js';

/**
 * The thread's code: loads the training module (registering tsx first when the sources are
 * TypeScript, as under `tsx` and in tests), trains and posts the JSON back.
 */
const THREAD_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { trainPulseModel } = await import(workerData.module);
  parentPort.postMessage(JSON.stringify(trainPulseModel(workerData.examples, workerData.options)));
})().catch((error) => { throw error; });
`;

/**
 * Trains a model on a worker thread and resolves with its JSON (the artifact as stored).
 * Training takes CPU for seconds to tens of seconds; off the main thread, a queue worker
 * keeps renewing its job locks and serving other jobs meanwhile. Same bytes as
 * `JSON.stringify(trainPulseModel(...))` on the main thread.
 */
export function trainInThread(examples: readonly TrainingExample[], options: Partial<TrainOptions> = {}): Promise<string> {
  const typescript = import.meta.url.endsWith('.ts');
  const module = new URL(typescript ? './train.ts' : './train.js', import.meta.url).href;
  const tsx = typescript ? import.meta.resolve('tsx/esm/api') : null;
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { examples, options, module, tsx } });
    let done = false;
    worker.once('message', (json: string) => {
      done = true;
      resolve(json);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`training thread exited with code ${code} before finishing`));
    });
  });
}
