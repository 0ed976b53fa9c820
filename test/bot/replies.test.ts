/**
 * The smaller defects found in issue 10's trial, each through the whole bot: what is echoed
 * back, long texts outside a flow, greetings by role, /start mid-flow, /dashboard mid-flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import { Composer } from 'grammy';
import type { BotContext } from '../../src/bot/context.js';
import { dashboardLoginFeature } from '../../src/bot/features/dashboard-login.js';
import { createLoginTokenStore } from '../../src/db/read-models/dashboard-writes.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  const late = new Composer<BotContext>();
  late.use((ctx, next) => dashboard!.middleware()(ctx, next));
  h = await createHarness({ extraFeatures: [late] });
  const dashboard = dashboardLoginFeature({ tokens: createLoginTokenStore(h.db.sql), members: h.repos.members, audit: h.repos.audit, clock: () => h.now.value, baseUrl: 'https://pulse.example.org' });
});
afterAll(async () => {
  await h?.destroy();
});

/** Sends a text with Telegram's date moved by `seconds` (pieces of one paste share a date). */
async function sendAt(u: FakeUser, text: string, seconds = 0): Promise<void> {
  const update = textUpdate(u, text);
  update.message!.date += seconds;
  await h.handle(update);
}

/** A long Vietnamese text of exactly `n` characters (words, so only its length is wrong). */
const longText = (n: number, word = 'người dân bàn tán ') => word.repeat(Math.ceil(n / word.length)).slice(0, n - 1) + '.';

const CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/.source;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.source;
const UNSAFE = new RegExp(`${CONTROL_OR_BIDI}|${LONE_SURROGATE}`);

describe('what is echoed back', () => {
  it('"I did not understand" at a choice question echoes the answer without bidi overrides, NUL, ESC/BEL or lone surrogates', async () => {
    const u = h.user('vi');
    await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Người dân bàn tán nhiều về giá xăng tăng');
    await h.press(u, 'Xong');
    await h.send(u, 'vui\u202Eve\u0000\u001B[31m\u0007\uD800 lắm');
    const echo = h.lastText(u);
    expect(echo).toContain('Tôi chưa hiểu “vuive [31m lắm”');
    expect(echo).not.toMatch(UNSAFE);
    for (const text of h.api.textsTo(u.id)) expect(text).not.toMatch(UNSAFE);
    await h.send(u, '/cancel');
  });
});

describe('a long text outside a flow', () => {
  it('split by Telegram into three messages: the real limit is said, and no piece is offered on its own', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    const before = h.api.textsTo(u.id).length;
    await sendAt(u, longText(4096));
    await sendAt(u, longText(4096));
    await sendAt(u, longText(808, 'phần cuối của bài '), 1);
    const answers = h.api.textsTo(u.id).slice(before);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatch(/quá dài \(4[.,]?096 ký tự; tổng cộng tối đa 2[.,]?000\)/);
    expect(answers[1]).toMatch(/2 tin nhắn, tổng cộng 8[.,]?19\d ký tự/);
    expect(answers[2]).toMatch(/3 tin nhắn, tổng cộng 9[.,]?00\d ký tự/);
    for (const a of answers) {
      expect(a).not.toContain('ít nhất');
      expect(a).not.toContain('Gửi nội dung này thành báo cáo?');
    }
    expect(h.api.callsOf('sendMessage', u.id).at(-1)?.payload.reply_markup).toMatchObject({ inline_keyboard: [[{ text: 'Không' }]] });

    // a shortened version, sent later, is offered and stored
    await sendAt(u, 'Bản rút gọn: người dân bàn tán nhiều về giá xăng tăng', 30);
    expect(h.lastText(u)).toContain('Gửi nội dung này thành báo cáo?');
    await h.press(u, 'Gửi ngay');
    expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ quick: true, content: 'Bản rút gọn: người dân bàn tán nhiều về giá xăng tăng' });
  });

  it('one message over 2,000 characters gets the real limit; pieces that fit are gathered into one offer', async () => {
    const u = h.user('en');
    const m = await h.member(u, 'collaborator', 'en');
    await h.send(u, longText(2500, 'people talk about prices '));
    expect(h.lastText(u)).toMatch(/too long \(2,500 characters; at most 2,000 in total\)/);
    await sendAt(u, 'Drivers complain that petrol went up again', 20);
    await sendAt(u, 'and taxi fares follow', 21);
    expect(h.lastText(u)).toContain('Drivers complain that petrol went up again\nand taxi fares follow');
    await h.press(u, 'Send now');
    expect((await h.repos.reports.latestOf(m.id))[0]?.content).toBe('Drivers complain that petrol went up again\nand taxi fares follow');
  });

  it('in the /report flow, the pieces of a split text are refused together and what was gathered before is kept', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Người dân bàn tán về giá xăng');
    await sendAt(u, longText(4096));
    await sendAt(u, longText(700, 'phần cuối của bài '));
    expect(h.lastText(u)).toMatch(/2 tin nhắn/);
    await h.press(u, 'Xong');
    for (const label of ['Lo lắng', 'địa phương', 'Trò chuyện', 'Bỏ qua', 'Gửi']) await h.press(u, label);
    expect((await h.repos.reports.latestOf(m.id))[0]?.content).toBe('Người dân bàn tán về giá xăng');
  });
});

