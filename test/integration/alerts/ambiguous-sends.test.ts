/**
 * Duplicates from ambiguous 5xx are bounded (issue 15): in a storm where Telegram delivers each
 * message and then answers 502, every kind of message is delivered at most its bound of copies
 * (alert cards 1 + MAX_RESENDS per card, other kinds 1 + AMBIGUOUS_RESENDS[kind] per message),
 * and the copies are counted and printed. A 502 that did not deliver still gets the alert card
 * to the leader, exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateReport } from '../../../src/app/alerts/evaluate.js';
import { MAX_RESENDS } from '../../../src/app/alerts/observer.js';
import type { DeliveryKind, Lane } from '../../../src/app/ports/messages.js';
import { AMBIGUOUS_RESENDS } from '../../../src/delivery/sender.js';
import type { ApiCall } from '../../../src/fake-telegram/index.js';
import { eventually, seedMember } from '../delivery/harness.js';
import { analysedReport, disableQuietHours, newIssueGroup, openAlertsHarness, type AlertsHarness } from './harness.js';

describe('sends whose 5xx came after delivery', () => {
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await openAlertsHarness({ cardResendDelaysMs: [50, 100, 150] });
    await disableQuietHours(h);
    h.startAlertsWorker();
  });
  afterAll(async () => h?.close());

  const delivered = (c: ApiCall) => c.method === 'sendMessage' && (c.ok || c.delivered === true);
  const settled = async () =>
    (await h.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE status IN ('pending', 'sending')`))[0]!.n === 0;

  async function raise(): Promise<number> {
    const group = await newIssueGroup(h);
    const r = await analysedReport(h, { memberId: h.org.collaborator.id, unitId: h.org.branch.id, level: 'critical', issueGroupId: group });
    const out = await evaluateReport({ ...h.deps, cardEditDelayMs: 0 }, r.id);
    if (out.type !== 'raised') throw new Error(out.type);
    return out.alertId;
  }

  it('delivers each kind at most its bound of copies in a storm of 502s after delivery', async () => {
    h.fake.failNext('sendMessage', { code: 502, delivered: true, description: 'Bad Gateway' }, 100_000);
    const alertIds = [await raise(), await raise(), await raise()];
    const reader = await seedMember(h.repos, h.org.branch.id, 'collaborator', 'Reader');
    const kinds: { kind: DeliveryKind; lane: Lane }[] = [
      { kind: 'digest', lane: 'digest' },
      { kind: 'reminder', lane: 'reminder' },
      { kind: 'broadcast', lane: 'broadcast' },
      { kind: 'notice', lane: 'alert' },
    ];
    for (const { kind, lane } of kinds) {
      for (let i = 0; i < 3; i++) {
        await h.port.enqueue({ idempotencyKey: `storm-${kind}-${i}`, memberId: reader.id, chatId: reader.chatId!, kind, lane, method: 'sendMessage', payload: { text: `storm ${kind} ${i}` } });
      }
    }
    await eventually(settled, 60_000, 100);

    const copies = new Map<string, number[]>();
    const note = (k: string, n: number) => copies.set(k, [...(copies.get(k) ?? []), n]);
    for (const leader of h.org.branchLeaders) {
      for (const id of alertIds) note('alert card', h.fake.callsOf('sendMessage', leader.chatId!).filter((c) => delivered(c) && String(c.payload.text).includes(`#${id}</b>`)).length);
    }
    for (const { kind } of kinds) {
      for (let i = 0; i < 3; i++) note(kind, h.fake.callsOf('sendMessage', reader.chatId!).filter((c) => delivered(c) && c.payload.text === `storm ${kind} ${i}`).length);
    }
    const bound = (k: string) => 1 + (k === 'alert card' ? MAX_RESENDS : (AMBIGUOUS_RESENDS[k] ?? 1));
    console.log(
      'copies delivered per message in a 502-after-delivery storm:\n' +
        [...copies].map(([k, ns]) => `  ${k.padEnd(10)} ${ns.join(', ')}  (bound ${bound(k)}, duplicates ${ns.reduce((a, n) => a + n - 1, 0)})`).join('\n'),
    );
    for (const [k, ns] of copies) {
      for (const n of ns) {
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(bound(k));
      }
    }
    // what the bound allows is what the storm took: every row ended as an unknown outcome, visibly
    const unknown = await h.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE status = 'failed' AND "lastError" LIKE 'outcome_unknown%'`);
    expect(unknown[0]!.n).toBeGreaterThan(0);
  });

  it('a 502 that did not deliver still gets the card to the leader, once', async () => {
    h.fake.reset();
    const leader = h.org.branchLeaders[0]!;
    h.fake.failNext((m, p) => m === 'sendMessage' && String(p.chat_id) === String(leader.chatId), { code: 502, description: 'Bad Gateway' }, 1);
    const id = await raise();
    await eventually(settled, 30_000, 50);
    const got = h.fake.callsOf('sendMessage', leader.chatId!).filter((c) => delivered(c) && String(c.payload.text).includes(`#${id}</b>`));
    expect(got).toHaveLength(1);
  });
});
