/**
 * `npm run demo`: the whole product on one machine with nothing but Node.
 * Embedded database (./data/demo, fresh each run unless --keep) holding the queues and the bot's
 * state too (STATE_BACKEND=postgres; STATE_BACKEND=redis uses REDIS_URL), the demo organisation,
 * every process part in one process, a fake Telegram, and simulated collaborators who send a
 * realistic week of reports through the real conversation code. It then shows the analysis
 * (issue groups), the alerts (raised, escalated without an acknowledgement, then acknowledged
 * by a leader pressing the button), a survey (sent in cohorts, answered, reminded, results), and
 * the digests, and keeps running until Ctrl-C.
 *
 *   npm run demo [-- --days 7] [--per-day 24] [--once] [--keep] [--port 3000] [--data data/demo]
 */
import { createGroupStore } from '../db/stores/analysis-store.js';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { issueLoginToken } from '../app/dashboard/login.js';
import { produceDemoDigests } from '../app/digests/index.js';
import { loginUrl } from '../bot/features/dashboard-login.js';
import { createLoginTokenStore } from '../db/read-models/dashboard-writes.js';
import { digestDepsFrom } from '../compose/digests.js';
import { listIssueGroups } from '../app/issue-groups/manage.js';
import { loadConfigOrExit } from '../config.js';
import { createDeliveryPort } from '../delivery/index.js';
import { FakeBotApi } from '../fake-telegram/index.js';
import { botExtraFeatures } from '../compose/bot-extras.js';
import { startParts } from '../compose/parts.js';
import { QUEUES } from '../queue/names.js';
import { createRuntime, exitOnSignals, type Runtime } from '../compose/runtime.js';
import { startWeb } from '../compose/web.js';
import { runAlertScene } from './alert-scene.js';
import { runSurveyScene } from './survey-scene.js';
import { createFakeTelegramBot } from './fake-telegram-bot.js';
import { createDemoClock } from './clock.js';
import { printAlerts, printTotals, truncate } from './report.js';
import { seedDemoOrganisation, DEMO_INVITE, DEMO_LEADER_INVITE } from './seed.js';
import { fakeUsersOf, simulateCollaborators } from './simulate-collaborators.js';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    'per-day': { type: 'string', default: '24' },
    once: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    port: { type: 'string' },
    seed: { type: 'string', default: '20261126' },
    data: { type: 'string', default: 'data/demo' },
  },
});
const out = (s = '') => process.stdout.write(`${s}\n`);
const days = Math.max(1, Math.min(31, Number(args.days)));
const dataDir = resolve(args.data);
if (!args.keep) rmSync(dataDir, { recursive: true, force: true });

const config = loadConfigOrExit({
  ...process.env,
  DATABASE_URL: '',
  PGLITE_DIR: dataDir,
  TELEGRAM_BOT_TOKEN: '',
  BOT_MODE: 'polling',
  WEB_PORT: args.port ?? process.env.WEB_PORT ?? '3000',
});
const today = new Date();
const clock = createDemoClock(startOfLocalDay(new Date(today.getTime() - days * 86_400_000), 7));
const fake = new FakeBotApi({ botUsername: config.BOT_USERNAME });
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

out('Pulse demo — embedded database, fake Telegram, simulated collaborators');
let rt: Runtime;
try {
  rt = await createRuntime(config, { queuePrefix: `pulse-demo-${process.pid}`, fakeTelegram: fake, clock: clock.now, logger });
} catch (e) {
  out(`cannot start: ${(e as Error).message}`);
  process.exit(1);
}
exitOnSignals(rt);

const org = await seedDemoOrganisation(rt.repos, rt.clock);
// No quiet hours in the demo (it may run at night in Vietnam); escalation delays are shortened for the alert scene.
await rt.repos.settings.set(org.root.id, 'quietStart', '00:00');
await rt.repos.settings.set(org.root.id, 'quietEnd', '00:00');
out(`✓ organisation: "${org.root.name}", ${org.committees.length} committees, ${org.branches.length} branches, ${org.collaborators.length} collaborators, ${org.leaders.length} leaders, 1 admin`);

await startParts(rt, ['analysis', 'alerts', 'delivery', 'sweeper']);
const webAddress = await startWebOrFreePort(rt);
const { bot, close: closeBotQueue } = await createFakeTelegramBot(rt, {
  api: fake,
  logger: logger.child({ part: 'bot' }),
  extraFeatures: botExtraFeatures(rt, { webAddress }),
  conversationPrefix: `pulse-demo-${process.pid}:conv:`,
  draftsPrefix: `pulse-demo-${process.pid}:drafts`,
  limits: { reportsPerHour: 1000 },
});
rt.onShutdown('demo-bot', closeBotQueue);
await bot.init();
out(`✓ processes started in one: bot (fake Telegram), analysis, alerts, delivery, sweeper, web (dashboard and /health) on ${webAddress} (queues and state: ${rt.backend.kind === 'redis' ? 'Redis' : 'the embedded database'})`);

