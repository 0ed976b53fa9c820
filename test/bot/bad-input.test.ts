import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackUpdate, documentUpdate, oddUpdates, photoUpdate, textUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

async function toContentStep(u: FakeUser): Promise<void> {
  await h.send(u, '/report');
  await h.press(u, 'Kinh tế');
}

async function finish(u: FakeUser): Promise<void> {
  await h.press(u, 'Xong');
  await h.send(u, '2');
  await h.send(u, '1');
  await h.send(u, '1');
  await h.send(u, 'bỏ qua');
}

function htmlSent(u: FakeUser): string[] {
  return h.api.callsOf('sendMessage', u.id).map((c) => String(c.payload.text));
}

describe('bad input', () => {
  it('HTML and Markdown injection is stored as typed and escaped wherever shown', async () => {
    const u = h.user();
    const m = await h.member(u);
    const evil = '<b>x</b> <a href="http://evil">link</a> </code> *bold* _i_ [l](http://x) & ok';
    await toContentStep(u);
    await h.send(u, evil);
    await h.press(u, 'Xong');
    await h.send(u, '2');
    await h.send(u, '1');
    await h.send(u, '1');
    await h.send(u, '<i>đề nghị</i>');
    const card = h.lastText(u);
    expect(card).toContain('&lt;b&gt;x&lt;/b&gt; &lt;a href=&quot;http://evil&quot;&gt;link&lt;/a&gt; &lt;/code&gt;');
    expect(card).toContain('&amp; ok');
    expect(card).toContain('&lt;i&gt;đề nghị&lt;/i&gt;');
    expect(card).not.toContain('<a href');
    await h.press(u, 'Gửi');
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r?.content).toBe(evil);
    await h.send(u, '/myreports');
    expect(h.lastText(u)).toContain(r!.reference);
    for (const text of htmlSent(u)) expect(text).not.toMatch(/<a |<\/code>/);
  });

  it('a 9,000-character message and a 5,000-character word are refused with the reason; gathered text is kept', async () => {
    const u = h.user();
    const m = await h.member(u);
    await toContentStep(u);
    await h.send(u, 'Người dân bàn tán về giá xăng');
    await h.send(u, 'rất dài '.repeat(1125));
    expect(h.lastText(u)).toMatch(/quá dài \(9[.,]?029 ký tự/);
    await h.send(u, 'a'.repeat(5000));
    expect(h.lastText(u)).toContain('quá dài');
    await h.send(u, 'b'.repeat(500));
    expect(h.lastText(u)).toContain('chuỗi ký tự liền');
    await finish(u);
    await h.press(u, 'Gửi');
    expect((await h.repos.reports.latestOf(m.id))[0]?.content).toBe('Người dân bàn tán về giá xăng');
  });

  it('zero-width, right-to-left override, NUL and lone surrogates are stripped; NFD is stored as NFC', async () => {
    const u = h.user();
    const m = await h.member(u);
    await toContentStep(u);
    const nfd = 'Người dân lo lắng về giá điện'.normalize('NFD');
    await h.send(u, `${nfd}\u200B\u202E\u0000 tăng\uD800 mạnh`);
    await finish(u);
    await h.press(u, 'Gửi');
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r?.content).toBe('Người dân lo lắng về giá điện tăng mạnh'.normalize('NFC'));
    expect(r?.content).toBe(r?.content.normalize('NFC'));
  });

  it('only emoji, only whitespace and only invisible characters are refused with the reason', async () => {
    const u = h.user();
    await h.member(u);
    await toContentStep(u);
    await h.send(u, '😀😡🔥🔥🔥🔥🔥🔥🔥🔥');
    expect(h.lastText(u)).toContain('không có chữ');
    await h.send(u, '      \n\n   ');
    expect(h.lastText(u)).toContain('trống');
    await h.send(u, '\u200B\u200B\u202E');
    expect(h.lastText(u)).toContain('trống');
    await h.send(u, '/cancel');
  });

  it('a lone surrogate in the JSON of an update does not crash', async () => {
    const u = h.user();
    await h.member(u);
    const raw = JSON.parse(JSON.stringify(textUpdate(u, 'placeholder')).replace('placeholder', '\\ud800 Người dân nói về giá xăng')) as Update;
    await h.handle(raw);
    expect(h.lastText(u)).toContain('Gửi nội dung này thành báo cáo?');
    await h.press(u, 'Không');
  });

  it('unknown update kinds get a short answer or are ignored, and nothing crashes', async () => {
    const u = h.user();
    await h.member(u);
    const before = h.api.calls.length;
    for (const upd of oddUpdates(u)) await h.handle(upd);
    const texts = h.api.calls.slice(before).map((c) => String(c.payload.text ?? ''));
    expect(texts).toContain('Tôi không đọc tin nhắn đã sửa. Hãy gửi nội dung đã sửa thành một tin nhắn mới.');
    expect(texts.filter((t) => t.includes('chỉ đọc được chữ, ảnh'))).toHaveLength(2);
    expect(h.api.calls.slice(before).some((c) => String(c.payload.chat_id) === '-100123')).toBe(false);
  });

  it('stickers mid-flow re-ask; a photo with caption is content plus attachment', async () => {
    const u = h.user();
    const m = await h.member(u);
    await toContentStep(u);
    const [, , sticker] = oddUpdates(u);
    await h.handle(sticker!);
    expect(h.lastText(u)).toContain('chỉ đọc được chữ');
    await h.handle(photoUpdate(u, 'Đường ngập sâu sau mưa lớn, xe không đi được'));
    await finish(u);
    expect(h.lastText(u)).toContain('📎');
    await h.press(u, 'Gửi');
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r).toMatchObject({ content: 'Đường ngập sâu sau mưa lớn, xe không đi được', attachmentKind: 'photo' });
    expect(r?.attachmentFileId).toMatch(/^AgAC-/);
    await h.handle(documentUpdate(u, 'Văn bản thông báo thu hồi đất của xã'));
    expect(h.lastText(u)).toContain('Gửi nội dung này thành báo cáo?');
    await h.press(u, 'Gửi ngay');
    expect((await h.repos.reports.latestOf(m.id))[0]).toMatchObject({ quick: true, attachmentKind: 'document' });
  });
});