describe('greetings', () => {
  it.each([
    ['leader', 'vi', 'lãnh đạo', 'cộng tác viên'],
    ['leader', 'en', 'a leader of', 'collaborator'],
    ['admin', 'en', 'an administrator of', 'collaborator'],
    ['collaborator', 'en', 'a collaborator of', 'leader'],
  ] as const)('a member joining as %s (%s) is welcomed by role: "%s"', async (role, lang, expected, absent) => {
    const code = `ROLE-${role.slice(0, 4).toUpperCase()}-${lang.toUpperCase()}`;
    await h.invite(code, { role });
    const u = h.user(lang);
    await h.send(u, `/start ${code}`);
    const welcome = h.lastText(u);
    expect(welcome).toContain(expected);
    expect(welcome).not.toContain(absent);
    expect(welcome.includes('/alerts')).toBe(role !== 'collaborator');
  });

  it('/start in the middle of a flow mentions the open draft, how to cancel, and asks the current question again', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Người dân bàn tán về giá xăng tăng');
    await h.press(u, 'Xong');
    await h.send(u, '/start');
    const [mention, question] = h.api.textsTo(u.id).slice(-2);
    expect(mention).toContain('báo cáo làm dở');
    expect(mention).toContain('/cancel');
    expect(question).toContain('Tâm trạng');
    for (const label of ['Lo lắng', 'địa phương', 'Trò chuyện', 'Bỏ qua', 'Gửi']) await h.press(u, label);
    expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ mood: 'worried', content: 'Người dân bàn tán về giá xăng tăng' });
    await h.send(u, '/start');
    expect(h.lastText(u)).toBe(`Chào mừng ${u.firstName} trở lại. Gửi /report để báo cáo, hoặc /help để xem hướng dẫn.`);
  });
});

describe('/dashboard', () => {
  it('sends leaders their sign-in link (mid-flow too, and the flow goes on), and tells collaborators it is not for them', async () => {
    const leader = h.user('en');
    await h.member(leader, 'leader', 'en');
    await h.send(leader, '/dashboard');
    expect(h.lastText(leader)).toMatch(/https:\/\/pulse\.example\.org\/login\/[A-Za-z0-9_-]{43}/);
    await h.send(leader, '/report');
    await h.send(leader, '/dashboard');
    expect(h.lastText(leader)).toMatch(/https:\/\/pulse\.example\.org\/login\//);
    await h.send(leader, 'health');
    expect(h.lastText(leader)).toContain('Content');
    await h.send(leader, '/cancel');

    const collaborator = h.user('vi');
    await h.member(collaborator);
    await h.send(collaborator, '/dashboard');
    expect(h.lastText(collaborator)).toBe('Trang quản trị dành cho lãnh đạo và quản trị viên.');
    for (const u of [leader, collaborator]) {
      for (const text of h.api.textsTo(u.id)) expect(text).not.toMatch(/did not understand|chưa hiểu/);
    }
  });
});
