/**
 * `/dashboard` in the bot (src/bot/features/dashboard-login.ts) over the fake Bot API: a leader
 * gets a one-time link without a preview, and that link signs them in to the dashboard; a
 * collaborator and a stranger get a polite refusal and no token.
 */
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/bot/context.js';
import { dashboardLoginFeature } from '../../src/bot/features/dashboard-login.js';
import { createI18n } from '../../src/bot/i18n.js';
import type { Member } from '../../src/domain/types.js';
import { textUpdate } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';
import { openWebHarness, type WebHarness } from './harness.js';

describe('/dashboard in the bot', () => {
  let h: WebHarness;
  let bot: Bot<BotContext>;
  beforeAll(async () => {
    h = await openWebHarness();
    bot = new Bot<BotContext>('1:TEST', { botInfo: h.fake.botInfo, client: { fetch: h.fake.fetch } });
    bot.use(async (ctx, next) => {
      const m = ctx.from ? await h.rt.repos.members.findByTelegramId(BigInt(ctx.from.id)) : null;
      ctx.member = m && m.active ? m : null;
      ctx.log = silentLogger();
      await next();
    });
    bot.use(createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language }));
    const d = h.web.dashboard;
    bot.use(dashboardLoginFeature({ tokens: d.tokens, members: d.members, audit: d.audit, clock: h.rt.clock, baseUrl: 'https://pulse.example.org/' }));
  });
  afterAll(() => h?.close());

  const send = async (m: Pick<Member, 'telegramUserId' | 'displayName'>, text: string) => {
    const before = h.fake.calls.length;
    await bot.handleUpdate(textUpdate({ id: Number(m.telegramUserId), firstName: m.displayName }, text));
    return h.fake.calls.slice(before).filter((c) => c.method === 'sendMessage');
  };
  const tokens = async () => (await h.rt.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LoginToken"`))[0]!.n;

  it('sends a leader a one-time link, without a preview, that signs them in', async () => {
    const [reply] = await send(h.org.healthLeader, '/dashboard');
    const text = String(reply!.payload.text);
    expect(text).toContain('10 phút');
    expect(reply!.payload.link_preview_options).toEqual({ is_disabled: true });
    const url = /https:\/\/pulse\.example\.org\/login\/([A-Za-z0-9_-]{43})/.exec(text);
    expect(url).not.toBeNull();
    const c = h.client();
    expect((await c.get(`/login/${url![1]}`)).status).toBe(200);
    expect((await c.post('/login', { token: url![1]! })).status).toBe(303);
    expect((await c.get('/')).status).toBe(200);
  });

  it('refuses collaborators and strangers, issuing no token', async () => {
    const before = await tokens();
    const [toNurse] = await send(h.org.nurse, '/dashboard');
    expect(String(toNurse!.payload.text)).toBe('Trang quản trị dành cho lãnh đạo và quản trị viên.');
    const [toStranger] = await send({ telegramUserId: 123_456_789n, displayName: 'Ai đó' }, '/dashboard');
    expect(String(toStranger!.payload.text)).toContain('lãnh đạo');
    expect(await tokens()).toBe(before);
  });
});
