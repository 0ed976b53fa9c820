import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackUpdate, textUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import type { Member } from '../../src/domain/types.js';
import { MOODS, SOURCES, SPREADS } from '../../src/domain/vocabulary.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

/** The data of the button with this value on the latest keyboard sent to the user. */
function buttonData(u: FakeUser, suffix: string): { data: string; messageId: number } {
  const call = [...h.api.calls].reverse().find((c) => String(c.payload.chat_id) === String(u.id) && c.payload.reply_markup);
  const rows = (call!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
  const b = rows.flat().find((x) => x.callback_data.endsWith(suffix));
  if (!b) throw new Error(`no ${suffix} for ${u.id}`);
  return { data: b.callback_data, messageId: (call!.result as { message_id: number }).message_id };
}

describe('50 collaborators at once', () => {
  it('interleave their flows without crossing', async () => {
    const people: { u: FakeUser; m: Member; i: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const u = h.user(i % 3 === 0 ? 'en' : 'vi');
      people.push({ u, m: await h.member(u), i });
    }
    const steps: ((p: (typeof people)[number]) => Promise<void>)[] = [
      (p) => h.bot.handleUpdate(textUpdate(p.u, '/report')),
      (p) => press(p.u, ':t:economy'),
      (p) => h.bot.handleUpdate(textUpdate(p.u, `Ý kiến số ${p.i} của cộng tác viên ${p.u.id} về giá xăng`)),
      (p) => press(p.u, ':c:done'),
      (p) => press(p.u, `:m:${MOODS[p.i % 5]}`),
      (p) => press(p.u, `:s:${SPREADS[p.i % 4]}`),
      (p) => press(p.u, `:o:${SOURCES[p.i % 5]}`),
      (p) => h.bot.handleUpdate(textUpdate(p.u, p.i % 2 ? `Đề xuất ${p.i}` : 'skip')),
      (p) => press(p.u, ':v:submit'),
    ];
    async function press(u: FakeUser, suffix: string) {
      const b = buttonData(u, suffix);
      await h.bot.handleUpdate(callbackUpdate(u, b.data, b.messageId));
    }
    for (const step of steps) await Promise.all(people.map((p) => step(p)));
    for (const p of people) {
      const reports = await h.repos.reports.latestOf(p.m.id);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({
        content: `Ý kiến số ${p.i} của cộng tác viên ${p.u.id} về giá xăng`,
        mood: MOODS[p.i % 5],
        spread: SPREADS[p.i % 4],
        source: SOURCES[p.i % 5],
        proposal: p.i % 2 ? `Đề xuất ${p.i}` : null,
      });
      expect(h.lastText(p.u)).toContain(reports[0]!.reference);
    }
  });
});
