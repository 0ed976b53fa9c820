/**
 * Sign-in from the bot's one-time link, sessions, sign-out, deactivation, CSRF, security
 * headers and the login rate limit — over HTTP (`app.inject`) with a real runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLoginToken } from '../../src/app/dashboard/login.js';
import type { Member } from '../../src/domain/types.js';
import { openWebHarness, type WebHarness } from './harness.js';

let now = new Date();
const clock = () => now;

describe('dashboard sign-in', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await openWebHarness({ clock, loginRateLimit: 30 });
  });
  afterAll(() => h?.close());

  const link = async (m: Member) => {
    const r = await issueLoginToken({ tokens: h.web.dashboard.tokens, members: h.web.dashboard.members, audit: h.web.dashboard.audit, clock }, m);
    if (!r.ok) throw new Error(r.error);
    return r.value.token;
  };
  const audit = (action: string) => h.rt.db.sql.query<{ actorId: number; data: Record<string, unknown> }>(`SELECT "actorId", data FROM "AuditLog" WHERE action = $1 ORDER BY id`, [action]);

  it('opens a session from a link: the GET only confirms, the POST signs in, once, and is audited', async () => {
    const token = await link(h.org.healthLeader);
    const [stored] = await h.rt.db.sql.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "LoginToken" ORDER BY id DESC LIMIT 1`);
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const c = h.client();
    const confirm = await c.get(`/login/${token}`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Lãnh đạo Y tế');
    const again = await h.client().get(`/login/${token}`); // opening the link twice (a preview, a prefetch) does not use it up
    expect(again.status).toBe(200);
    const res = await c.post('/login', { token });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const cookie = [res.headers['set-cookie']].flat().find((s) => String(s).startsWith('pulse_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // PUBLIC_URL is http in this harness
    expect((await c.get('/')).status).toBe(200);
    const [row] = await h.rt.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WebSession" WHERE "memberId" = $1`, [h.org.healthLeader.id]);
    expect(row!.n).toBe(1);
    expect((await audit('dashboard.sign_in')).some((a) => a.actorId === h.org.healthLeader.id)).toBe(true);
    const second = h.client();
    await second.get('/signed-out');
    const reuse = await second.post('/login', { token });
    expect(reuse.status).toBe(410);
    expect(reuse.body).toContain('đã được sử dụng');
    expect((await audit('dashboard.sign_in.refused')).some((a) => a.data.reason === 'used')).toBe(true);
  });

  it('refuses an expired link (10 minutes), an unknown one and a malformed one', async () => {
    const token = await link(h.org.hospitalLeader);
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    try {
      const c = h.client();
      expect((await c.get(`/login/${token}`)).status).toBe(410);
      await c.get('/signed-out');
      const res = await c.post('/login', { token });
      expect(res.status).toBe(410);
      expect(res.body).toContain('hết hạn');
    } finally {
      now = new Date();
    }
    expect((await h.client().get(`/login/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await h.client().get('/login/%3Cscript%3E')).status).toBe(404);
  });

  it('gives no link to a collaborator', async () => {
    const r = await issueLoginToken({ tokens: h.web.dashboard.tokens, members: h.web.dashboard.members, audit: h.web.dashboard.audit, clock }, h.org.nurse);
    expect(r).toEqual({ ok: false, error: 'not_staff' });
  });

  it('without a session every page sends to the sign-in notice, and a POST is refused', async () => {
    const c = h.client();
    const res = await c.get('/reports');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signed-out?reason=none');
    await c.get('/signed-out');
    expect((await c.post('/alerts/1/ack')).status).toBe(401);
  });

  it('signs out: the old cookie no longer opens anything', async () => {
    const c = await h.signIn(h.org.educationLeader);
    const cookies = new Map(c.cookies);
    await c.get('/');
    const out = await c.post('/logout');
    expect(out.status).toBe(303);
    const stale = h.client();
    stale.cookies = cookies;
    expect((await stale.get('/')).location).toBe('/signed-out?reason=none');
  });

  it('ends the sessions of a deactivated member at once', async () => {
    const leader = await h.rt.repos.members.create({ telegramUserId: 77_000_001n, displayName: 'Sắp nghỉ', role: 'leader', unitId: h.org.health.id });
    const c = await h.signIn(leader);
    expect((await c.get('/')).status).toBe(200);
    await h.rt.repos.members.deactivate(leader.id, new Date());
    const res = await c.get('/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signed-out?reason=ended');
    const [row] = await h.rt.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WebSession" WHERE "memberId" = $1`, [leader.id]);
    expect(row!.n).toBe(0);
  });

  it('purges expired sessions and old sign-in tokens, keeping live ones', async () => {
    const c = await h.signIn(h.org.blocLeader);
    await h.rt.db.sql.query(`INSERT INTO "WebSession" ("idHash", "memberId", data, "expiresAt", "updatedAt") VALUES ('old', $1, '{}'::jsonb, now() - interval '1 hour', now())`, [h.org.blocLeader.id]);
    await h.rt.db.sql.query(`INSERT INTO "LoginToken" ("tokenHash", "memberId", "expiresAt") VALUES ('stale', $1, now() - interval '2 days')`, [h.org.blocLeader.id]);
    expect(await h.web.sessions.purgeExpired()).toBeGreaterThanOrEqual(2);
    expect(await h.rt.db.sql.query(`SELECT 1 FROM "WebSession" WHERE "idHash" = 'old'`)).toHaveLength(0);
    expect(await h.rt.db.sql.query(`SELECT 1 FROM "LoginToken" WHERE "tokenHash" = 'stale'`)).toHaveLength(0);
    expect((await c.get('/')).status).toBe(200);
  });

  it('checks a CSRF token on every POST', async () => {
    const c = await h.signIn(h.org.healthLeader);
    await c.get('/');
    expect((await c.post('/language', { lang: 'en', back: '/' }, null)).status).toBe(403);
    expect((await c.post('/language', { lang: 'en', back: '/' }, 'forged-token')).status).toBe(403);
    const ok = await c.post('/language', { lang: 'en', back: '/reports' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/reports');
    const page = await c.get('/');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Overview');
    const offsite = await c.post('/language', { lang: 'vi', back: '//evil.example/x' });
    expect(offsite.location).toBe('/');
  });

  it('sends security headers: a CSP without inline script or style, no framing, no referrer', async () => {
    const c = await h.signIn(h.org.admin);
    const res = await c.get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).not.toMatch(/ style="/i);
  });
});

describe('dashboard sign-in over https', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await openWebHarness({ publicUrl: 'https://dashboard.example.org', loginRateLimit: 3 });
  });
  afterAll(() => h?.close());

  it('marks cookies Secure when PUBLIC_URL is https', async () => {
    const r = await issueLoginToken({ tokens: h.web.dashboard.tokens, members: h.web.dashboard.members, audit: h.web.dashboard.audit, clock: () => new Date() }, h.org.admin);
    if (!r.ok) throw new Error(r.error);
    const page = await h.app.inject({ method: 'GET', url: `/login/${r.value.token}`, headers: { 'x-forwarded-proto': 'https' } });
    const csrfCookie = [page.headers['set-cookie']].flat().map(String).find((s) => s.startsWith('_csrf='));
    expect(csrfCookie).toMatch(/Secure/i);
    expect(String(page.headers['strict-transport-security'])).toContain('max-age');
  });

  it('rate-limits the sign-in routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await h.app.inject({ method: 'GET', url: `/login/${'B'.repeat(43)}`, remoteAddress: '10.9.8.7' })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
