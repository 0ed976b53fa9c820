import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_STATE_VERSION } from '../../src/bot/conversations/report-flow.js';
import type { FakeUser } from '../../src/fake-telegram/index.js';
import { BACKENDS } from '../support/backends.js';
import { createHarness, type Harness } from './harness.js';

describe.each(BACKENDS)('a draft whose stored state cannot go on (%s backend)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({}, backend);
  });
  afterAll(async () => h?.destroy());

  const key = (u: FakeUser) => `${h.prefix}:conv:${u.id}`;
  /** Replaces the stored conversation state with `json` (as an older deploy would have left it). */
  const store = (u: FakeUser, json: string) => h.state.conversations.write(key(u), JSON.parse(json) as never);

  async function startDraft(u: FakeUser): Promise<string> {
    await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Giá xăng tăng liên tục, bà con <b>rất</b> lo lắng');
    const state = await h.storedConversation(u);
    expect(state).toBeDefined();
    return JSON.stringify(state);
  }

  it('state of an older flow version (a deploy bumped FLOW_STATE_VERSION): what was typed is given back once', async () => {
    const u = h.user();
    const state = await startDraft(u);
    const current = `"version":[0,${FLOW_STATE_VERSION}]`;
    expect(state).toContain(current);
    await store(u, state.replace(current, `"version":[0,${FLOW_STATE_VERSION - 1}]`));

    await h.send(u, 'lo lắng');
    const texts = h.api.textsTo(u.id);
    expect(texts.at(-2)).toContain('Bot vừa được cập nhật');
    expect(texts.at(-2)).toContain('Giá xăng tăng liên tục, bà con &lt;b&gt;rất&lt;/b&gt; lo lắng');
    // the message itself goes on as any text outside a flow would
    expect(texts.at(-1)).toContain('/report');

    await h.send(u, '/report');
    expect(h.lastText(u)).toMatch(/Chủ đề/);
    expect(h.api.textsTo(u.id).filter((t) => t.includes('Bot vừa được cập nhật'))).toHaveLength(1);
    await h.send(u, '/cancel');
  });

  it('a flow that fails (its log no longer replays) ends with the draft given back, and the person can start again', async () => {
    const u = h.user();
    const state = await startDraft(u);
    expect(state).toContain('"send":[{"payload":"wait"},{"payload":"external"}');
    // What a different flow would have recorded: another operation at step 2.
    await store(u, state.replace('"send":[{"payload":"wait"},{"payload":"external"}', '"send":[{"payload":"wait"},{"payload":"wait"}'));

    await h.send(u, 'thêm một câu nữa');
    const answer = h.lastText(u);
    expect(answer).toContain('đã có lỗi xảy ra nên không thể tiếp tục');
    expect(answer).toContain('Giá xăng tăng liên tục, bà con &lt;b&gt;rất&lt;/b&gt; lo lắng');
    expect(await h.storedConversation(u)).toBeUndefined(); // the plugin left the failed conversation

    await h.send(u, '/report');
    expect(h.lastText(u)).toMatch(/Chủ đề/);
    await h.send(u, '/cancel');
  });

  it('a message the flow cannot send does not end it: the person is told, and the draft goes on', async () => {
    const u = h.user();
    const m = await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    h.api.failNext('sendMessage', { code: 400, description: 'Bad Request: boom' });
    await h.send(u, 'Người dân bàn tán nhiều về giá xăng tăng');
    expect(h.lastText(u)).toMatch(/đã có lỗi xảy ra/);
    await h.send(u, 'xong'); // the failed message carried the Done button
    expect(h.lastText(u)).toContain('Tâm trạng');
    for (const label of ['Lo lắng', 'địa phương', 'Trò chuyện', 'Bỏ qua', 'Gửi']) await h.press(u, label);
    expect((await h.repos.reports.latestOf(m.id))[0]?.content).toBe('Người dân bàn tán nhiều về giá xăng tăng');
  });

  it('a plain failure outside a flow still gets the polite generic answer', async () => {
    const u = h.user();
    await h.member(u);
    h.api.failNext('sendMessage', { code: 400, description: 'Bad Request: boom' });
    await h.send(u, '/help');
    expect(h.lastText(u)).toMatch(/đã có lỗi xảy ra/);
  });
});
