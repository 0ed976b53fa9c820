/**
 * Benchmark of the report flow: 100 collaborators with a report conversation in flight at the
 * same time, conversation state on BENCH_BACKEND (the real Redis, default, or PostgreSQL), members and reports in the real PostgreSQL,
 * Telegram faked at the fetch level. Prints updates/s and per-update handling time (p50, p99).
 *
 * With threads > 0 (BOT_THREADS; the default is 0)
 * the updates go through the production front bot and thread pool (src/bot/threads.ts,
 * workers/bot-thread.ts); each thread's fake Bot API posts the calls that carry a keyboard back
 * to this thread (the bench presses their buttons), which is extra work the real bot does not do. With threads = 0 the bot runs in this thread.
 *
 *   [BENCH_BACKEND=postgres] npx tsx bench/report-flow.ts [conversations=100] [rounds=3] [threads=0] [youngGenerationMb]
 */
import { randomBytes } from 'node:crypto';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { createBot } from '../src/bot/create-bot.js';
import type { BotContext } from '../src/bot/context.js';
import { createI18n } from '../src/bot/i18n.js';
import { createCachedMemberLookup } from '../src/db/member-cache.js';
import { BOT_THREAD_ENTRY, createFrontBot, isMirroredCall, type BotThreadData } from '../src/bot/front-bot.js';
import { createThreadPool } from '../src/bot/threads.js';
import { parseConfig } from '../src/config.js';
import { createMemberLookup, createReportIntake, createRepositories } from '../src/db/repositories/index.js';
import { seedTaxonomy } from '../src/app/admin/units.js';
import { FakeBotApi, callbackUpdate, textUpdate, type FakeUser } from '../src/fake-telegram/index.js';
import { silentLogger } from '../src/logger.js';
import type { AnalyzeJob } from '../src/queue/jobs/analyze.js';
import { QUEUES } from '../src/queue/names.js';
import { createPostgresTestDatabase, TEST_REDIS_URL } from '../test/support/db.js';
import { BENCH_BACKEND, benchBackend } from './support.js';

const inFlight = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 3);
const threads = Number(process.argv[4] ?? 0);
const youngGenerationMb = process.argv[5] ? Number(process.argv[5]) : undefined; // threads' young generation (default: the pool's)

const db = await createPostgresTestDatabase(10);
const repos = createRepositories(db);
const prefix = `bench${randomBytes(3).toString('hex')}`;
// the bot's state and the analysis queue on BENCH_BACKEND, built as in production (src/compose/backends.ts)
const backend = await benchBackend(BENCH_BACKEND, db, prefix);
const analysisQueue = backend.queues.queue<AnalyzeJob>(QUEUES.analysis);
const api = new FakeBotApi({ keepCalls: false }); // the bench reads keyboards from onCall
const clock = () => new Date();
await seedTaxonomy({ repos, clock });
const unit = await repos.units.create({ name: 'Bench unit' });
const limits = { floodLimit: 100_000, reportsPerHour: 100_000 };
const conversationPrefix = `${prefix}:conv:`;
let handle: (u: Update) => Promise<unknown>;
let close: () => Promise<void>;
if (threads > 0) {
  const parsed = parseConfig({ DATABASE_URL: db.url!, REDIS_URL: TEST_REDIS_URL, STATE_BACKEND: BENCH_BACKEND, LOG_LEVEL: 'error', TELEGRAM_BOT_TOKEN: '123456:BENCH-TOKEN-abcdefghijklmnopqrstuvwxyz' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const pool = createThreadPool<BotThreadData>({
    entry: BOT_THREAD_ENTRY,
    count: threads,
    data: { config: parsed.config, queuePrefix: prefix, ...(backend.queueSchema ? { queueSchema: backend.queueSchema } : {}), botInfo: api.botInfo, fakeTelegram: true, mirrorKeyboardsOnly: true, limits, conversationPrefix },
    logger: silentLogger(),
    onOther: (m) => isMirroredCall(m) && api.mirror(m.call),
    ...(youngGenerationMb ? { youngGenerationMb } : {}),
  });
  await pool.ready();
  const front = createFrontBot('123456:BENCH-TOKEN-abcdefghijklmnopqrstuvwxyz', silentLogger(), { botInfo: api.botInfo as never, fetch: api.fetch });
  front.use(pool);
  handle = (u) => front.bot.handleUpdate(u);
  close = () => pool.close();
} else {
  const memberLookup = createCachedMemberLookup(db, createMemberLookup(db.sql)); // as in production
  const bot = createBot({
    token: '123456:BENCH-TOKEN-abcdefghijklmnopqrstuvwxyz',
    botInfo: api.botInfo as never,
    fetch: api.fetch,
    repos,
    memberLookup,
    reportIntake: createReportIntake(db.sql),
    state: await backend.botState({ draftsPrefix: `${prefix}:drafts` }),
    analysisQueue,
    i18n: createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language }),
    clock,
    logger: silentLogger(),
    conversationPrefix,
    limits,
  });
  handle = (u) => bot.handleUpdate(u);
  close = () => memberLookup.close();
}

