import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { createHarness, fillReport, type Harness } from './harness.js';

describe.each(BACKENDS)('the report conversation (%s backend)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({}, backend);
  });
  afterAll(async () => {
    await h?.destroy();
  });

  describe('the report flow', () => {
    it('happy path in Vietnamese: stored as received, reference shown, analysis enqueued', async () => {
      const u = h.user('vi');
      const m = await h.member(u);
      await h.send(u, '/report');
      expect(h.lastText(u)).toContain('Lưu ý');
      expect(h.lastText(u)).toContain('Chủ đề');
      await h.press(u, 'Kinh tế');
      await h.send(u, 'Người dân bàn tán nhiều về việc giá xăng tăng');
      await h.send(u, 'ai cũng lo chi phí đi lại');
      await h.press(u, 'Xong');
      await h.send(u, 'lo lang');
      await h.send(u, '3');
      await h.press(u, 'Trò chuyện');
      await h.send(u, 'Đề nghị giải thích rõ lý do tăng giá');
      const card = h.lastText(u);
      expect(card).toContain('Kinh tế, đời sống');
      expect(card).toContain('giá xăng tăng\nai cũng lo');
      expect(card).toContain('Lo lắng');
      expect(card).toContain('Rộng rãi ở địa phương');
      await h.press(u, 'Gửi');
      expect(h.lastText(u)).toMatch(/R-2026-\d{6}/);
      const [report] = await h.repos.reports.latestOf(m.id);
      expect(report).toMatchObject({
        status: 'received',
        chosenTopic: 'economy',
        mood: 'worried',
        spread: 'local',
        source: 'conversation',
        proposal: 'Đề nghị giải thích rõ lý do tăng giá',
        content: 'Người dân bàn tán nhiều về việc giá xăng tăng\nai cũng lo chi phí đi lại',
      });
      expect(h.lastText(u)).toContain(report!.reference);
      const job = await h.analysisQueue.getJob(`analyze-${report!.id}`);
      expect(job?.data).toEqual({ reportId: report!.id });
    });

    it('happy path in English with typed answers', async () => {
      const u = h.user('en');
      const m = await h.member(u);
      await h.send(u, '/report');
      expect(h.lastText(u)).toContain('Topic');
      await h.send(u, 'health');
      await h.send(u, 'Nurses at the district hospital have not been paid for two months');
      await h.send(u, 'done');
      await h.send(u, 'angry');
      await h.send(u, 'within the unit');
      await h.send(u, 'meeting');
      await h.send(u, 'skip');
      expect(h.lastText(u)).toContain('Please check your report');
      await h.press(u, 'Submit');
      expect(h.lastText(u)).toMatch(/Thank you! .*R-2026-\d{6}/);
      const [report] = await h.repos.reports.latestOf(m.id);
      expect(report).toMatchObject({ chosenTopic: 'health', mood: 'angry', spread: 'unit', source: 'meeting', proposal: null, quick: false });
    });

    it('edits each field from the review card', async () => {
      const u = h.user('en');
      const m = await h.member(u, 'collaborator', 'en');
      await fillReport(h, u, 'People complain about electricity prices going up', {
        topic: 'Economy',
        mood: 'Worried',
        spread: 'locality',
        source: 'Conversation',
        skip: 'Skip',
        done: 'Done',
      });
      await h.press(u, '✏️ Topic');
      await h.press(u, 'Let the system decide');
      expect(h.lastText(u)).toContain('Let the system decide');
      await h.press(u, '✏️ Content');
      expect(h.lastText(u)).toContain('People complain about electricity');
      await h.send(u, 'Households worry about the new electricity tariff');
      await h.press(u, 'Done');
      await h.press(u, '✏️ Mood');
      await h.press(u, 'Angry');
      await h.press(u, '✏️ Spread');
      await h.press(u, 'Social media');
      await h.press(u, '✏️ Source');
      await h.press(u, 'Press');
      await h.press(u, '✏️ Proposal');
      await h.send(u, 'Explain the tariff publicly');
      const card = h.lastText(u);
      expect(card).toContain('Households worry');
      expect(card).not.toContain('People complain');
      await h.press(u, 'Submit');
      const [report] = await h.repos.reports.latestOf(m.id);
      expect(report).toMatchObject({
        chosenTopic: null,
        content: 'Households worry about the new electricity tariff',
        mood: 'angry',
        spread: 'online',
        source: 'press',
        proposal: 'Explain the tariff publicly',
      });
    });

    it('re-asks a wrong answer saying why, and keeps gathered content', async () => {
      const u = h.user('vi');
      await h.member(u);
      await h.send(u, '/report');
      await h.send(u, 'gì đó');
      expect(h.lastText(u)).toContain('Tôi chưa hiểu');
      await h.press(u, 'Y tế');
      await h.send(u, 'ngắn');
      await h.press(u, 'Xong');
      expect(h.lastText(u)).toContain('quá ngắn');
      await h.send(u, 'thêm nội dung cho đủ dài');
      await h.press(u, 'Xong');
      await h.send(u, 'vui vẻ quá đi thôi');
      expect(h.lastText(u)).toContain('Tôi chưa hiểu');
      await h.send(u, 'đồng tình');
      expect(h.lastText(u)).toContain('Mức độ lan truyền');
    });

    it('each update replays only the question it answers: the stored state does not grow with the steps behind it', async () => {
      const u = h.user('vi');
      await h.member(u);
      const opsStored = async () => {
        const stored = await h.storedConversation(u);
        const runs = (stored as unknown as { state: { report: { replay: { send: unknown[] } }[] } }).state.report;
        expect(runs).toHaveLength(1);
        return runs[0]!.replay.send.length;
      };
      const counts: number[] = [];
      await h.send(u, '/report');
      counts.push(await opsStored());
      await h.press(u, 'Kinh tế');
      counts.push(await opsStored());
      await h.send(u, 'Người dân bàn tán nhiều về giá xăng tăng');
      counts.push(await opsStored());
      await h.press(u, 'Xong');
      counts.push(await opsStored());
      for (const label of ['Lo lắng', 'địa phương', 'Trò chuyện', 'Bỏ qua']) {
        await h.press(u, label);
        counts.push(await opsStored());
      }
      expect(h.lastText(u)).toContain('Vui lòng kiểm tra báo cáo'); // the review card
      // a question's run holds its prompt and a wait (the content question also each message and its
      // reply); it does not carry the questions before it, so every later step stores the same
      expect(counts[2]).toBe(counts[1]! + 3); // one message gathered: its answer, reply, next wait
      expect(counts.slice(3)).toEqual(counts.slice(3).map(() => counts[1]));
      await h.press(u, 'Gửi');
      expect(h.lastText(u)).toMatch(/R-\d{4}-\d{6}/);
      expect(await h.storedConversation(u)).toBeUndefined();
    });

    it('a topic retired by an admin while a flow is open does not break the flow behind it', async () => {
      const u = h.user('vi');
      const m = await h.member(u);
      const old = h.bot;
      h.bot = h.newBot(); // a taxonomy cache of its own
      await h.send(u, '/report');
      await h.press(u, 'Giáo dục');
      await h.send(u, 'Phụ huynh băn khoăn về khoản thu thêm đầu năm học');
      await h.db.prisma.topic.update({ where: { slug: 'education' }, data: { active: false } });
      const start = h.now.value;
      h.now.value = new Date(start.getTime() + 61_000); // past the taxonomy cache's minute
      try {
        // every later update replays the press on a topic the taxonomy no longer has
        for (const label of ['Xong', 'Băn khoăn', 'đơn vị', 'Cuộc họp', 'Bỏ qua', 'Gửi']) await h.press(u, label);
        expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ chosenTopic: 'education', mood: 'skeptical', source: 'meeting' });
      } finally {
        await h.db.prisma.topic.update({ where: { slug: 'education' }, data: { active: true } });
        h.now.value = start;
        h.bot = old;
      }
    });
  });

  describe('cancel, restart, idle drafts', () => {
    const steps: [string, (h: Harness, u: import('../../src/fake-telegram/index.js').FakeUser) => Promise<unknown>][] = [
      ['topic', async () => undefined],
      ['content', (h, u) => h.press(u, 'Kinh tế')],
      ['content gathering', async (h, u) => (await h.press(u, 'Kinh tế'), h.send(u, 'Giá xăng tăng làm mọi người lo'))],
      ['mood', async (h, u) => (await h.press(u, 'Kinh tế'), await h.send(u, 'Giá xăng tăng làm mọi người lo'), h.press(u, 'Xong'))],
      ['spread', async (h, u) => (await h.press(u, 'Kinh tế'), await h.send(u, 'Giá xăng tăng làm mọi người lo'), await h.press(u, 'Xong'), h.send(u, '4'))],
      ['source', async (h, u) => (await h.press(u, 'Kinh tế'), await h.send(u, 'Giá xăng tăng làm mọi người lo'), await h.press(u, 'Xong'), await h.send(u, '4'), h.send(u, '1'))],
      [
        'proposal',
        async (h, u) => (await h.press(u, 'Kinh tế'), await h.send(u, 'Giá xăng tăng làm mọi người lo'), await h.press(u, 'Xong'), await h.send(u, '4'), await h.send(u, '1'), h.send(u, '1')),
      ],
    ];
    it.each(steps)('/cancel at the %s step stores nothing and ends the flow', async (_name, reach) => {
      const u = h.user('vi');
      const m = await h.member(u);
      await h.send(u, '/report');
      await reach(h, u);
      await h.send(u, '/cancel');
      expect(h.lastText(u)).toBe('Đã hủy. Chưa có gì được gửi.');
      await h.send(u, '/cancel');
      expect(h.lastText(u)).toBe('Không có gì để hủy.');
      expect(await h.repos.reports.latestOf(m.id)).toHaveLength(0);
    });

    it('/cancel and the Cancel button at the review card', async () => {
      const u = h.user('vi');
      const m = await h.member(u);
      await fillReport(h, u, 'Người dân lo lắng về giá điện tăng');
      await h.send(u, '/cancel');
      expect(h.lastText(u)).toBe('Đã hủy. Chưa có gì được gửi.');
      await fillReport(h, u, 'Người dân lo lắng về giá điện tăng');
      await h.press(u, 'Hủy');
      expect(h.lastText(u)).toBe('Đã hủy. Chưa có gì được gửi.');
      expect(await h.repos.reports.latestOf(m.id)).toHaveLength(0);
    });

    it('a new bot instance on the same Redis resumes the flow where the person was', async () => {
      const u = h.user('vi');
      const m = await h.member(u);
      await h.send(u, '/report');
      await h.press(u, 'Giáo dục');
      await h.send(u, 'Phụ huynh băn khoăn về việc thu thêm học phí');
      const restarted = h.newBot();
      const old = h.bot;
      h.bot = restarted;
      try {
        await h.press(u, 'Xong');
        expect(h.lastText(u)).toContain('Tâm trạng');
        await h.send(u, 'ban khoan');
        await h.send(u, '2');
        await h.send(u, 'hop');
        await h.send(u, 'bo qua');
        await h.press(u, 'Gửi');
        const [report] = await h.repos.reports.latestOf(m.id);
        expect(report).toMatchObject({ chosenTopic: 'education', mood: 'skeptical', spread: 'unit', source: 'meeting' });
      } finally {
        h.bot = old;
      }
    });

    it('a draft idle for 24 h is dropped with a message giving back what was typed', async () => {
      const u = h.user('vi');
      const m = await h.member(u);
      await h.send(u, '/report');
      await h.press(u, 'Y tế');
      await h.send(u, 'Bệnh viện huyện <b>nợ lương</b> nhân viên y tế');
      await h.press(u, 'Xong');
      const start = h.now.value;
      h.now.value = new Date(start.getTime() + 25 * 3600_000);
      try {
        await h.send(u, 'lo lắng');
        const texts = h.api.textsTo(u.id);
        const dropped = texts.find((t) => t.includes('24 giờ'));
        expect(dropped).toContain('Bệnh viện huyện &lt;b&gt;nợ lương&lt;/b&gt; nhân viên y tế');
        expect(await h.repos.reports.latestOf(m.id)).toHaveLength(0);
        await h.send(u, '/cancel');
        expect(h.lastText(u)).toBe('Không có gì để hủy.');
      } finally {
        h.now.value = start;
      }
    });
  });

  describe('the idle-draft reaper', () => {
    it('gives back and drops a draft idle for 24 h even if the person never writes again', async () => {
      const { reapIdleDrafts } = await import('../../src/bot/draft-store.js');
      const { createI18n, translator } = await import('../../src/bot/i18n.js');
      const { silentLogger } = await import('../../src/logger.js');
      const deps = {
        api: h.bot.api,
        conversations: h.state.conversations,
        drafts: h.state.drafts,
        clock: () => h.now.value,
        t: translator(createI18n()),
        logger: silentLogger(),
        conversationPrefix: `${h.prefix}:conv:`,
      };
      const u = h.user('en');
      const finished = h.user('vi');
      await h.member(u, 'collaborator', 'en');
      await h.member(finished);
      await fillReport(h, finished, 'Người dân lo lắng về giá điện tăng');
      await h.press(finished, 'Gửi');
      await h.send(u, '/report');
      await h.press(u, 'Economy');
      await h.send(u, 'People say the <new> bus fares are too high');
      const idleBefore = (await deps.drafts.idleBefore(h.now.value.getTime())).map((d) => d.chatId);
      expect(idleBefore).toContain(u.id);
      expect(idleBefore).not.toContain(finished.id);
      expect(await reapIdleDrafts(deps)).toBe(0);
      const start = h.now.value;
      h.now.value = new Date(start.getTime() + 24 * 3600_000 + 1);
      try {
        // every draft left open by this file's earlier tests is idle now too
        expect(await reapIdleDrafts(deps)).toBe(idleBefore.length);
        expect(h.lastText(u)).toContain('People say the &lt;new&gt; bus fares are too high');
        expect(h.lastText(u)).toContain('24 hours');
        expect(h.lastText(finished)).toMatch(/R-2026-\d{6}/);
        await h.send(u, '/cancel');
        expect(h.lastText(u)).toBe('There is nothing to cancel.');
        expect(await reapIdleDrafts(deps)).toBe(0);
      } finally {
        h.now.value = start;
      }
    });
  });

  describe('forgiving answers', () => {
    it('content typed at the topic question is kept as the content, and the flow skips the content step', async () => {
      const u = h.user('en');
      const m = await h.member(u);
      await h.send(u, '/report');
      await h.send(u, 'Petrol prices went up again and drivers complain');
      expect(h.lastText(u)).toContain('I kept that as the content');
      await h.press(u, 'Economy');
      expect(h.lastText(u)).toContain('Mood');
      await h.send(u, 'worried');
      await h.send(u, 'few');
      await h.send(u, 'conversation');
      await h.send(u, 'skip');
      expect(h.lastText(u)).toContain('Petrol prices went up again and drivers complain');
      await h.press(u, 'Submit');
      expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ chosenTopic: 'economy', content: 'Petrol prices went up again and drivers complain' });
    });
  });
});
