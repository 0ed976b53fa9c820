import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('npm run demo (embedded database, fake Telegram, simulated collaborators)', () => {
  it('runs a short simulated period end to end with no Redis anywhere and exits cleanly with --once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/demo/main.ts', '--once', '--days', '2', '--per-day', '12', '--port', '0', '--data', join(dir, 'db')], {
        cwd: root,
        // no Redis: nothing answers at REDIS_URL, and the PATH holds node alone (no redis-server to start)
        env: { ...process.env, PATH: dirname(process.execPath), DATABASE_URL: 'postgresql://ignored-by-the-demo/x', STATE_BACKEND: '', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 240_000,
      });
      const out = r.stdout;
      expect(r.status, `${out}\n${r.stderr}`).toBe(0);
      expect(out).toMatch(/✓ organisation: .* 5 committees, 10 branches, 40 collaborators, 8 leaders/);
      expect(out).toContain('(queues and state: the embedded database)');
      const submitted = Number(/✓ (\d+) reports submitted/.exec(out)?.[1]);
      expect(submitted).toBeGreaterThanOrEqual(20);
      expect(out).toMatch(/0 flows failed/);
      const analysed = /reports stored: (\d+), analysed: (\d+)/.exec(out);
      expect(Number(analysed?.[2])).toBe(Number(analysed?.[1]));
      expect(out).toContain('Issue groups found');
      expect(out).toMatch(/✓ critical alert #\d+ raised/);
      expect(out).toMatch(/climbed to the leaders of/);
      expect(out).toMatch(/pressed Acknowledge: status is now "acknowledged"/);
      expect(out).toMatch(/✓ \d+ digest\(s\) sent/);
      expect(out).toMatch(/✓ survey \d+ opened by .*: 40 recipients in 1 cohort/);
      expect(out).toMatch(/✓ \d+ of 40 invited collaborators answered through the bot/);
      expect(out).toMatch(/Survey results \(closed; anonymous/);
      expect(out).toMatch(/response rate \d+% \(\d+\/40\)/);
      expect(out).toMatch(/Nhanh hơn: \d+ \(\d+%\)/);
      expect(`${out}${r.stderr}`).not.toMatch(/is missing in the following locale/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
