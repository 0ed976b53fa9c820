/**
 * A private 3-node Redis Cluster on loopback (no replicas, nothing persisted) for the tests of
 * the scale-out path. Needs `redis-server` and `redis-cli` on the PATH; `clusterAvailable()`
 * tells, so the test can say why it does not run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** True when redis-server and redis-cli can be run. */
export function clusterAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;
}

/** The running cluster: its seed URLs and `stop()`. */
export interface TestCluster {
  urls: string[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts three cluster-enabled servers on `basePort`…`basePort + 2`, joins them and waits for `cluster_state:ok`. */
export async function startTestCluster(basePort = 7100): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-cluster-'));
  const ports = [basePort, basePort + 1, basePort + 2];
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      children.map(async (c) => {
        if (c.exitCode !== null) return;
        c.kill('SIGTERM');
        await new Promise((r) => c.once('exit', r));
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await waitForPing(port);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (let i = 0; i < 100; i++) {
      const info = spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'info'], { encoding: 'utf8' }).stdout;
      if (info.includes('cluster_state:ok')) return { urls: ports.map((p) => `redis://127.0.0.1:${p}`), stop };
      await sleep(100);
    }
    throw new Error('the test cluster did not reach cluster_state:ok');
  } catch (e) {
    await stop();
    throw e;
  }
}

async function waitForPing(port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on('error', () => undefined);
    try {
      await r.connect();
      if ((await r.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      r.disconnect();
    }
    await sleep(100);
  }
  throw new Error(`redis-server on ${port} did not start`);
}
