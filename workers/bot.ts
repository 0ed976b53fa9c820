/**
 * Entry point of the bot process: long polling (or webhook) when TELEGRAM_BOT_TOKEN is set.
 * Run directly: `tsx workers/bot.ts`. Also starts nothing else: the sweeper is its own part
 * (src/compose/reconciler.ts `start`), usually run with the workers.
 */
import { pathToFileURL } from 'node:url';
import { startBot } from '../src/compose/bot.js';
import { botExtraFeatures } from '../src/compose/bot-extras.js';
import { runStandalone, type Runtime } from '../src/compose/runtime.js';

export { webhookHandler, webhookRoute, startBot, type BotPart } from '../src/compose/bot.js';

/** Starts the bot part on the runtime; closers registered with `rt.onShutdown`. */
export async function start(rt: Runtime): Promise<void> {
  await startBot(rt, { extraFeatures: () => botExtraFeatures(rt) });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void runStandalone('bot', start);
