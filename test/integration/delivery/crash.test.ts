import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import type { Unit } from '../../../src/domain/types.js';
import { eventually, openHarness, seedMember, sleep, TOKEN, type Harness } from './harness.js';
import { BACKENDS } from '../../support/backends.js';

/**
 * A worker killed between Telegram's answer and the record of the result: simulated by a
 * worker whose network call reaches the fake API (which records the message) and then never
 * returns, and which is then closed without waiting (its lock is no longer renewed, as for a
 * killed process). A second worker finds the stalled job with its row still `sending`.
 */
describe.each(BACKENDS)('a delivery worker killed between send and record (%s backend)', (backend) => {
  let h: Harness;
  let unit: Unit;
  beforeAll(async () => {
    h = await openHarness({}, backend);
    unit = await h.repos.units.create({ name: 'Bloc' });
  });
  afterAll(async () => h?.close());

  it('does not produce a second message', async () => {
    const m = await seedMember(h.repos, unit.id, 'leader');
    const hang = async (input: unknown, init?: unknown) => {
      await (h.fake.fetch as unknown as (i: unknown, o: unknown) => Promise<Response>)(input, init);
      return new Promise<Response>(() => undefined);
    };
    const dying = h.startDeliveryWorker({ api: new Api(TOKEN, { fetch: hang as unknown as typeof fetch }), lockDurationMs: 800, stalledIntervalMs: 300 });
    const r = await h.port.enqueue({
      idempotencyKey: 'crash-1',
      memberId: m.id,
      chatId: m.chatId!,
      kind: 'alert',
      lane: 'alert',
      method: 'sendMessage',
      payload: { text: 'urgent' },
    });
    await h.fake.waitFor((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === String(m.chatId));
    await dying.close(true);
    expect((await h.repos.deliveries.get(r.deliveryId))!.status).toBe('sending');

    h.startDeliveryWorker({ inFlightGraceMs: 300, lockDurationMs: 800, stalledIntervalMs: 300, limiter: { inFlightTtlMs: 500 } });
    await eventually(async () => (await h.repos.deliveries.get(r.deliveryId))!.status === 'failed', 15_000);
    await sleep(500);
    const rec = await h.repos.deliveries.get(r.deliveryId);
    expect(rec!.lastError).toMatch(/^outcome_unknown/);
    expect(h.fake.callsOf('sendMessage', m.chatId!)).toHaveLength(1);
  });
});
