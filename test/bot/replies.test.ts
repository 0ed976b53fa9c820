/**
 * The smaller defects found in issue 10's trial, each through the whole bot: what is echoed
 * back, long texts outside a flow, greetings by role, /start mid-flow, /dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.destroy();
});

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
