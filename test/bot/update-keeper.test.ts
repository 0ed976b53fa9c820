/**
 * The update keeper on its own (no backend): a chat's updates stay in order while one is held,
 * a held update is handed again once the probe says the backends answer, the person is told
 * once per backlog, and the webhook answers 500 while an update is held, then joins or skips
 * Telegram's redelivery.
 */
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { BackendUnavailableError } from '../../src/bot/outage.js';
import { keptWebhookCallback } from '../../src/bot/polling.js';
import { createUpdateKeeper } from '../../src/bot/update-keeper.js';
import { FakeBotApi, textUpdate } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';

const alice = { id: 501, firstName: 'A', languageCode: 'en' };
const bob = { id: 502, firstName: 'B', languageCode: 'en' };

function keeperWith(handle: (u: Update) => Promise<void>, up: { value: boolean }) {
  const told: number[] = [];
  const keeper = createUpdateKeeper({
    handle,
    notifyBusy: async (u) => void told.push(u.update_id),
    backendsUp: async () => up.value,
    logger: silentLogger(),
    busyAfterMs: 50,
    retryDelayMs: () => 10,
  });
  return { keeper, told };
}

describe('the update keeper', () => {
  it('holds a chat behind its failed update, tells the person once, and hands it again when the backends answer', async () => {
    const up = { value: false };
    const handled: string[] = [];
    const { keeper, told } = keeperWith(async (u) => {
      if (!up.value) throw new BackendUnavailableError();
      handled.push(u.message!.text!);
    }, up);
    const a1 = textUpdate(alice, 'one');
    const a2 = textUpdate(alice, 'two');
    const done = [keeper.keep(a1), keeper.keep(a2)];
    await vi.waitFor(() => expect(told).toEqual([a1.update_id]));
    expect(keeper.lowestPending()).toBe(a1.update_id);
    expect(handled).toEqual([]);
    up.value = true;
    await Promise.all(done);
    expect(handled).toEqual(['one', 'two']);
    expect(keeper.lowestPending()).toBeUndefined();
    // the same update again (a redelivery) is not handled twice
    await keeper.keep(a1);
    expect(handled).toEqual(['one', 'two']);
  });

  it('tells the person when an update hangs, without holding other chats', async () => {
    let release!: () => void;
    const hang = new Promise<void>((r) => (release = r));
    const handled: number[] = [];
    const { keeper, told } = keeperWith(async (u) => {
      if (u.message!.from.id === alice.id) await hang;
      handled.push(u.update_id);
    }, { value: true });
    const a = textUpdate(alice, 'stuck');
    const b = textUpdate(bob, 'free');
    const pa = keeper.keep(a);
    await keeper.keep(b);
    expect(handled).toEqual([b.update_id]);
    await vi.waitFor(() => expect(told).toEqual([a.update_id]));
    release();
    await pa;
    expect(handled).toEqual([b.update_id, a.update_id]);
  });

  it('stopped while an update is held, leaves it pending (unconfirmed) instead of dropping it as handled', async () => {
    let attempts = 0;
    const { keeper } = keeperWith(async () => {
      attempts++;
      throw new BackendUnavailableError();
    }, { value: false });
    const a = textUpdate(alice, 'held');
    const p = keeper.keep(a);
    await vi.waitFor(() => expect(keeper.lowestPending()).toBe(a.update_id));
    keeper.stop();
    await p;
    expect(keeper.pendingCount()).toBe(0);
    // not remembered as handled: given again, it is tried again (as the next process would)
    const before = attempts;
    await keeper.keep(a);
    expect(attempts).toBe(before + 1);
  });
});

describe('the webhook over the keeper', () => {
  it('answers 500 while the update is held, and 200 for the redelivery once it went through', async () => {
    const api = new FakeBotApi();
    const bot = new Bot('123:abc', { botInfo: api.botInfo, client: { fetch: api.fetch as never } });
    const up = { value: false };
    let handled = 0;
    const { keeper } = keeperWith(async () => {
      if (!up.value) throw new BackendUnavailableError();
      handled++;
    }, up);
    const app = Fastify();
    app.post('/hook', keptWebhookCallback(bot, keeper, { secretToken: 'secret-token-0123456789', timeoutMs: 200 }));
    const update = textUpdate(alice, 'hello');
    const post = () => app.inject({ method: 'POST', url: '/hook', payload: update, headers: { 'x-telegram-bot-api-secret-token': 'secret-token-0123456789' } });
    expect((await post()).statusCode).toBe(500);
    expect(handled).toBe(0);
    up.value = true;
    await vi.waitFor(() => expect(handled).toBe(1));
    expect((await post()).statusCode).toBe(200);
    expect(handled).toBe(1);
    await app.close();
  });
});
