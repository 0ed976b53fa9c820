// Entry of every worker thread started by src/bot/threads.ts. From the TypeScript sources (tsx, in
// development) a worker thread does not inherit tsx's loader on Node 20, so it is registered here
// before the thread's real entry module (workerData.entry) is imported; the built code (dist/,
// production) imports the compiled entry directly and never loads tsx.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
