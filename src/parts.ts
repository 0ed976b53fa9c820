/**
 * The process parts a composition root can start, by name, and the bot's extra features
 * (alerts, digests) wired once so that src/main.ts and the demo agree. Each part takes the
 * shared Runtime, starts its work and registers its closers.
 */
import { startBot } from './bot/start-bot.js';
import { botExtraFeatures } from './bot-extras.js';
import type { Runtime } from './runtime.js';
import { startWeb } from './web/start.js';
import { start as startAnalysis } from '../workers/analysis.js';
import { start as startAlerts } from '../workers/alerts.js';
import { start as startDelivery } from '../workers/delivery.js';
import { start as startDigestsPart } from '../workers/digests.js';
import { start as startSweeperPart } from './queue/sweeper.js';

export { botExtraFeatures };

export type PartName = 'web' | 'bot' | 'analysis' | 'alerts' | 'delivery' | 'digests' | 'sweeper';

/**
 * Starts the named parts in order. In webhook mode the bot's route is mounted on the web
 * part (started here if the kind did not include it).
 */
export async function startParts(rt: Runtime, names: PartName[]): Promise<void> {
  const webhookPlugins: Parameters<typeof startWeb>[1] = { plugins: [] };
  const wantsWeb = names.includes('web');
  for (const name of names) {
    if (name === 'web') continue; // last, so that the webhook route can be mounted
    if (name === 'bot') {
      const part = await startBot(rt, { extraFeatures: () => botExtraFeatures(rt) });
      if (part.webhookRoute) webhookPlugins.plugins!.push(part.webhookRoute);
    } else {
      await PARTS[name](rt);
    }
    rt.logger.info({ part: name }, 'part started');
  }
  if (wantsWeb || webhookPlugins.plugins!.length > 0) {
    const address = await startWeb(rt, webhookPlugins);
    rt.logger.info({ part: 'web', address }, 'part started');
  }
}

const PARTS: Record<Exclude<PartName, 'web' | 'bot'>, (rt: Runtime) => Promise<unknown>> = {
  analysis: startAnalysis,
  alerts: startAlerts,
  delivery: startDelivery,
  digests: startDigestsPart,
  sweeper: startSweeperPart,
};