// What Telegram sends back with a button press: the message it was on (text and keyboard).
const keyboards = new Map<string, { data: string[]; messageId: number; text: string; markup: InlineKeyboardMarkup }>();
api.onCall((c) => {
  const markup = c.payload.reply_markup as InlineKeyboardMarkup | undefined;
  if (markup?.inline_keyboard)
    keyboards.set(String(c.payload.chat_id), { data: markup.inline_keyboard.flat().map((b) => (b as { callback_data: string }).callback_data), messageId: (c.result as { message_id: number }).message_id, text: String(c.payload.text ?? ''), markup });
});

const base = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const users: FakeUser[] = [];
for (let i = 0; i < inFlight; i++) {
  const u = { id: base + i, firstName: `B${i}`, languageCode: 'vi' };
  await repos.members.create({ telegramUserId: BigInt(u.id), displayName: u.firstName, role: 'collaborator', unitId: unit.id });
  users.push(u);
}

const durations: number[] = [];
async function timed(update: Update): Promise<void> {
  const t0 = performance.now();
  await handle(update);
  durations.push(performance.now() - t0);
}
function press(u: FakeUser, suffix: string): Update {
  const kb = keyboards.get(String(u.id))!;
  const data = kb.data.find((d) => d.endsWith(suffix));
  if (!data) throw new Error(`no ${suffix}`);
  return callbackUpdate(u, data, kb.messageId, kb.text, kb.markup);
}
async function flow(u: FakeUser, round: number): Promise<void> {
  await timed(textUpdate(u, '/report'));
  await timed(press(u, ':t:economy'));
  await timed(textUpdate(u, `Người dân bàn tán về giá xăng tăng, vòng ${round}, người ${u.id}`));
  await timed(press(u, ':c:done'));
  await timed(press(u, ':m:worried'));
  await timed(textUpdate(u, 'dia phuong'));
  await timed(press(u, ':o:conversation'));
  await timed(press(u, ':p:skip'));
  await timed(press(u, ':v:submit'));
}

await Promise.all(users.map((u) => flow(u, -1))); // warm-up: one uncounted round (each thread compiles its own code)
durations.length = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  await Promise.all(users.map((u) => flow(u, r)));
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuMsPerUpdate = (cpu.user + cpu.system) / 1000 / durations.length;
const sorted = [...durations].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
const stored = await db.prisma.report.count();
console.log(`[${BENCH_BACKEND}] report flow: ${inFlight} conversations in flight, ${rounds} rounds, ${threads ? `${threads} bot threads` : 'bot in the main thread'}, ${durations.length} updates in ${seconds.toFixed(2)} s`);
console.log(`  ${(durations.length / seconds).toFixed(0)} updates/s; handling time per update p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
console.log(`  CPU of this process: ${cpuMsPerUpdate.toFixed(2)} ms per update (${(1000 / cpuMsPerUpdate).toFixed(0)} updates/s per fully available core); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
console.log(`  reports stored: ${stored} (expected ${inFlight * (rounds + 1)}); resident memory of this process ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

await analysisQueue.obliterate({ force: true });
await analysisQueue.close();
await close();
await backend.destroy();
await db.destroy();
