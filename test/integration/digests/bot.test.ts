import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReadDeps } from '../../../src/compose/digests.js';
import { Composer } from 'grammy';
import type { BotContext } from '../../../src/bot/context.js';
import { digestFeature } from '../../../src/bot/features/digest.js';
import { callbackUpdate, type FakeUser } from '../../../src/fake-telegram/index.js';
import { createHarness, type Harness } from '../../bot/harness.js';
import { seedOrganisation, type Seeded } from './seed.js';

describe('/digest in the bot (createBot + fake Bot API + PostgreSQL)', () => {
  let h: Harness;
  let s: Seeded;
  let leader: FakeUser;
  let collaborator: FakeUser;
  const feature: { current?: Composer<BotContext> } = {};
  beforeAll(async () => {
    const late = new Composer<BotContext>();
    late.use((ctx, next) => feature.current!.middleware()(ctx, next));
    h = await createHarness({ extraFeatures: [late] });
    feature.current = digestFeature(digestReadDeps({ sql: h.db.sql, repos: h.repos, clock: () => h.now.value }));
    s = await seedOrganisation(h.db.sql, h.repos);
    h.now.value = new Date('2026-11-26T08:00:00Z'); // 15:00 in Ho Chi Minh City
    leader = h.user('en');
    collaborator = h.user('vi');
    const bind = (u: FakeUser, memberId: number) =>
      h.db.sql.query(`UPDATE "Member" SET "telegramUserId" = $1, "chatId" = $1 WHERE id = $2`, [String(u.id), memberId]);
    await bind(leader, s.members.la);
    await bind(collaborator, s.members.ca1a);
  });
  afterAll(async () => h?.destroy());

  it('collaborators are told politely that digests are for leaders', async () => {
    await h.send(collaborator, '/digest');
    expect(h.lastText(collaborator)).toContain('bản tin chỉ dành cho lãnh đạo');
    expect(h.api.callsOf('sendPhoto', collaborator.id)).toHaveLength(0);
  });

  it('a leader chooses "yesterday" and gets the digest of their subtree with the chart, in English', async () => {
    await h.send(leader, '/digest');
    expect(h.lastText(leader)).toBe('Which digest would you like?');
    await h.press(leader, 'Yesterday');
    const texts = h.api.textsTo(leader.id).join('\n');
    expect(texts).toContain('Daily digest — Đảng ủy Sở Y tế');
    expect(texts).toContain('Reports: 5');
    expect(texts).not.toContain('Sở Tài chính');
    expect(h.api.callsOf('sendPhoto', leader.id)).toHaveLength(1);
  });

  it('"/digest year" answers with the yearly unit activity table', async () => {
    await h.send(leader, '/digest year');
    const text = h.lastText(leader);
    expect(text).toContain('Unit activity 2026 — Đảng ủy Sở Y tế');
    expect(text).toContain('Chi bộ Bệnh viện A');
    expect(text).toContain('5 reports · 2/3 people · 1 weeks');
    expect(text).not.toContain('Kho bạc');
  });

  it('a collaborator pressing a forged digest button gets nothing but the notice', async () => {
    const before = h.api.textsTo(collaborator.id).length;
    await h.handle(callbackUpdate(collaborator, 'dg:last7', 1));
    expect(h.api.textsTo(collaborator.id)).toHaveLength(before);
    const answers = h.api.callsOf('answerCallbackQuery').map((c) => String(c.payload.text ?? ''));
    expect(answers.at(-1)).toContain('bản tin chỉ dành cho lãnh đạo');
  });

  it('a leader pressing a forged digest button is told the button is no longer valid, not that digests are for leaders', async () => {
    const before = h.api.textsTo(leader.id).length;
    await h.handle(callbackUpdate(leader, 'dg:everything', 1));
    expect(h.api.textsTo(leader.id)).toHaveLength(before);
    const answer = h.api.callsOf('answerCallbackQuery').at(-1)!;
    expect(String(answer.payload.text)).toBe('This button is no longer valid. Send /digest to choose again.');
    expect(String(answer.payload.text)).not.toContain('leaders only');
  });
});
