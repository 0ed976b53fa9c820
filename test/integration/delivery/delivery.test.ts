import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '../../../src/domain/types.js';
import { eventually, openHarness, seedMember, sleep, type Harness } from './harness.js';
import { BACKENDS } from '../../support/backends.js';

describe.each(BACKENDS)('the delivery path (%s backend)', (backend) => {
  let h: Harness;
  let unit: Unit;
  beforeAll(async () => {
    h = await openHarness({}, backend);
    unit = await h.repos.units.create({ name: 'Bloc' });
    h.startDeliveryWorker({ inFlightGraceMs: 200 });
  });
  afterAll(async () => h?.close());

  const msg = (key: string, chatId: bigint, memberId: number | null = null, lane: 'alert' | 'broadcast' = 'alert') => ({
    idempotencyKey: key,
    memberId,
    chatId,
    kind: 'notice' as const,
    lane,
    method: 'sendMessage' as const,
    payload: { text: `hello ${key}` },
  });

  it('records every message, sends it once and keeps the Telegram message id', async () => {
    const m = await seedMember(h.repos, unit.id, 'leader');
    const first = await h.port.enqueue(msg('t1', m.chatId!, m.id));
    const again = await h.port.enqueue(msg('t1', m.chatId!, m.id));
    expect(again).toEqual({ deliveryId: first.deliveryId, duplicate: true });
    await eventually(async () => (await h.repos.deliveries.get(first.deliveryId))?.status === 'sent');
    await sleep(150);
    const rec = await h.repos.deliveries.get(first.deliveryId);
    expect(rec).toMatchObject({ status: 'sent', attempts: 1, memberId: m.id, kind: 'notice', lastError: null });
    expect(rec!.telegramMessageId).toBe(h.fake.callsOf('sendMessage', m.chatId!)[0]!.result && (h.fake.callsOf('sendMessage', m.chatId!)[0]!.result as { message_id: number }).message_id);
    expect(h.fake.textsTo(m.chatId!)).toEqual(['hello t1']);
  });

  it('uploads sendPhoto payloads as files', async () => {
    const m = await seedMember(h.repos, unit.id, 'leader');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64');
    const r = await h.port.enqueue({ ...msg('photo1', m.chatId!, m.id), method: 'sendPhoto', payload: { photoBase64: png, caption: 'chart' } });
    await eventually(async () => (await h.repos.deliveries.get(r.deliveryId))?.status === 'sent');
    const call = h.fake.callsOf('sendPhoto', m.chatId!)[0]!;
    expect(call.payload.photo).toMatchObject({ file: true, bytes: 7 });
    expect(call.payload.caption).toBe('chart');
  });

  it('obeys a storm of 429s: no request before retry_after elapses, everything delivered', async () => {
    const members = await Promise.all([0, 1, 2, 3].map(() => seedMember(h.repos, unit.id, 'leader')));
    const chats = new Set(members.map((m) => String(m.chatId)));
    h.fake.failNext((method, p) => method === 'sendMessage' && chats.has(String(p.chat_id)), { code: 429, retryAfter: 1 }, 6);
    const ids: number[] = [];
    for (const [i, m] of members.entries()) {
      for (const k of [0, 1]) ids.push((await h.port.enqueue(msg(`storm-${i}-${k}`, m.chatId!, m.id))).deliveryId);
    }
    await eventually(async () => (await Promise.all(ids.map((id) => h.repos.deliveries.get(id)))).every((r) => r?.status === 'sent'), 20_000);
    expect(h.fake.calls.filter((c) => c.errorCode === 429).length).toBe(6);
    expect(h.fake.retryAfterViolations).toBe(0);
    for (const m of members) expect(h.fake.callsOf('sendMessage', m.chatId!).filter((c) => c.ok)).toHaveLength(2);
  });

  it('on 403 marks the member unreachable, tells the admins and does not retry', async () => {
    const admin = await seedMember(h.repos, unit.id, 'admin');
    const m = await seedMember(h.repos, unit.id, 'collaborator');
    h.fake.blockChat(m.chatId!);
    const r = await h.port.enqueue(msg('blocked1', m.chatId!, m.id));
    await eventually(async () => h.fake.callsOf('sendMessage', admin.chatId!).some((c) => c.ok));
    const rec = await h.repos.deliveries.get(r.deliveryId);
    expect(rec).toMatchObject({ status: 'failed', attempts: 1 });
    expect(rec!.lastError).toMatch(/^403/);
    expect((await h.repos.members.get(m.id))!.reachable).toBe(false);
    expect(h.fake.textsTo(admin.chatId!).join('\n')).toContain(m.displayName);
    const notices = await h.repos.deliveries.list({ memberId: admin.id, kind: 'notice' });
    expect(notices).toHaveLength(1);
    await sleep(300);
    expect(h.fake.callsOf('sendMessage', m.chatId!)).toHaveLength(1);
  });

  it('records a 400 as failed without retrying, and retries a 500', async () => {
    const m = await seedMember(h.repos, unit.id, 'leader');
    h.fake.failNext((method, p) => method === 'sendMessage' && String(p.chat_id) === String(m.chatId), { code: 400, description: 'Bad Request: chat not found' });
    const bad = await h.port.enqueue(msg('bad400', m.chatId!, m.id));
    await eventually(async () => (await h.repos.deliveries.get(bad.deliveryId))?.status === 'failed');
    expect((await h.repos.deliveries.get(bad.deliveryId))!.lastError).toContain('chat not found');

    const m2 = await seedMember(h.repos, unit.id, 'leader');
    h.fake.failNext((method, p) => method === 'sendMessage' && String(p.chat_id) === String(m2.chatId), { code: 500 });
    const flaky = await h.port.enqueue(msg('flaky500', m2.chatId!, m2.id));
    await eventually(async () => (await h.repos.deliveries.get(flaky.deliveryId))?.status === 'sent', 15_000);
    expect((await h.repos.deliveries.get(flaky.deliveryId))!.attempts).toBe(2);
    await sleep(200);
    expect(h.fake.callsOf('sendMessage', m.chatId!)).toHaveLength(1);
    expect(h.fake.callsOf('sendMessage', m2.chatId!).map((c) => c.ok)).toEqual([false, true]);
  });
});
