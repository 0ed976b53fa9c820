import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callbackUpdate, groupTextUpdate, textUpdate } from '../../src/fake-telegram/index.js';
import { createHarness, fillReport, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

const memberCount = () => h.db.prisma.member.count();

describe('joining with an invite', () => {
  it('/start <code> binds the user to the unit and greets with a three-line how-to', async () => {
    await h.invite('JOIN-OK11-AAAA', { maxUses: 1 });
    const u = h.user('vi');
    await h.send(u, '/start join-ok11-aaaa');
    const m = await h.repos.members.findByTelegramId(BigInt(u.id));
    expect(m).toMatchObject({ unitId: h.unit.id, role: 'collaborator' });
    const welcome = h.lastText(u);
    expect(welcome).toContain('Chi bộ Thử nghiệm');
    expect(welcome.split('\n').filter((l) => l.startsWith('•'))).toHaveLength(3);
    await h.send(u, '/start JOIN-OK11-AAAA');
    expect(h.lastText(u)).toContain('trở lại');
  });

  it.each([
    ['unknown', async () => 'NOPE-NOPE-NOPE', 'không hợp lệ'],
    ['expired', async () => (await h.invite('EXPI-RED1-AAAA', { expiresAt: new Date(h.now.value.getTime() - 1000) }), 'EXPI-RED1-AAAA'), 'hết hạn'],
    [
      'used up',
      async () => {
        await h.invite('USED-UP11-AAAA', { maxUses: 1 });
        await h.send(h.user(), '/start USED-UP11-AAAA');
        return 'USED-UP11-AAAA';
      },
      'sử dụng hết',
    ],
    [
      'revoked',
      async () => {
        const id = await h.invite('REVO-KED1-AAAA');
        await h.repos.invites.revoke(id, h.now.value);
        return 'REVO-KED1-AAAA';
      },
      'thu hồi',
    ],
    ['garbage', async () => '<b>' + 'x'.repeat(300), 'không hợp lệ'],
  ])('%s codes get a clear message and store nothing', async (_n, prepare, expected) => {
    const code = await prepare();
    const before = await memberCount();
    const u = h.user();
    await h.send(u, `/start ${code}`);
    expect(h.lastText(u)).toContain(expected);
    expect(await memberCount()).toBe(before);
    expect(await h.repos.members.findByTelegramId(BigInt(u.id))).toBeNull();
  });

  it('a leader who joins gets the extra commands in a per-chat menu', async () => {
    await h.invite('LEAD-ER11-AAAA', { role: 'leader' });
    const u = h.user('en');
    await h.send(u, '/start LEAD-ER11-AAAA');
    const call = h.api.calls.find((c) => c.method === 'setMyCommands' && (c.payload.scope as { chat_id?: number })?.chat_id === u.id);
    const commands = (call?.payload.commands as { command: string }[]).map((c) => c.command);
    expect(commands).toEqual(['report', 'cancel', 'myreports', 'surveys', 'language', 'help', 'alerts', 'digest', 'dashboard']);
  });
});

describe('strangers and deactivated members', () => {
  it('a person without membership gets a polite refusal with how to get an invite', async () => {
    const u = h.user('en');
    await h.send(u, '/report');
    expect(h.lastText(u)).toContain('ask your unit');
    await h.send(u, 'Hello, people are angry about petrol prices');
    expect(h.lastText(u)).toContain('ask your unit');
    await h.handle(callbackUpdate(u, 'r:abcdef:v:submit', 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('ask your unit');
  });

  it('a deactivated member is refused at once, mid-flow included, and nothing is stored', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await fillReport(h, u, 'Người dân lo lắng về giá điện tăng');
    expect((await h.memberCache.findByTelegramId(BigInt(u.id)))?.active).toBe(true);
    expect(h.memberCache.stats().listening).toBe(true); // so the flow above was served from the cache
    await h.repos.members.deactivate(m.id, h.now.value);
    // the database tells the cache (as it would after `npm run cli -- members deactivate` in another process)
    await vi.waitFor(async () => expect((await h.memberCache.findByTelegramId(BigInt(u.id)))?.active).toBe(false));
    await h.press(u, 'Gửi');
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('đã kết thúc');
    await h.send(u, '/report');
    expect(h.lastText(u)).toContain('đã kết thúc');
    await h.send(u, '/start JOIN-OK11-AAAA');
    expect(h.lastText(u)).toContain('đã kết thúc');
    expect(await h.repos.reports.latestOf(m.id)).toHaveLength(0);
  });
});

describe('commands', () => {
  it('/help explains every command in three lines; /language switches; /cancel outside a flow', async () => {
    const u = h.user('vi');
    await h.member(u);
    await h.send(u, '/help');
    const help = h.lastText(u);
    for (const cmd of ['/report', '/cancel', '/myreports', '/language']) expect(help).toContain(cmd);
    expect(help).not.toContain('/alerts');
    await h.send(u, '/language');
    await h.press(u, 'English');
    expect(h.lastText(u)).toBe('Language set to English.');
    await h.send(u, '/cancel');
    expect(h.lastText(u)).toBe('There is nothing to cancel.');
    await h.send(u, '/report');
    expect(h.lastText(u)).toContain('Topic');
    await h.send(u, '/language');
    await h.press(u, 'Tiếng Việt');
    expect(h.lastText(u)).toBe('Đã chuyển sang tiếng Việt.');
    await h.send(u, 'y te');
    expect(h.lastText(u)).toContain('Nội dung');
    await h.send(u, '/cancel');
  });

  it('group chats get only a hint to write privately', async () => {
    const u = h.user('vi');
    await h.member(u);
    const before = h.api.calls.length;
    await h.handle(groupTextUpdate(u, -4001, '/report'));
    await h.handle(groupTextUpdate(u, -4001, 'chuyện phiếm trong nhóm'));
    await h.handle(groupTextUpdate(u, -4001, `@${h.api.botInfo.username} giá xăng tăng`));
    const calls = h.api.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']);
    for (const c of calls) expect(c.payload.text).toContain('nhắn riêng');
    expect(await h.db.prisma.report.count({ where: { member: { telegramUserId: BigInt(u.id) } } })).toBe(0);
  });
});

describe('quick reports, /myreports, limits', () => {
  it('text outside a flow is offered as a report: Send now stores it with topic and mood left to the analysis', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await h.send(u, 'Công nhân khu công nghiệp bàn tán về việc đình công đòi tăng lương');
    expect(h.lastText(u)).toContain('Gửi nội dung này thành báo cáo?');
    await h.press(u, 'Gửi ngay');
    expect(h.lastText(u)).toMatch(/R-2026-\d{6}/);
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r).toMatchObject({ quick: true, mood: null, chosenTopic: null, spread: null, status: 'received' });
    await h.send(u, 'Một nội dung khác đủ dài để hỏi');
    await h.press(u, 'Không');
    expect(h.lastText(u)).toBe('Được, chưa gửi.');
    await h.send(u, 'hi');
    expect(h.lastText(u)).toContain('/report');
    expect(await h.repos.reports.latestOf(m.id)).toHaveLength(1);
  });

  it('Add details continues the full flow with the text already typed', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await h.send(u, 'Bà con xã bên lo nước lũ dâng cao chia cắt');
    await h.press(u, 'Thêm chi tiết');
    expect(h.lastText(u)).toContain('Lưu ý');
    await h.press(u, 'Môi trường');
    expect(h.lastText(u)).toContain('Tâm trạng');
    await h.send(u, 'lo lắng');
    await h.send(u, 'địa phương');
    await h.send(u, 'trò chuyện');
    await h.press(u, 'Bỏ qua');
    await h.press(u, 'Gửi');
    expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ quick: false, chosenTopic: 'environment_disasters', content: 'Bà con xã bên lo nước lũ dâng cao chia cắt' });
  });

  it('/myreports lists the last 10 with reference, date, status and topic, and withdraws within 1 hour', async () => {
    const u = h.user('en');
    const m = await h.member(u, 'collaborator', 'en');
    for (let i = 0; i < 11; i++) {
      await h.repos.reports.create({ memberId: m.id, unitId: h.unit.id, chosenTopic: 'economy', content: `Report number ${i} about prices`, proposal: null, mood: 'worried', spread: 'few', source: 'other' }, new Date(h.now.value.getTime() - (11 - i) * 600_000));
    }
    await h.send(u, '/myreports');
    const text = h.lastText(u);
    const lines = text.split('\n').slice(1);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^R-2026-\d{6} · 26\/11\/2026, 14:50 · received · Economy/);
    const latest = (await h.repos.reports.latestOf(m.id, 1))[0]!;
    await h.press(u, `Withdraw ${latest.reference}`);
    expect(h.lastText(u)).toBe(`Report ${latest.reference} was withdrawn.`);
    expect((await h.repos.reports.get(latest.id))?.status).toBe('withdrawn');
    const old = (await h.repos.reports.latestOf(m.id))[9]!;
    await h.handle(callbackUpdate(u, `w:${old.id}`, 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('within 1 hour');
    expect((await h.repos.reports.get(old.id))?.status).toBe('received');
  });

  it('more than 20 reports an hour get a friendly message and the draft is kept', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    for (let i = 0; i < 20; i++) {
      await h.repos.reports.create({ memberId: m.id, unitId: h.unit.id, chosenTopic: null, content: `Báo cáo số ${i} về giá cả`, proposal: null, mood: null, spread: null, source: null }, new Date(h.now.value.getTime() - 60_000));
    }
    await h.send(u, 'Thêm một báo cáo nữa về giá xăng tăng');
    await h.press(u, 'Gửi ngay');
    expect(h.lastText(u)).toContain('Gửi nội dung này thành báo cáo?');
    expect(h.api.textsTo(u.id).at(-2)).toContain('nhiều báo cáo trong một giờ');
    expect(await h.repos.reports.latestOf(m.id, 50)).toHaveLength(20);
    await h.send(u, '/cancel');
  });

  it('a flood of messages gets a friendly message', async () => {
    const u = h.user('vi');
    await h.member(u);
    const bot = h.newBot({ limits: { floodLimit: 5, floodWindowMs: 60_000 } });
    for (let i = 0; i < 8; i++) await bot.handleUpdate(textUpdate(u, '/help'));
    const texts = h.api.textsTo(u.id);
    expect(texts.filter((t) => t.includes('rất nhanh'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('/myreports'))).toHaveLength(5);
  });
});

