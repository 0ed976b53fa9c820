/**
 * `npm run build` output runs on plain Node: compiled into a temporary folder (as the Docker
 * build stage does into dist/), it validates a configuration and starts the all-in-one process
 * on the embedded database, with node alone on the PATH and no Redis, answering /ready.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const nodeOnly = { PATH: dirname(process.execPath), DOTENV_CONFIG_QUIET: 'true' };

describe('the production build (tsc to dist/, run with node)', () => {
  let out: string;
  beforeAll(() => {
    // inside the project, as dist/ is, so that node_modules resolve as in the image
    mkdirSync(join(root, 'tmp'), { recursive: true });
    out = mkdtempSync(join(root, 'tmp', 'dist-'));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const copy = spawnSync(process.execPath, ['scripts/copy-build-assets.mjs', out], { cwd: root, encoding: 'utf8' });
    expect(copy.status, copy.stderr).toBe(0);
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the compiled processes and what they read at run time', () => {
    for (const f of ['src/main.js', 'src/cli/main.js', 'workers/bot-thread.js', 'workers/thread-entry.mjs', 'src/db/generated/client.js', 'src/bot/locales/vi/intake.ftl', 'src/nlp/model/pulse-model.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(existsSync(join(out, 'prisma/migrations/20261126062952_init/migration.sql'))).toBe(true);
    // the compiled code imports no TypeScript file and loads tsx only from the sources (the thread shim's branch for .ts)
    expect(readFileSync(join(out, 'src/db/generated/client.js'), 'utf8')).not.toMatch(/from "\.[^"]*\.ts"/);
  });

  it('validates a configuration: check-config exits 0, a bad one exits non-zero', () => {
    const ok = spawnSync(process.execPath, [join(out, 'src/main.js'), 'check-config'], { env: nodeOnly, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('configuration is valid');
    const bad = spawnSync(process.execPath, [join(out, 'src/main.js'), 'check-config'], { env: { ...nodeOnly, STATE_BACKEND: 'memcached' }, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/STATE_BACKEND: /);
  });

  it('starts the all-in-one process on the embedded database without Redis and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-dist-db-'));
    const child = spawn(process.execPath, [join(out, 'src/main.js'), 'all'], {
      env: { ...nodeOnly, PGLITE_DIR: join(dir, 'db'), WEB_PORT: '0', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (b) => (logs += String(b)));
    child.stderr.on('data', (b) => (logs += String(b)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      // the web part listens on a free port and logs its address
      let ready: unknown = null;
      for (let i = 0; i < 240 && !ready; i++) {
        const address = /"part":"web","address":"(http:[^"]+)"/.exec(logs)?.[1];
        if (address) ready = await fetch(`${address}/ready`).then((r) => r.json()).catch(() => null);
        if (!ready) await new Promise((r) => setTimeout(r, 500));
      }
      expect(ready, logs).toEqual({ status: 'ok', checks: { database: 'ok', queues: 'ok' } });
      child.kill('SIGTERM');
      expect(await exited, logs).toBe(0);
      expect(logs).not.toMatch(/"level":50/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
