/**
 * The fake Bot API's getUpdates (offsets confirm, long polling waits), its "5xx after delivery"
 * failure, and the same fake served over loopback HTTP for real processes (TELEGRAM_API_ROOT).
 */
import { Api, GrammyError, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { FakeBotApi, textUpdate } from '../../../src/fake-telegram/index.js';
import { serveFakeBotApi } from '../../../src/fake-telegram/http-server.js';

const TOKEN = '123456:TEST-TOKEN-TEST-TOKEN-TEST-TOKEN-XYZ';
const u = { id: 77, firstName: 'A' };

describe('fake getUpdates', () => {
  it('gives updates until an offset above them confirms them, in arrival order', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    const a = fake.pushUpdate(textUpdate(u, 'one'));
    const b = fake.pushUpdate(textUpdate(u, 'two'));
    expect(b).toBe(a + 1);
    expect((await api.getUpdates({ timeout: 0 })).map((x) => x.update_id)).toEqual([a, b]);
    expect((await api.getUpdates({ offset: a, timeout: 0 })).map((x) => x.update_id)).toEqual([a, b]);
    expect((await api.getUpdates({ offset: b, timeout: 0, limit: 1 })).map((x) => x.message?.text)).toEqual(['two']);
    expect(fake.confirmedOffset).toBe(b);
    expect(await api.getUpdates({ offset: b + 1, timeout: 0 })).toEqual([]);
    expect(fake.unconfirmedUpdates()).toBe(0);
  });

  it('long polling returns as soon as an update arrives', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    const waiting = api.getUpdates({ timeout: 30 });
    setTimeout(() => fake.pushUpdate(textUpdate(u, 'late')), 20);
    expect((await waiting).map((x) => x.message?.text)).toEqual(['late']);
  });

  it('a 5xx "after delivery" shows the message to the person and still answers the error', async () => {
    const fake = new FakeBotApi();
    const api = new Api(TOKEN, { fetch: fake.fetch });
    fake.failNext('sendMessage', { code: 502, delivered: true });
    const e = await api.sendMessage(9, 'maybe').catch((err: unknown) => err);
    expect((e as GrammyError).error_code).toBe(502);
    expect(fake.textsTo(9)).toEqual(['maybe']);
    expect(fake.callsOf('sendMessage', 9)[0]).toMatchObject({ ok: false, delivered: true });
    fake.failNext('sendMessage', { code: 502 });
    await api.sendMessage(9, 'lost').catch(() => undefined);
    expect(fake.textsTo(9)).toEqual(['maybe']);
  });
});

describe('the fake over loopback HTTP', () => {
  it('answers grammY pointed at it with apiRoot: JSON calls, uploads, long polling', async () => {
    const fake = new FakeBotApi();
    const server = await serveFakeBotApi(fake);
    try {
      const api = new Api(TOKEN, { apiRoot: server.url });
      const sent = await api.sendMessage(5, 'xin chào');
      expect(sent).toMatchObject({ message_id: 1, text: 'xin chào' });
      await api.sendPhoto(5, new InputFile(Buffer.from([1, 2, 3]), 'chart.png'), { caption: 'biểu đồ' });
      expect(fake.textsTo(5)).toEqual(['xin chào', 'biểu đồ']);
      const waiting = api.getUpdates({ timeout: 10 });
      setTimeout(() => fake.pushUpdate(textUpdate(u, 'over http')), 20);
      expect((await waiting).map((x) => x.message?.text)).toEqual(['over http']);
      fake.failNext('sendMessage', { code: 429, retryAfter: 3 });
      await expect(api.sendMessage(5, 'x')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    } finally {
      await server.close();
    }
  });
});
