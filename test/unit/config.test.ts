import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, redisUrlsOf, stateBackendOf, type Config } from '../../src/config.js';

const root = resolve(import.meta.dirname, '../..');

describe('configuration', () => {
  it('has sensible defaults: no token, embedded database, local Redis, Vietnam time', () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(r.config.DATABASE_URL).toBeUndefined();
    expect(r.config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(r.config.TZ_DEFAULT).toBe('Asia/Ho_Chi_Minh');
    expect(r.config.BOT_MODE).toBe('polling');
    expect(r.config.WEB_PORT).toBe(3000);
  });

  it('keeps queues and state in PostgreSQL with the embedded database, in Redis with DATABASE_URL, unless STATE_BACKEND says', () => {
    const of = (env: Record<string, string>) => {
      const r = parseConfig(env);
      if (!r.ok) throw new Error(r.problems.join('; '));
      return r.config as Config;
    };
    expect(stateBackendOf(of({}))).toBe('postgres');
    expect(stateBackendOf(of({ DATABASE_URL: 'postgresql://db/pulse' }))).toBe('redis');
    expect(stateBackendOf(of({ DATABASE_URL: 'postgresql://db/pulse', STATE_BACKEND: 'postgres' }))).toBe('postgres');
    expect(stateBackendOf(of({ STATE_BACKEND: 'redis' }))).toBe('redis');
    expect(of({}).BOT_THREADS).toBe(0);
    expect(redisUrlsOf(of({ REDIS_URL: 'redis://a:7000,redis://b:7001,redis://c:7002' }))).toEqual(['redis://a:7000', 'redis://b:7001', 'redis://c:7002']);
    const bad = parseConfig({ STATE_BACKEND: 'mongodb', REDIS_URL: 'redis://a:7000,http://b' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0]).sort()).toEqual(['REDIS_URL', 'STATE_BACKEND']);
  });

  it('reports every problem at once, one line each', () => {
    const r = parseConfig({ DATABASE_URL: 'mysql://x', TZ_DEFAULT: 'Mars/Olympus', WEB_PORT: '99999' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toMatch(/^DATABASE_URL: /);
    expect(r.problems.some((p) => p.startsWith('TZ_DEFAULT: ') && p.includes('Mars/Olympus'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('WEB_PORT: '))).toBe(true);
  });

  it('requires URL, secret and token in webhook mode and never echoes a secret', () => {
    const r = parseConfig({ BOT_MODE: 'webhook', TELEGRAM_BOT_TOKEN: 'abc' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual(['TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', 'WEBHOOK_URL']);
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '123:short-secret-value' }).ok).toBe(false);
    const shown = parseConfig({ TELEGRAM_BOT_TOKEN: '123:short-secret-value' });
    expect(JSON.stringify(shown)).not.toContain('short-secret-value');
  });

  it('a process started with three mistakes prints three lines and exits non-zero', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'check-config'], {
      cwd: root,
      env: { PATH: process.env.PATH, REDIS_URL: 'http://nope', LOG_LEVEL: 'loud', BOT_MODE: 'carrier-pigeon' },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.trim().split(':')[0]).sort()).toEqual(['BOT_MODE', 'LOG_LEVEL', 'REDIS_URL']);
  });
});
