import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run chat', () => {
  it('runs a whole scripted conversation from stdin on the embedded database alone (no Redis) and exits at EOF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-chat-'));
    try {
      const script = ['/start DEMO-INVITE', '/report', '4', 'Giá xăng tăng, bà con <b>lo lắng</b> chi phí đi lại', '1', '4', '3', '1', 'bỏ qua', '7', '/myreports', ''].join('\n');
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/demo/chat.ts'], {
        cwd: ROOT,
        input: script,
        encoding: 'utf8',
        timeout: 90_000,
        // no Redis (none on the PATH, nothing at REDIS_URL): queues and the bot's state live in the embedded database
        env: { ...process.env, PATH: dirname(process.execPath), PGLITE_DIR: join(dir, 'pglite'), DATABASE_URL: '', STATE_BACKEND: '', REDIS_URL: 'redis://127.0.0.1:1', CHAT_USER_ID: String(780_000_000 + Math.floor(Math.random() * 1e6)), LOG_LEVEL: 'warn' },
      });
      expect(r.status, r.stderr).toBe(0);
      const out = r.stdout;
      expect(out).toContain('Chào mừng');
      expect(out).toMatch(/\[15\] 🤖 Để hệ thống chọn/);
      expect(out).toContain('Nội dung: Giá xăng tăng, bà con <b>lo lắng</b> chi phí đi lại');
      const ref = /Mã số: (R-\d{4}-\d{6})/.exec(out)?.[1];
      expect(ref).toBeDefined();
      expect(out.split('> /myreports')[1]).toContain(ref!);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
