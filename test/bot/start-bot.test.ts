import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config.js';
import { startBot } from '../../src/bot/start-bot.js';
import { FakeBotApi } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createPostgresTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let rt: Runtime;
beforeAll(async () => {
  db = await createPostgresTestDatabase();
  const parsed = parseConfig({
    TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij',
    BOT_MODE: 'webhook',
    WEBHOOK_URL: 'https://pulse.example.org/telegram/webhook',
    WEBHOOK_SECRET: 'secret-token-0123456789',
    DATABASE_URL: db.url!,
    REDIS_URL: TEST_REDIS_URL,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  rt = await createRuntime(parsed.config, { logger: silentLogger(), queuePrefix: `t${randomBytes(4).toString('hex')}` });
});
afterAll(async () => {
  await rt?.shutdown('test end');
  await db?.destroy();
});

describe('the bot part', () => {
  it('in webhook mode sets the webhook with the secret, registers the menus and returns the route to mount', async () => {
    const api = new FakeBotApi();
    const part = await startBot(rt, { fetch: api.fetch });
    expect(part.bot).not.toBeNull();
    expect(part.webhookRoute).toBeTypeOf('function');
    const hook = api.callsOf('setWebhook')[0];
    expect(hook?.payload).toMatchObject({ url: 'https://pulse.example.org/telegram/webhook', secret_token: 'secret-token-0123456789' });
    expect(api.callsOf('setMyCommands').length).toBeGreaterThanOrEqual(3);
    expect(api.callsOf('getMe')).toHaveLength(1);
  });
});
