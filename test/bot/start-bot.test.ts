import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config.js';
import { startBot } from '../../src/compose/bot.js';
import { FakeBotApi, textUpdate } from '../../src/fake-telegram/index.js';
import { pressUpdate } from './harness.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/compose/runtime.js';
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

describe('the bot part with worker threads (BOT_THREADS=2)', () => {
  let tdb: TestDatabase;
  let trt: Runtime;
  const api = new FakeBotApi();
  beforeAll(async () => {
    tdb = await createPostgresTestDatabase();
    const parsed = parseConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij',
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://pulse.example.org/telegram/webhook',
      WEBHOOK_SECRET: 'secret-token-0123456789',
      BOT_THREADS: '2',
      LOG_LEVEL: 'silent',
      DATABASE_URL: tdb.url!,
      REDIS_URL: TEST_REDIS_URL,
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    trt = await createRuntime(parsed.config, { logger: silentLogger(), queuePrefix: `t${randomBytes(4).toString('hex')}`, fakeTelegram: api });
  });
  afterAll(async () => {
    await trt?.shutdown('test end');
    await tdb?.destroy();
  });

  it('runs whole report conversations in the threads, their messages showing on the runtime’s fake API, and stops them on shutdown', async () => {
    const part = await startBot(trt);
    const bot = part.bot!;
    const unit = await trt.repos.units.create({ name: 'Chi bộ A' });
    const users = [810_000_001, 810_000_002, 810_000_003].map((id) => ({ id, firstName: `U${id}`, languageCode: 'vi' }));
    for (const u of users) await trt.repos.members.create({ telegramUserId: BigInt(u.id), displayName: u.firstName, role: 'collaborator', unitId: unit.id });
    const press = (u: (typeof users)[number], label: string) => bot.handleUpdate(pressUpdate(api, u, label).update);
    await Promise.all(
      users.map(async (u) => {
        await bot.handleUpdate(textUpdate(u, '/report'));
        await press(u, 'Kinh tế');
        await bot.handleUpdate(textUpdate(u, `Người dân bàn tán về giá xăng tăng, người ${u.id}`));
        await press(u, 'Xong');
        await press(u, 'Lo lắng');
        await press(u, 'địa phương');
        await press(u, 'Trò chuyện');
        await press(u, 'Bỏ qua');
        await press(u, 'Gửi');
      }),
    );
    for (const u of users) expect(api.textsTo(u.id).at(-1)).toMatch(/R-\d{4}-\d{6}/);
    const stored = await trt.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Report"`);
    expect(stored[0]!.n).toBe(3);
    await trt.shutdown('test end'); // closes the threads (after the runner/webhook) and then the runtime
    await expect(bot.handleUpdate(textUpdate(users[0]!, '/help'))).rejects.toThrow(/stopping/);
  });
});
