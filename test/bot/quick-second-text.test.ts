import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../../src/fake-telegram/updates.js';
import { BACKENDS } from '../support/backends.js';
import { createHarness, type Harness } from './harness.js';

/**
 * After a stop before Telegram was told an update was handled, the same update comes again
 * (same update and message ids) although the flow already took it. A text is then not added
 * twice, and a later text is still added.
 */
describe.each(BACKENDS)('an update handed again to a report flow that already took it (%s backend)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({}, backend);
  });
  afterAll(async () => {
    await h?.destroy();
  });

  it('quick report: the first text handed again is not doubled; a second text is kept with it', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    const first = textUpdate(u, 'Công nhân khu công nghiệp bàn tán về việc tăng lương');
    await h.handle(first);
    const restarted = h.newBot();
    await restarted.handleUpdate(structuredClone(first));
    await restarted.handleUpdate(textUpdate(u, 'nhiều người lo không đủ sống'));
    expect(h.lastText(u)).toContain('tăng lương\nnhiều người lo không đủ sống');
    await h.press(u, 'Gửi ngay');
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r?.content).toBe('Công nhân khu công nghiệp bàn tán về việc tăng lương\nnhiều người lo không đủ sống');
  });

  it('full flow: a content piece handed again is taken once', async () => {
    const u = h.user('vi');
    const m = await h.member(u);
    await h.send(u, '/report');
    await h.press(u, 'Kinh tế');
    const piece = textUpdate(u, 'Người dân bàn tán nhiều về việc giá xăng tăng');
    await h.handle(piece);
    await h.handle(structuredClone(piece));
    await h.send(u, 'ai cũng lo chi phí đi lại');
    await h.press(u, 'Xong');
    await h.send(u, 'lo lang');
    await h.send(u, '3');
    await h.press(u, 'Trò chuyện');
    await h.send(u, 'bỏ qua');
    await h.press(u, 'Gửi');
    const [r] = await h.repos.reports.latestOf(m.id);
    expect(r?.content).toBe('Người dân bàn tán nhiều về việc giá xăng tăng\nai cũng lo chi phí đi lại');
  });
});
