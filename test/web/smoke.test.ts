import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebHarness, type WebHarness } from './harness.js';

describe('smoke', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await openWebHarness();
    await h.report({ member: h.org.nurse, content: 'Người dân BÁO ĐỘNG về giá xăng tăng mạnh.' });
  });
  afterAll(() => h?.close());

  it('renders', async () => {
    const c = await h.signIn(h.org.admin);
    for (const url of ['/', '/reports?q=bao+dong', '/groups', '/alerts', '/units', '/invites', '/admin', '/admin/audit']) {
      const r = await c.get(url);
      if (r.status !== 200) console.log(url, r.status, r.body.slice(0, 2000));
      expect(r.status, url).toBe(200);
    }
  });
});