describe('buttons', () => {
  it('stale and forged callbacks are refused with a short notice, change nothing, and every callback is answered', async () => {
    const u = h.user();
    const m = await h.member(u);
    const answeredBefore = h.api.callsOf('answerCallbackQuery').length;
    await h.send(u, '/report');
    const oldTopic = await h.press(u, 'Kinh tế');
    await h.send(u, 'Giá xăng tăng làm mọi người lo lắng');
    // an earlier question's button, within the flow
    await h.handle(callbackUpdate(u, oldTopic, 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Nút này thuộc một tin nhắn cũ.');
    // forged data of every shape
    for (const data of ['r:zzzz:m:furious', 'r:abc', 'x'.repeat(64), 'w:abc', 'r:abcdef:t:not_a_topic', '']) {
      await h.handle(callbackUpdate(u, data, 1));
      expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toMatch(/không hợp lệ|tin nhắn cũ/);
    }
    await h.press(u, 'Xong');
    expect(h.lastText(u)).toContain('Tâm trạng');
    await h.send(u, '/cancel');
    // a button of the cancelled flow
    await h.handle(callbackUpdate(u, oldTopic, 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Nút này thuộc một tin nhắn cũ.');
    // someone else's report cannot be withdrawn
    await h.handle(callbackUpdate(u, 'w:999999', 1));
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Không tìm thấy báo cáo này.');
    expect(await h.repos.reports.latestOf(m.id)).toHaveLength(0);
    // every one of the 11 callbacks of this test was answered exactly once
    expect(h.api.callsOf('answerCallbackQuery').length - answeredBefore).toBe(11);
  });

  it('a double tap on Submit stores once', async () => {
    const u = h.user();
    const m = await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Giá xăng tăng làm mọi người lo lắng');
    await finish(u);
    const submit = await h.press(u, 'Gửi');
    await h.handle(callbackUpdate(u, submit, 1));
    expect(await h.repos.reports.latestOf(m.id)).toHaveLength(1);
    expect(h.api.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Nút này thuộc một tin nhắn cũ.');
  });
});
