/**
 * Idle resident memory of each process kind of the BUILT code (`npm run build` first), on
 * PostgreSQL with STATE_BACKEND=postgres, bot threads off: `node dist/src/main.js <kind>` is
 * started against a fresh schema and a stand-in Bot API over HTTP (TELEGRAM_API_ROOT; it holds
 * getUpdates for its timeout as Telegram does), left idle a few seconds once started, and its
 * VmRSS read from /proc. Also the all-in-one process on the embedded database (PGlite).
 * Each process gets the NODE_OPTIONS the production image sets (Dockerfile `ENV NODE_OPTIONS`);
 * `BENCH_NODE_OPTIONS=` (empty) measures Node's defaults instead, for comparison.
 * Prints the median of several runs per kind; asserts nothing.
 * Targets: all ≤ 180 MB, bot ≤ 150 MB, workers ≤ 200 MB, web ≤ 120 MB.
 * Run: npm run build && npx tsx bench/memory.ts [runs=3] [idleSeconds=5] [kinds=all,bot,workers,web,pglite]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeBotApi } from '../src/fake-telegram/index.js';
import { createPostgresTestDatabase } from '../test/support/db.js';
import { percentile } from './support.js';

const RUNS = Number(process.argv[2] ?? 3);
const IDLE_S = Number(process.argv[3] ?? 5);
const KINDS = (process.argv[4] ?? 'all,bot,workers,web,pglite').split(',');
const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist/src/main.js');
if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run npm run build first');

// the stand-in Bot API: FakeBotApi behind HTTP; getUpdates waits for its timeout (long polling)
const fake = new FakeBotApi({ keepCalls: false });
const readBody = (req: IncomingMessage) =>
  new Promise<string>((ok) => {
    let b = '';
    req.on('data', (c) => (b += String(c)));
    req.on('end', () => ok(b));
  });
const server = createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.url?.endsWith('/getUpdates')) {
    const timeout = Number((JSON.parse(body || '{}') as { timeout?: number }).timeout ?? 0);
    await new Promise((r) => setTimeout(r, Math.min(timeout, 30) * 1000));
  }
  const answer = await fake.fetch(`https://api.telegram.org${req.url}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } } as never);
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(await answer.text());
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const apiRoot = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** The image's NODE_OPTIONS (the flags every deployed process runs with), unless overridden. */
const imageNodeOptions = /^ENV NODE_OPTIONS="([^"]*)"/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1] ?? '';
const NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? imageNodeOptions;

const db = await createPostgresTestDatabase(2);
/** Parts each kind logs as started (src/main.ts KINDS); web logs once, the bot also when it is connected. */
const PARTS: Record<string, number> = { all: 7, bot: 1, workers: 5, web: 1, pglite: 7 };

async function measure(kind: string): Promise<number> {
  const pgliteDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'pulse-mem-')) : null;
  const env = {
    PATH: process.env.PATH,
    DOTENV_CONFIG_QUIET: 'true',
    NODE_OPTIONS,
    LOG_LEVEL: 'info',
    STATE_BACKEND: 'postgres',
    TELEGRAM_BOT_TOKEN: '123456:MEMORY-BENCH-abcdefghijklmnopqrstuvwxyz',
    TELEGRAM_API_ROOT: apiRoot,
    BOT_THREADS: '0',
    WEB_PORT: '0',
    ...(pgliteDir ? { PGLITE_DIR: join(pgliteDir, 'db') } : { DATABASE_URL: db.url! }),
  };
  const child = spawn(process.execPath, [main, kind === 'pglite' ? 'all' : kind], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stdout.on('data', (b) => (logs += String(b)));
  child.stderr.on('data', (b) => (logs += String(b)));
  try {
    const deadline = Date.now() + 120_000;
    while ((logs.match(/"msg":"part started"/g)?.length ?? 0) < PARTS[kind]!) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${kind} did not start:\n${logs.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const TARGETS: Record<string, number | null> = { all: 180, bot: 150, workers: 200, web: 120, pglite: null };
try {
  console.log(`idle resident memory, built JS (node ${process.version}), STATE_BACKEND=postgres, BOT_THREADS=0, NODE_OPTIONS="${NODE_OPTIONS}", ${IDLE_S} s idle after start, median of ${RUNS} runs:`);
  for (const kind of KINDS) {
    const mb: number[] = [];
    for (let i = 0; i < RUNS; i++) mb.push(await measure(kind));
    const target = TARGETS[kind];
    const label = kind === 'pglite' ? 'all (embedded PGlite)' : kind === 'all' ? 'all (PostgreSQL)' : kind;
    console.log(`  ${label.padEnd(22)} ${percentile(mb, 50).toFixed(0).padStart(4)} MB   runs ${mb.map((m) => m.toFixed(0)).join(', ')}${target ? `   target ≤ ${target} MB` : ''}`);
  }
} finally {
  server.close();
  // the processes kept their queues in BullMQ's schema next to the database's (`<schema>_bullmq`)
  await db.sql.query(`DROP SCHEMA IF EXISTS "${db.schema}_bullmq" CASCADE`).catch(() => undefined);
  await db.destroy();
}
