/**
 * Entry of a bot thread (started by src/bot/threads.ts through workers/thread-entry.mjs): the
 * composition root of one thread — its own runtime (database pool, state backend, queues, i18n), the
 * whole bot (createBot, with the alerts and digest features), serving the updates that the
 * front bot hands over. Its connections close when the pool closes it.
 */
import { parentPort } from 'node:worker_threads';
import { createRuntimeBot } from '../src/compose/bot.js';
import type { BotThreadData, MirroredCall } from '../src/bot/front-bot.js';
import { serveUpdates, threadData } from '../src/bot/threads.js';
import { FakeBotApi } from '../src/fake-telegram/index.js';
import { createLogger } from '../src/logger.js';
import { botExtraFeatures } from '../src/compose/bot-extras.js';
import { createRuntime } from '../src/compose/runtime.js';

const { index, data } = threadData<BotThreadData>();
const logger = createLogger(data.config.LOG_LEVEL).child({ part: 'bot', thread: index });
let fake: FakeBotApi | undefined;
if (data.fakeTelegram) {
  // calls are mirrored to the pool's side, which keeps the log
  fake = new FakeBotApi({ botUsername: data.botInfo.username, keepCalls: false });
  fake.onCall(({ method, payload, at, ok, errorCode, result }) => {
    if (data.mirrorKeyboardsOnly && !payload.reply_markup) return;
    parentPort!.postMessage({ t: 'api', call: { method, payload, at, ok, ...(errorCode ? { errorCode } : {}), result } } satisfies MirroredCall);
  });
}
const rt = await createRuntime(data.config, { logger, queuePrefix: data.queuePrefix, ...(data.queueSchema ? { queueSchema: data.queueSchema } : {}), ...(fake ? { fakeTelegram: fake } : {}) });
const bot = await createRuntimeBot(rt, logger, {
  token: rt.telegram.token,
  botInfo: data.botInfo,
  ...(rt.telegram.fetch ? { fetch: rt.telegram.fetch } : {}),
  ...(rt.telegram.apiRoot ? { apiRoot: rt.telegram.apiRoot } : {}),
  extraFeatures: botExtraFeatures(rt),
  ...(data.limits ? { limits: data.limits } : {}),
  ...(data.conversationPrefix ? { conversationPrefix: data.conversationPrefix } : {}),
}, data.draftsPrefix ? { draftsPrefix: data.draftsPrefix } : {});
serveUpdates(
  (u) => bot.handleUpdate(u),
  () => rt.shutdown('bot thread closing'),
);
