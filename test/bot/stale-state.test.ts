import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends.js';
import { createHarness, type Harness } from './harness.js';

describe.each(BACKENDS)('a draft whose stored state no longer replays (a deploy changed the flow) (%s backend)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({}, backend);
  });
  afterAll(async () => h?.destroy());

  it('drops the stale state, gives back what was typed, and lets the person start again', async () => {
    const u = h.user();
    await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    await h.send(u, 'Giá xăng tăng liên tục, bà con <b>rất</b> lo lắng');
    const key = `${h.prefix}:conv:${u.id}`;
    const state = JSON.stringify(await h.storedConversation(u));
    expect(state).toContain('"send":[{"payload":"wait"},{"payload":"external"}');
    // What an older version of the flow would have recorded: a different operation at step 2.
    await h.state.conversations.write(key, JSON.parse(state.replace('"send":[{"payload":"wait"},{"payload":"external"}', '"send":[{"payload":"wait"},{"payload":"wait"}')));

    await h.send(u, 'thêm một câu nữa');
    const answer = h.lastText(u);
    expect(answer).toContain('Bot vừa được cập nhật');
    expect(answer).toContain('Giá xăng tăng liên tục, bà con &lt;b&gt;rất&lt;/b&gt; lo lắng');
    expect(await h.storedConversation(u)).toBeUndefined();

    await h.send(u, '/report');
    expect(h.lastText(u)).toMatch(/Chủ đề/);
  });

  it('a plain failure still gets the polite generic answer', async () => {
    const u = h.user();
    await h.member(u);
    h.api.failNext('sendMessage', { code: 400, description: 'Bad Request: boom' });
    await h.send(u, '/help');
    expect(h.lastText(u)).toMatch(/đã có lỗi xảy ra/);
  });
});
