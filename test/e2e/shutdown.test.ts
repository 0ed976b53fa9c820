import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('the all-in-one process (embedded database)', () => {
  it('answers /ready with every dependency up, then exits 0 on SIGTERM after closing everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-all-'));
    const port = 39_000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
      cwd: root,
      // queues and state in the embedded database: no Redis on the PATH nor at REDIS_URL
      env: { PATH: dirname(process.execPath), REDIS_URL: 'redis://127.0.0.1:1', PGLITE_DIR: join(dir, 'db'), WEB_PORT: String(port), LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (b) => (logs += String(b)));
    child.stderr.on('data', (b) => (logs += String(b)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      let ready: { status: string; checks: Record<string, string> } | null = null;
      for (let i = 0; i < 120 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.json() as Promise<typeof ready>).catch(() => null);
        if (!ready) await new Promise((r) => setTimeout(r, 500));
      }
      expect(ready, logs).toEqual({ status: 'ok', checks: { database: 'ok', queues: 'ok' } });
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
      expect(code, logs).toBe(0);
      expect(logs).toContain('"reason":"SIGTERM"');
      expect(logs).not.toMatch(/"level":50/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