out(`… ${org.collaborators.length} simulated collaborators report through the bot over ${days} day(s)`);
let t0 = Date.now();
const sim = await simulateCollaborators({ bot, api: fake, users: fakeUsersOf(org.collaborators), days, reportsPerDay: Number(args['per-day']), rng: seededRng(Number(args.seed)), clock });
clock.goLive();
out(`✓ ${sim.submitted} reports submitted (${sim.full} through the full flow, ${sim.quick} quick), ${sim.updates} Telegram updates handled, ${sim.failed} flows failed, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

t0 = Date.now();
await waitForQueues(rt, [QUEUES.analysis, QUEUES.alerts, QUEUES.delivery], 180_000);
out(`✓ analysis, alerts and deliveries settled in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await printTotals(rt, out);

out('\nIssue groups found (most reports first):');
const groups = await listIssueGroups({ groups: createGroupStore(rt.db.sql, rt.db.prisma) }, { limit: 8 });
for (const g of groups) out(`  ${String(g.reportCount).padStart(3)} report${g.reportCount === 1 ? " " : "s"}, ${g.unitCount} unit${g.unitCount === 1 ? " " : "s"}  [${g.mainTopic ?? '?'}]  ${truncate(g.title, 80)}`);

out('\nAlerts:');
await printAlerts(rt, out);
await rt.repos.settings.set(org.root.id, 'escalationCriticalMinutes', 0.15);
await rt.repos.settings.set(org.root.id, 'escalationHighMinutes', 0.3);
const scene = await runAlertScene({ rt, bot, fake, org, out });
if (scene) await waitForQueues(rt, [QUEUES.alerts, QUEUES.delivery], 60_000);

out('\nA survey:');
await runSurveyScene({ rt, bot, fake, org, rng: seededRng(Number(args.seed) + 1), out, webAddress, waitDelivery: () => waitForQueues(rt, [QUEUES.delivery], 60_000) });

out('\nDigests of the last 7 days for every leader:');
const digests = await produceDemoDigests(digestDepsFrom({ sql: rt.db.sql, repos: rt.repos, clock: rt.clock, t: rt.t, logger: rt.logger }, createDeliveryPort(rt)));
await waitForQueues(rt, [QUEUES.delivery], 120_000);
out(`✓ ${digests.summary.sent} digest(s) sent to ${digests.summary.units} unit(s) with leaders; here is the busiest one:\n`);
out(digests.text ?? '(no digest text)');

await startParts(rt, ['digests']);
out('\nDashboard (one-time sign-in links, valid 10 minutes; restart with --keep for new ones):');
for (const [who, member] of [[`leader of "${org.committees[0]!.name}"`, org.leaders[2]!], ['admin', org.admin]] as const) {
  const issued = await issueLoginToken({ tokens: createLoginTokenStore(rt.db.sql), members: rt.repos.members, audit: rt.repos.audit, clock: rt.clock }, member);
  if (issued.ok) out(`  ${who.padEnd(40)} ${loginUrl(rt.config.PUBLIC_URL ?? webAddress, issued.value.token)}`);
}
out('\nRunning. What to try next:');
out(`  curl ${webAddress}/ready`);
out(`  npm run chat            talk to the bot yourself (invite codes: ${DEMO_INVITE}, ${DEMO_LEADER_INVITE})`);
out(`  PGLITE_DIR=${dataDir} npm run digest -- --unit "${org.committees[0]!.name}" --period week --date ${today.toISOString().slice(0, 10)}   (after stopping the demo)`);
out('  Ctrl-C to stop (the embedded database stays in ./data/demo until the next run).');
if (args.once) await rt.shutdown('--once').then(() => process.exit(0));

/** Starts the web part on WEB_PORT, or on a free port when that one is taken (a demo should not fail on it). */
async function startWebOrFreePort(rt: Runtime): Promise<string> {
  try {
    return await startWeb(rt);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    out(`  (port ${rt.config.WEB_PORT} is taken: using a free port)`);
    rt.config.WEB_PORT = 0;
    return startWeb(rt);
  }
}

/** Waits until the named queues have nothing waiting, active or delayed-within-a-minute. */
async function waitForQueues(rt: Runtime, names: string[], timeoutMs: number): Promise<void> {
  const queues = names.map((n) => rt.queues.queue(n) as Queue);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    out(`  (still busy after ${timeoutMs / 1000} s; carrying on)`);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/** Local midnight (at a fixed UTC offset) of the day containing `at`: the simulation's first day. */
function startOfLocalDay(at: Date, utcOffsetHours: number): Date {
  const local = new Date(at.getTime() + utcOffsetHours * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - utcOffsetHours * 3600_000);
}

/** A small deterministic generator (mulberry32), so a demo run can be repeated. */
function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
