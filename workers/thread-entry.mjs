// Entry of every worker thread started by src/bot/threads.ts: the project runs TypeScript
// through tsx, whose loader a worker thread does not inherit on Node 20, so it is registered
// here before the thread's real entry module (workerData.entry) is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
