/**
 * `npm run demo` prints working dashboard sign-in links: a short simulated period, then the
 * admin's printed link is opened and confirmed over HTTP as a browser would (CSRF cookie and
 * token from the confirmation page), and the overview shows the simulated reports.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Cookies from Set-Cookie headers, as one Cookie header. */
const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
};

describe('npm run demo and the dashboard', () => {
  it('prints sign-in links for a leader and the admin that open the dashboard on the simulated reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-web-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts', '--days', '1', '--per-day', '10', '--port', '0', '--data', join(dir, 'db')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgresql://ignored-by-the-demo/x', LOG_LEVEL: 'error', PUBLIC_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => void (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => void (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 240_000;
      while (!/Running\. What to try next/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 250));
      const links = [...out.matchAll(/^ {2}(leader of .*|admin)\s+(http:\/\/\S+\/login\/[A-Za-z0-9_-]{43})$/gm)].map((m) => ({ who: m[1]!.trim(), url: m[2]! }));
      expect(links.map((l) => l.who.split(' ')[0]), out).toEqual(['leader', 'admin']);
      const admin = links[1]!.url;
      const jar = new Map<string, string>();
      const confirm = await fetch(admin);
      expect(confirm.status).toBe(200);
      const html = await confirm.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
      const signIn = await fetch(new URL('/login', admin), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookiesOf(confirm, jar), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token }).toString(),
      });
      expect(signIn.status).toBe(303);
      const overview = await fetch(new URL('/?days=7', admin), { headers: { cookie: cookiesOf(signIn, jar) } });
      expect(overview.status).toBe(200);
      const page = await overview.text();
      expect(page).toContain('Tổng quan');
      const reports = Number(/<h2>Báo cáo<\/h2><p class="big">([\d.]+)<\/p>/.exec(page)?.[1]?.replace(/\./g, ''));
      expect(reports).toBeGreaterThan(0);
      const search = await fetch(new URL('/reports', admin), { headers: { cookie: cookiesOf(overview, jar) } });
      expect(await search.text()).toMatch(/href="\/reports\/\d+"/);
    } finally {
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
