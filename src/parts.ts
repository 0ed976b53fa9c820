/**
 * The process parts a composition root can start, by name. Each takes the shared Runtime,
 * starts its work and registers its closers. Wired here once so that main.ts and the demo
 * agree on what "workers" means.
 */
import type { Runtime } from './runtime.js';
import { startWeb } from './web/start.js';

export type PartName = 'web' | 'bot' | 'analysis' | 'alerts' | 'delivery' | 'digests' | 'sweeper';

const notYet = (name: string) => async (rt: Runtime) => {
  rt.logger.warn({ part: name }, 'this part is not built yet');
};

export const PARTS: Record<PartName, (rt: Runtime) => Promise<unknown>> = {
  web: (rt) => startWeb(rt),
  bot: notYet('bot'),
  analysis: notYet('analysis'),
  alerts: notYet('alerts'),
  delivery: notYet('delivery'),
  digests: notYet('digests'),
  sweeper: notYet('sweeper'),
};
