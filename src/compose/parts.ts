/**
 * The process parts a composition root can start, by name, and the bot's extra features
 * (alerts, digests) wired once so that src/main.ts and the demo agree. Each part takes the
 * shared Runtime, starts its work and registers its closers. A part's modules are imported
 * when it starts, so that a process loads only what its kind runs (the web process does not
 * load the NLP models, the bot not the analysis): they cost tens of MB each.
 */
import type { Runtime } from './runtime.js';
import type { startWeb } from './web.js';

type WebOptions = NonNullable<Parameters<typeof startWeb>[1]>;

export type PartName = 'web' | 'bot' | 'analysis' | 'alerts' | 'delivery' | 'digests' | 'sweeper';

/**
 * Starts the named parts in order. In webhook mode the bot's route is mounted on the web
 * part (started here if the kind did not include it).
 */
export async function startParts(rt: Runtime, names: PartName[]): Promise<void> {
  const webhookPlugins: WebOptions = { plugins: [] };
  const wantsWeb = names.includes('web');
  for (const name of names) {
    if (name === 'web') continue; // last, so that the webhook route can be mounted
    if (name === 'bot') {
      const { startBot } = await import('./bot.js');
      const { botExtraFeatures } = await import('./bot-extras.js');
      const part = await startBot(rt, { extraFeatures: () => botExtraFeatures(rt) });
      if (part.webhookRoute) webhookPlugins.plugins!.push(part.webhookRoute);
    } else {
      await (await PARTS[name]())(rt);
    }
    rt.logger.info({ part: name }, 'part started');
  }
  if (wantsWeb || webhookPlugins.plugins!.length > 0) {
    // the web part (dashboard, charts, queue board) is imported only by a process that serves it
    const { startWeb } = await import('./web.js');
    const address = await startWeb(rt, webhookPlugins);
    rt.logger.info({ part: 'web', address }, 'part started');
  }
}

const PARTS: Record<Exclude<PartName, 'web' | 'bot'>, () => Promise<(rt: Runtime) => Promise<unknown>>> = {
  analysis: async () => (await import('../../workers/analysis.js')).start,
  alerts: async () => (await import('../../workers/alerts.js')).start,
  delivery: async () => (await import('../../workers/delivery.js')).start,
  digests: async () => (await import('../../workers/digests.js')).start,
  sweeper: async () => (await import('./reconciler.js')).start,
};
