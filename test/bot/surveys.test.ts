/**
 * Answering surveys in the chat, over the fake Bot API: every question kind by button and by
 * typing, bad answers re-asked, changing answers, a closed survey, a restart mid-survey,
 * /surveys, /cancel, and a report draft kept alongside.
 */
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/bot/i18n.js';
import type { BotContext } from '../../src/bot/context.js';
import { surveyBotParts, surveyStoreOf } from '../../src/compose/surveys.js';
import type { LifecycleDeps } from '../../src/app/surveys/lifecycle.js';
import { callbackUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import { QUEUES } from '../../src/queue/names.js';
import { buildSurveyInput, createOpenSurvey, testLifecycleDeps } from '../support/surveys.js';
import { createHarness, type Harness } from './harness.js';

describe('surveys in the chat', () => {
  let h: Harness;
  let queue: Queue;
  let life: LifecycleDeps;
  let leader: { id: number; role: 'leader'; unitId: number };
  const people: FakeUser[] = [];

  const responses = async (surveyId: number) =>
    h.db.sql.query<{ memberId: number | null; answers: Record<string, unknown>; createdAt: Date | null }>(`SELECT "memberId", answers, "createdAt" FROM "SurveyResponse" WHERE "surveyId" = $1`, [surveyId]);
  const start = (u: FakeUser, id: number) => h.handle(callbackUpdate(u, `sv:${id}:go`));

  beforeAll(async () => {
    const clock = () => h.now.value;
    h = await createHarness({});
    const i18n = createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language });
    const parts = surveyBotParts({ db: h.db, repos: h.repos, i18n }, clock);
    h.bot = h.newBot({ ...parts });
    queue = h.backend.queues.queue(QUEUES.delivery);
    life = testLifecycleDeps(h.db, h.repos, queue, clock);
    const lu = h.user('vi');
    const lm = await h.member(lu, 'leader');
    leader = { id: lm.id, role: 'leader', unitId: lm.unitId };
    for (let i = 0; i < 8; i++) {
      const u = h.user(i === 1 ? 'en' : 'vi');
      people.push(u);
      await h.member(u);
    }
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await h?.destroy();
  });

  it('answers every kind by button, then changes the answers until the close', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value));
    const u = people[0]!;
    await start(u, id);
    expect(h.lastText(u)).toContain('Câu 1/4');
    await h.press(u, 'Bình thường');
    expect(h.lastText(u)).toContain('Câu 2/4');
    await h.press(u, 'Điện');
    await h.press(u, 'Y tế');
    await h.press(u, 'Y tế');
    await h.press(u, 'Nước');
    const keyboard = h.api.callsOf('editMessageReplyMarkup', u.id).at(-1)!.payload.reply_markup as { inline_keyboard: { text: string }[][] };
    expect(keyboard.inline_keyboard.flat().map((b) => b.text)).toEqual(['☑️ 1. Điện', '☑️ 2. Nước', '⬜ 3. Y tế', '✅ Xong']);
    await h.press(u, 'Xong');
    expect(h.lastText(u)).toContain('Câu 3/4');
    await h.press(u, '4');
    expect(h.lastText(u)).toContain('Câu 4/4');
    await h.press(u, 'Bỏ qua');
    expect(h.lastText(u)).toContain('Cảm ơn bạn đã trả lời');
    const [r] = await responses(id);
    expect(r!.answers).toEqual({ '1': 1, '2': [0, 1], '3': 4, '4': null });

    await start(u, id);
    await h.press(u, 'Hài lòng');
    await h.press(u, 'Y tế');
    await h.press(u, 'Xong');
    await h.press(u, '5');
    await h.send(u, 'tốt hơn trước');
    expect(h.lastText(u)).toContain('Đã cập nhật');
    const after = await responses(id);
    expect(after).toHaveLength(1);
    expect(after[0]!.answers).toEqual({ '1': 0, '2': [2], '3': 5, '4': 'tốt hơn trước' });
  });

  it('takes typed answers (numbers, words with and without diacritics, English) and re-asks bad ones', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value));
    const vi = people[2]!;
    await start(vi, id);
    await h.send(vi, '7');
    const texts = h.api.textsTo(vi.id);
    expect(texts.at(-2)).toContain('chưa hiểu');
    expect(texts.at(-1)).toContain('Câu 1/4');
    await h.send(vi, 'khong hai long');
    await h.send(vi, 'dien, y te');
    await h.send(vi, 'sáu');
    expect(h.api.textsTo(vi.id).at(-2)).toContain('từ 1 đến 5');
    await h.send(vi, 'ba');
    await h.send(vi, 'một góp ý rất dài, dài hơn ba mươi ký tự nhiều');
    expect(h.api.textsTo(vi.id).at(-2)).toContain('quá giới hạn 30');
    expect(h.lastText(vi)).toContain('Câu 4/4');
    await h.send(vi, 'Cần thêm bác sĩ');
    expect(h.lastText(vi)).toContain('Cảm ơn');

    const en = people[1]!;
    await start(en, id);
    expect(h.lastText(en)).toContain('Question 1/4');
    expect(h.lastText(en)).toContain('Are you satisfied?');
    await h.send(en, 'satisfied');
    await h.send(en, '2');
    await h.send(en, 'five');
    await h.send(en, 'skip');
    expect(h.lastText(en)).toContain('Thank you');
    const rows = (await responses(id)).map((r) => r.answers);
    expect(rows).toEqual(expect.arrayContaining([{ '1': 2, '2': [0, 2], '3': 3, '4': 'Cần thêm bác sĩ' }, { '1': 0, '2': [1], '3': 5, '4': null }]));
  });

  it('resumes after a restart, lists open surveys, and /cancel stops answering', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value, { title: 'Khảo sát khởi động lại' }));
    const u = people[3]!;
    await start(u, id);
    await h.press(u, 'Hài lòng');
    h.bot = h.newBot({ ...surveyBotParts({ db: h.db, repos: h.repos, i18n: createI18n<BotContext>() }, () => h.now.value) });
    await h.send(u, '/surveys');
    expect(h.lastText(u)).toContain('Khảo sát khởi động lại');
    expect(h.lastText(u)).toContain('chưa trả lời');
    await h.send(u, '2');
    expect(h.lastText(u)).toContain('Câu 3/4');
    await h.send(u, '/cancel');
    expect(h.lastText(u)).toContain('Đã dừng trả lời khảo sát');
    await h.send(u, '3');
    expect(h.lastText(u)).not.toContain('Câu');
    expect(await responses(id)).toHaveLength(0);
  });

  it('keeps a report draft and a survey side by side', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value));
    const u = people[4]!;
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Người dân bàn tán nhiều về việc giá xăng tăng');
    await start(u, id);
    await h.press(u, 'Hài lòng');
    await h.press(u, 'Nước');
    await h.press(u, 'Xong');
    await h.press(u, '3');
    // Typed text belongs to the report in progress, not to the survey.
    await h.send(u, 'ai cũng lo chi phí đi lại');
    await h.press(u, 'Xong');
    expect(h.lastText(u)).toMatch(/tâm trạng|Tâm trạng/);
    await h.handle(callbackUpdate(u, `sv:${id}:4:s`));
    expect(h.lastText(u)).toContain('Cảm ơn');
    await h.press(u, 'Lo lắng');
    expect(h.lastText(u)).toContain('4/6');
    expect((await responses(id)).map((r) => r.answers)).toContainEqual({ '1': 0, '2': [1], '3': 3, '4': null });
    const conv = await h.storedConversation(u);
    expect(conv).toBeDefined();
  });

  it('says politely that a closed survey has closed', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value, { title: 'Sắp đóng', closesAt: new Date(h.now.value.getTime() + 3600_000).toISOString() }));
    const u = people[5]!;
    await start(u, id);
    await h.press(u, 'Hài lòng');
    const saved = h.now.value;
    h.now.value = new Date(saved.getTime() + 2 * 3600_000);
    try {
      await h.press(u, 'Điện');
      expect(h.lastText(u)).toContain('đã kết thúc');
      await start(u, id);
      expect(h.lastText(u)).toContain('Sắp đóng');
      expect(h.lastText(u)).toContain('đã kết thúc');
    } finally {
      h.now.value = saved;
    }
    expect(await responses(id)).toHaveLength(0);
  });

  it('a typed answer after the close is told the survey has closed, once; the next text is the person\'s again', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value, { title: 'Đóng khi đang gõ', closesAt: new Date(h.now.value.getTime() + 3600_000).toISOString() }));
    const u = people[7]!;
    await start(u, id);
    await h.press(u, 'Hài lòng');
    const saved = h.now.value;
    h.now.value = new Date(saved.getTime() + 2 * 3600_000);
    try {
      await h.send(u, 'dien');
      expect(h.lastText(u)).toContain('Đóng khi đang gõ');
      expect(h.lastText(u)).toContain('đã kết thúc');
      await h.send(u, 'Giá điện tháng này tăng mạnh, bà con trong xóm ai cũng hỏi vì sao.');
      expect(h.lastText(u)).not.toContain('đã kết thúc');
    } finally {
      h.now.value = saved;
    }
    expect(await responses(id)).toHaveLength(0);
  });

  it('an anonymous response carries no member and no time, and only its token changes it', async () => {
    // One response is enough to leave the mix here (the default waits for 5: see the anonymity test).
    await h.repos.settings.set(null, 'surveyMinGroupSize', 1);
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value, { anonymous: true }));
    const u = people[6]!;
    await start(u, id);
    await h.send(u, '1');
    await h.send(u, '1');
    await h.send(u, '1');
    await h.send(u, 'bỏ qua');
    expect(h.lastText(u)).toContain('ẩn danh');
    const [r] = await responses(id);
    expect(r).toMatchObject({ memberId: null, createdAt: null });
    await start(u, id);
    expect(h.lastText(u)).toContain('Sửa câu trả lời');
    await h.press(u, 'Sửa câu trả lời');
    expect(h.lastText(u)).toContain('Câu 1/4');
    await h.send(u, '3');
    await h.send(u, '3');
    await h.send(u, '2');
    await h.send(u, 'bỏ qua');
    expect(h.lastText(u)).toContain('Đã cập nhật');
    const rows = await responses(id);
    expect(rows.map((x) => x.answers)).toEqual([{ '1': 2, '2': [2], '3': 2, '4': null }]);
    await h.handle(callbackUpdate(u, `sv:${id}:c:${'A'.repeat(22)}`));
    expect(h.lastText(u)).toContain('không mở được');
    await h.send(u, '1');
    // A made-up token neither adds a response nor reaches someone else's.
    expect((await responses(id)).map((x) => x.answers)).toEqual([{ '1': 2, '2': [2], '3': 2, '4': null }]);
    await h.repos.settings.unset(null, 'surveyMinGroupSize');
  });

  it('refuses a survey to someone it was not sent to, and forged buttons', async () => {
    const id = await createOpenSurvey(life, leader, buildSurveyInput(h.now.value, { audience: { roles: ['leader'] } }));
    const u = people[7]!;
    await start(u, id);
    expect(h.lastText(u)).toContain('không dành cho bạn');
    await h.handle(callbackUpdate(u, `sv:${id}:1:o9`));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)!.payload.text).toBeTruthy();
    expect(await surveyStoreOf(h).recipient(id, (await h.repos.members.findByTelegramId(BigInt(u.id)))!.id)).toBeNull();
  });
});
