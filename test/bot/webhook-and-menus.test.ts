import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDefaultCommands } from '../../src/bot/commands.js';
import { createI18n, translator } from '../../src/bot/i18n.js';
import { webhookRoute } from '../../src/compose/bot.js';
import { textUpdate } from '../../src/fake-telegram/index.js';
import { createUpdateKeeper } from '../../src/bot/update-keeper.js';
import { silentLogger } from '../../src/logger.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

describe('webhook', () => {
  it('the Fastify route checks the secret token and hands updates to the bot', async () => {
    const app = Fastify();
    const keeper = createUpdateKeeper({ handle: (u) => h.bot.handleUpdate(u), notifyBusy: async () => undefined, backendsUp: async () => true, logger: silentLogger() });
    webhookRoute(h.bot, keeper, 'secret-token-0123456789')(app);
    const u = h.user('en');
    const update = textUpdate(u, '/start');
    const refused = await app.inject({ method: 'POST', url: '/telegram/webhook', payload: update, headers: { 'x-telegram-bot-api-secret-token': 'wrong' } });
    expect(refused.statusCode).toBe(401);
    expect(h.api.textsTo(u.id)).toHaveLength(0);
    const accepted = await app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload: update,
      headers: { 'x-telegram-bot-api-secret-token': 'secret-token-0123456789' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(h.lastText(u)).toContain('open the invite link');
    await app.close();
  });
});

describe('command menus', () => {
  it('registers the collaborators’ commands in Vietnamese (default) and English', async () => {
    const t = translator(createI18n());
    await registerDefaultCommands(h.bot.api, t);
    const calls = h.api.callsOf('setMyCommands');
    const byLang = new Map(calls.map((c) => [String(c.payload.language_code ?? 'default'), c.payload.commands as { command: string; description: string }[]]));
    expect(byLang.get('default')?.map((c) => c.command)).toEqual(['report', 'cancel', 'myreports', 'surveys', 'language', 'help']);
    expect(byLang.get('vi')?.[0]?.description).toBe('Gửi báo cáo');
    expect(byLang.get('en')?.[0]?.description).toBe('Send a report');
  });
});
