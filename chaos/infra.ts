/**
 * What the chaos suite runs against: a private PostgreSQL (initdb in a temporary folder, run as
 * the `postgres` user when we are root) and a private Redis (AOF on, `noeviction`), both on
 * loopback ports of their own, and Pulse's processes started from the repository with tsx.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, chownSync, createWriteStream } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
const isRoot = process.getuid?.() === 0;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once something listens on 127.0.0.1:port (or throws after timeoutMs). */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = createConnection(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), r(true)));
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${port}`);
    await sleep(100);
  }
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort().at(-1);
  if (!version) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join(root, version, 'bin', name);
}

function asPostgres(cmd: string, args: string[]): string[] {
  return isRoot ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}

/** A private PostgreSQL server. */
export class PrivatePostgres {
  readonly dir: string;
  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'pulse-chaos-pg-'));
    if (isRoot) chownSync(this.dir, uid('postgres'), gid('postgres'));
    const [cmd, ...args] = asPostgres(pgBin('initdb'), ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    execFileSync(cmd!, args, { stdio: 'ignore' });
  }
  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }
  /** Durable as in production (fsync, synchronous commit): an immediate stop is a crash, and a commit acknowledged before it must survive. */
  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=300`;
    const [cmd, ...args] = asPostgres(pgBin('pg_ctl'), ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', opts, '-w', 'start']);
    execFileSync(cmd!, args, { stdio: 'ignore' });
    await waitForPort(this.port);
  }
  /** Stops it at once (`immediate`: connections are cut, as when the server goes away). */
  stop(): void {
    const [cmd, ...args] = asPostgres(pgBin('pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    execFileSync(cmd!, args, { stdio: 'ignore' });
  }
  destroy(): void {
    try {
      this.stop();
    } catch {
      /* already stopped */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private Redis server with an append-only file (a restart keeps the queues). */
export class PrivateRedis {
  readonly dir: string;
  private proc: ChildProcess | null = null;
  constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'pulse-chaos-redis-'));
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await waitForPort(this.port);
  }
  /** kill -9 (what the AOF written so far survives). */
  async kill(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  }
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type ProcessKind = 'bot' | 'workers' | 'web';

/** One Pulse process (`tsx src/main.ts <kind>`), its output in the run's log folder. */
export class PulseProcess {
  private proc: ChildProcess | null = null;
  private stopping = false;
  starts = 0;
  /** Exits nobody asked for (a start-up that failed, a crash): restarted after 1 s, as a supervisor (compose's `restart`) would. */
  readonly unexpectedExits: { code: number | null; signal: string | null; at: number }[] = [];
  constructor(
    readonly name: string,
    readonly kind: ProcessKind,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}
  start(): void {
    mkdirSync(this.logDir, { recursive: true });
    const out = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', this.kind], { cwd: REPO, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.pipe(out);
    p.stderr!.pipe(out);
    this.proc = p;
    this.starts += 1;
    this.stopping = false;
    p.once('exit', (code, signal) => {
      if (this.stopping || this.proc !== p) return;
      this.unexpectedExits.push({ code, signal, at: Date.now() });
      this.proc = null;
      setTimeout(() => {
        if (!this.stopping && this.proc === null) this.start();
      }, 1000);
    });
  }
  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }
  /** Sends `signal` and waits for the exit: its code and how long it took. */
  async stop(signal: NodeJS.Signals, timeoutMs = 20_000): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const p = this.proc;
    this.stopping = true;
    if (!p || !this.running) return { code: null, signal: null, ms: 0 };
    const t0 = Date.now();
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => p.once('exit', (code, sig) => r({ code, signal: sig })));
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    const result = await exited;
    clearTimeout(timer);
    this.proc = null;
    return { ...result, ms: Date.now() - t0 };
  }
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}
function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}

/** True when the binaries the suite needs are installed. */
export function haveBinaries(): boolean {
  try {
    return existsSync(pgBin('initdb')) && execFileSync('which', ['redis-server']).length > 0;
  } catch {
    return false;
  }
}