describe('error boundary', () => {
  it('logs and answers politely when something breaks, and the next update works again', async () => {
    const u = h.user('vi');
    await h.member(u);
    let fail = true;
    const lookup = { findByTelegramId: async (id: bigint) => {
      if (fail) throw new Error('database is down');
      return h.repos.members.findByTelegramId(id);
    } };
    const bot = h.newBot({ memberLookup: lookup });
    await bot.handleUpdate(textUpdate(u, '/help'));
    expect(h.lastText(u)).toContain('Xin lỗi, đã có lỗi xảy ra');
    fail = false;
    await bot.handleUpdate(textUpdate(u, '/help'));
    expect(h.lastText(u)).toContain('/myreports');
  });
});

describe('other modules’ features', () => {
  it('get their buttons and commands even in the middle of a report, and the flow goes on', async () => {
    const { Composer } = await import('grammy');
    const extra = new Composer<import('../../src/bot/context.js').BotContext>();
    extra.callbackQuery(/^a:ack:\d+$/, (ctx) => ctx.answerCallbackQuery({ text: 'acknowledged' }));
    extra.command('digest', (ctx) => ctx.reply('digest here'));
    const bot = h.newBot({ extraFeatures: [extra] });
    const u = h.user('vi');
    await h.member(u, 'leader');
    await bot.handleUpdate(textUpdate(u, '/report'));
    await bot.handleUpdate(callbackUpdate(u, 'a:ack:12', 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('acknowledged');
    await bot.handleUpdate(textUpdate(u, '/digest'));
    expect(h.lastText(u)).toBe('digest here');
    await bot.handleUpdate(textUpdate(u, '/unknown'));
    expect(h.lastText(u)).toContain('đang làm dở một báo cáo');
    await bot.handleUpdate(textUpdate(u, 'kinh te'));
    expect(h.lastText(u)).toContain('Nội dung');
    await bot.handleUpdate(textUpdate(u, '/cancel'));
  });
});
