import { Api, Bot, GrammyError, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { FakeBotApi, TELEGRAM_LIMITS, textUpdate } from '../../../src/fake-telegram/index.js';

const TOKEN = '123456:TEST-TOKEN-TEST-TOKEN-TEST-TOKEN-XYZ';

describe('fake Telegram Bot API', () => {
  it('records calls and answers realistic messages with per-chat message ids', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    const a = await api.sendMessage(42, '<b>hi</b>', { parse_mode: 'HTML' });
    const b = await api.sendMessage(42, 'again');
    const c = await api.sendMessage(43, 'other chat');
    expect([a.message_id, b.message_id, c.message_id]).toEqual([1, 2, 1]);
    expect(a.chat.id).toBe(42);
    expect(a.text).toBe('<b>hi</b>');
    expect(fake.textsTo(42)).toEqual(['<b>hi</b>', 'again']);
    expect(fake.callsOf('sendMessage', 42)[0]!.payload.parse_mode).toBe('HTML');
    const edited = await api.editMessageText(42, a.message_id, 'edited');
    expect(edited).toMatchObject({ message_id: 1, text: 'edited' });
  });

  it('answers 429 with retry_after when told to, and counts requests that do not wait', async () => {
    let now = 1_000_000;
    const fake = new FakeBotApi({ now: () => now });
    const api = new Api(TOKEN, { fetch: fake.fetch });
    fake.failNext('sendMessage', { code: 429, retryAfter: 7 });
    const e = await api.sendMessage(5, 'x').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(GrammyError);
    expect((e as GrammyError).error_code).toBe(429);
    expect((e as GrammyError).parameters.retry_after).toBe(7);
    now += 3000;
    await api.sendMessage(5, 'too early');
    expect(fake.retryAfterViolations).toBe(1);
    now += 5000;
    await api.sendMessage(5, 'after waiting');
    expect(fake.retryAfterViolations).toBe(1);
  });

  it('answers 403 for a chat that blocked the bot, 400 and 5xx on demand', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    fake.blockChat(77);
    await expect(api.sendMessage(77, 'x')).rejects.toMatchObject({ error_code: 403, description: expect.stringContaining('blocked') });
    fake.failNext(() => true, { code: 400, description: 'Bad Request: message is not modified' });
    await expect(api.sendMessage(1, 'x')).rejects.toMatchObject({ error_code: 400 });
    fake.failNext('sendMessage', { code: 502 }, 2);
    await expect(api.sendMessage(1, 'x')).rejects.toMatchObject({ error_code: 502 });
    await expect(api.sendMessage(1, 'x')).rejects.toMatchObject({ error_code: 502 });
    await expect(api.sendMessage(1, 'x')).resolves.toMatchObject({ text: 'x' });
  });

  it('enforces Telegram limits when asked: a burst to one chat gets 429', async () => {
    const fake = new FakeBotApi({ limits: TELEGRAM_LIMITS, now: () => 5_000 });
    const api = new Api(TOKEN, { fetch: fake.fetch });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => api.sendMessage(9, `m${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(TELEGRAM_LIMITS.perChatBurst);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5 - TELEGRAM_LIMITS.perChatBurst);
  });

  it('reads multipart uploads (sendPhoto with a file)', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const m = await api.sendPhoto(12, new InputFile(png, 'chart.png'), { caption: 'Biểu đồ' });
    expect(m.photo?.length).toBe(1);
    const call = fake.callsOf('sendPhoto', 12)[0]!;
    expect(call.payload.caption).toBe('Biểu đồ');
    expect(call.payload.photo).toMatchObject({ file: true });
  });

  it('serves a grammY bot without network: handleUpdate replies through it', async () => {
    const fake = new FakeBotApi();
    const bot = new Bot(TOKEN, { botInfo: fake.botInfo, client: { fetch: fake.fetch } });
    bot.command('start', (ctx) => ctx.reply('Xin chào'));
    await bot.handleUpdate(textUpdate({ id: 501, firstName: 'Lan' }, '/start'));
    expect(fake.textsTo(501)).toEqual(['Xin chào']);
  });
});
