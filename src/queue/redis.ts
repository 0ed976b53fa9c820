/**
 * Redis connections. BullMQ needs `maxRetriesPerRequest: null` on connections used by workers.
 * `ensureRedis` serves the demo and the all-in-one mode: when nothing answers at REDIS_URL and
 * `redis-server` is on the PATH, it starts one (temporary directory, loopback only) and stops it
 * on exit; otherwise it says in one line how to get Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/** A connection suitable for BullMQ queues and workers and for grammY storage. */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...opts });
}

/** True when a PING to `url` answers within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export interface EnsuredRedis {
  url: string;
  /** True when this process started the server (and will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  constructor(url: string) {
    super(
      `Redis does not answer at ${url} and redis-server is not installed: start it with "docker compose up -d redis" or "apt-get install -y redis-server"`,
    );
    this.name = 'RedisUnavailableError';
  }
}

/** Uses the Redis at `url`, or starts a private loopback one when none answers. */
export async function ensureRedis(url: string): Promise<EnsuredRedis> {
  if (await pingRedis(url)) return { url, started: false, stop: async () => undefined };
  const parsed = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname);
  if (!local || spawnSync('redis-server', ['--version']).status !== 0) throw new RedisUnavailableError(url);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-redis-'));
  const port = parsed.port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', port, '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(`redis://127.0.0.1:${port}`, 300)) return { url: `redis://127.0.0.1:${port}`, started: true, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new RedisUnavailableError(url);
}
