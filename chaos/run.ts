/**
 * `npm run chaos [-- --short] [-- --backend redis|postgres|both]`: Pulse's real processes (bot,
 * two workers, web) started from the repository over a private PostgreSQL and Redis on loopback
 * ports, Telegram played by the fake Bot API over loopback HTTP (TELEGRAM_API_ROOT), and
 * simulated collaborators who send reports through the real bot (text, then "Send now").
 * Each scenario streams reports while something fails, then waits for the system to recover,
 * and prints: reports sent / stored / analysed, alerts expected / raised, duplicate card sends,
 * lost reports, stuck work, recovery time. Exits non-zero on any loss, stuck work, duplicate
 * alert, or duplicate sends beyond the documented bound. Not part of `npm test`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { seedTaxonomy } from '../src/app/admin/units.js';
import { MAX_RESENDS } from '../src/app/alerts/observer.js';
import { FakeBotApi, callbackUpdate, textUpdate, type ApiCall, type FakeUser } from '../src/fake-telegram/index.js';
import { serveFakeBotApi } from '../src/fake-telegram/http-server.js';
import { PrivatePostgres, PrivateRedis, PulseProcess, haveBinaries, sleep, type ProcessKind } from './infra.js';

type Backend = 'redis' | 'postgres';
const args = process.argv.slice(2);
const SHORT = args.includes('--short');
const backendArg = args[args.indexOf('--backend') + 1];
const BACKENDS: Backend[] = args.includes('--backend') ? (backendArg === 'both' ? ['redis', 'postgres'] : [backendArg as Backend]) : SHORT ? ['redis'] : ['redis', 'postgres'];
const OUTAGE_MS = SHORT ? 10_000 : 30_000;
const REPORTS = SHORT ? 24 : 40;
const RECOVERY_LIMIT_MS = SHORT ? 120_000 : 180_000;
/** Each scenario has collaborators of its own: a person left with an odd prompt by one fault does not carry it into the next. */
const MAX_SCENARIOS = 10;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1]!.toLowerCase() : null;
const TOKEN = '123456:CHAOS-token-for-the-fake-bot-api-0000';

const TEXTS = [
  'Lũ quét cuốn trôi nhiều nhà ở xã vùng cao, còn người mắc kẹt trên mái nhà, cần cứu hộ gấp trong đêm nay',
  'Hàng chục học sinh nhập viện cấp cứu sau bữa trưa ở trường, phụ huynh rất hoảng loạn, nghi ngộ độc thực phẩm',
  'Người dân rủ nhau kéo đến trụ sở xã phản đối việc thu hồi đất, tình hình rất căng thẳng có thể xô xát',
  'Sạt lở đất vùi lấp mấy căn nhà ven đồi, chưa liên lạc được với một số hộ dân, cần lực lượng tìm kiếm ngay',
];

interface Row {
  backend: Backend;
  scenario: string;
  sent: number;
  stored: number;
  analysed: number;
  alertsExpected: number;
  alertsRaised: number;
  duplicateAlerts: number;
  duplicateSends: number;
  maxCopies: number;
  lost: number;
  stuck: number;
  recoveryMs: number | null;
  note: string;
}

interface World {
  backend: Backend;
  fake: FakeBotApi;
  db: Database;
  pg: PrivatePostgres;
  redis: PrivateRedis | null;
  procs: Record<'bot' | 'workers1' | 'workers2' | 'web', PulseProcess>;
  collaborators: FakeUser[];
  leaderChats: string[];
  branchId: number;
  pressed: Set<string>;
  /** Scenarios run so far on this world. */
  scenarios: number;
}

/** The collaborator who sends the report marked `s<k>-<i>` (the world's k-th scenario, its i-th report). */
function senderOf(w: World, marker: string): FakeUser {
  const i = Number(marker.split('-')[1]);
  return w.collaborators[((w.scenarios - 1) % MAX_SCENARIOS) * REPORTS + i]!;
}

/**
 * Simulated collaborators: when the bot offers "Send now" under their text, they press it; as a
 * person would, they press a later offer of the same text too, until the bot gives them a
 * reference number (after a kill -9 the bot may handle the text again and offer it anew).
 */
function driveCollaborators(w: World): void {
  const ours = new Set(w.collaborators.map((c) => String(c.id)));
  const thanked = new Set<string>();
  w.fake.onCall((c: ApiCall) => {
    if (c.method !== 'sendMessage' || !(c.ok || c.delivered) || !ours.has(String(c.payload.chat_id))) return;
    const chat = String(c.payload.chat_id);
    if (/R-\d{4}-\d{6}/.test(String(c.payload.text ?? ''))) thanked.add(chat);
    const marker = /\[(s\d+-\d+)\]/.exec(String(c.payload.text ?? ''))?.[1];
    const rows = (c.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard;
    const send = rows?.flat().find((b) => b.text.includes('Gửi ngay'));
    if (!marker || !send || thanked.has(chat)) return;
    w.pressed.add(marker);
    const u = w.collaborators.find((x) => String(x.id) === String(c.payload.chat_id))!;
    const messageId = (c.result as { message_id?: number } | undefined)?.message_id ?? 1;
    w.fake.pushUpdate(callbackUpdate(u, send.callback_data, messageId));
  });
}

async function setup(backend: Backend, ports: { pg: number; redis: number; web: number }, logDir: string): Promise<World> {
  const pgServer = new PrivatePostgres(ports.pg);
  await pgServer.start();
  const redis = backend === 'redis' ? new PrivateRedis(ports.redis) : null;
  await redis?.start();
  const db = await openDatabase({ url: pgServer.url, poolSize: 4 });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const repos = createRepositories(db);
  await seedTaxonomy({ repos, clock: () => new Date() });
  const root = await repos.units.create({ name: 'Đảng ủy Khối' });
  const branch = await repos.units.create({ name: 'Chi bộ A', parentId: root.id });
  await repos.settings.set(null, 'quietStart', '00:00');
  await repos.settings.set(null, 'quietEnd', '00:00');
  const leaders = [];
  for (let i = 0; i < 2; i++) leaders.push(await repos.members.create({ telegramUserId: BigInt(8_100_000 + i), displayName: `Leader ${i}`, role: 'leader', unitId: branch.id, language: 'vi' }));
  await repos.members.create({ telegramUserId: BigInt(8_200_000), displayName: 'Root leader', role: 'leader', unitId: root.id, language: 'vi' });
  const collaborators: FakeUser[] = [];
  for (let i = 0; i < REPORTS * MAX_SCENARIOS; i++) {
    const u = { id: 8_300_000 + i, firstName: `C${i}`, languageCode: 'vi' };
    await repos.members.create({ telegramUserId: BigInt(u.id), displayName: u.firstName, role: 'collaborator', unitId: branch.id, language: 'vi' });
    collaborators.push(u);
  }
  const fake = new FakeBotApi();
  const server = await serveFakeBotApi(fake);
  const env: Record<string, string> = {
    DATABASE_URL: pgServer.url,
    STATE_BACKEND: backend,
    REDIS_URL: redis?.url ?? 'redis://127.0.0.1:1',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.url,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '8',
    DOTENV_CONFIG_QUIET: 'true',
  };
  const proc = (name: string, kind: ProcessKind, extra: Record<string, string> = {}) => new PulseProcess(`${backend}-${name}`, kind, { ...env, ...extra }, logDir);
  const w: World = {
    backend,
    fake,
    db,
    pg: pgServer,
    redis,
    procs: { bot: proc('bot', 'bot'), workers1: proc('workers1', 'workers'), workers2: proc('workers2', 'workers'), web: proc('web', 'web', { WEB_PORT: String(ports.web) }) },
    collaborators,
    leaderChats: leaders.map((l) => String(l.chatId)),
    branchId: branch.id,
    pressed: new Set(),
    scenarios: 0,
  };
  driveCollaborators(w);
  for (const p of Object.values(w.procs)) p.start();
  await waitFor(() => fake.callsOf('getUpdates').length > 0, 120_000, 'the bot polls');
  await sleep(SHORT ? 3000 : 5000); // workers warm up (the NLP model)
  (w as World & { close: () => Promise<void> }).close = server.close;
  return w;
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(200);
  }
}

/**
 * Sends `n` reports over ~n/4 seconds, each from a collaborator of its own (one report in flight
 * per person, as people do), marked `[s<k>-<i>]` at the start (the offer's preview shows it).
 */
async function stream(w: World, tag: string, n: number, ratePerSecond = 4): Promise<string[]> {
  const markers: string[] = [];
  w.scenarios += 1;
  for (let i = 0; i < n; i++) {
    const marker = `${tag}-${i}`;
    const u = senderOf(w, marker);
    w.fake.pushUpdate(textUpdate(u, `[${marker}] ${TEXTS[i % TEXTS.length]}`));
    markers.push(marker);
    await sleep(1000 / ratePerSecond);
  }
  return markers;
}

interface Tally {
  stored: number;
  analysed: number;
  duplicateReports: number;
  groups: number[];
  alerts: { id: number; issueGroupId: number | null }[];
  stuck: number;
}

async function tally(w: World, tag: string, since: Date): Promise<Tally> {
  const q = async <T>(sql: string, p: unknown[] = []) => w.db.sql.query<T>(sql, p);
  const like = `%[${tag}-%`;
  const [r] = await q<{ stored: number; distinct_markers: number; analysed: number }>(
    `SELECT count(*)::int AS stored, count(DISTINCT substring(content from '\\[(s[0-9]+-[0-9]+)\\]'))::int AS distinct_markers,
            count(*) FILTER (WHERE status = 'analysed' AND "evaluatedAt" IS NOT NULL)::int AS analysed
       FROM "Report" WHERE content LIKE $1`,
    [like],
  );
  const groups = (await q<{ g: number }>(`SELECT DISTINCT "issueGroupId" AS g FROM "Report" WHERE content LIKE $1 AND "urgencyLevel" = 'critical' AND "issueGroupId" IS NOT NULL`, [like])).map((x) => x.g);
  const alerts = await q<{ id: number; issueGroupId: number | null }>(`SELECT id, "issueGroupId" FROM "Alert" WHERE "issueGroupId" = ANY($1::int[]) AND "unitId" = $2 AND "createdAt" >= $3`, [
    groups,
    w.branchId,
    since.toISOString(),
  ]);
  const [s] = await q<{ n: number }>(
    `SELECT ((SELECT count(*) FROM "Report" WHERE content LIKE $1 AND (status = 'received' OR "evaluatedAt" IS NULL))
           + (SELECT count(*) FROM "Delivery" WHERE status IN ('pending', 'sending'))
           + (SELECT count(*) FROM "Alert" WHERE status IN ('open', 'acknowledged') AND ("dispatchedStep" IS NULL OR "dispatchedStep" < "escalationStep")))::int AS n`,
    [like],
  );
  return { stored: r!.distinct_markers, analysed: r!.analysed, duplicateReports: r!.stored - r!.distinct_markers, groups, alerts, stuck: s!.n };
}

/** Copies of each alert's card that reached each branch leader. */
function cardCopies(w: World, alertIds: number[]): { missing: number; duplicates: number; max: number } {
  let missing = 0;
  let duplicates = 0;
  let max = 0;
  for (const chat of w.leaderChats) {
    const sends = w.fake.callsOf('sendMessage', chat).filter((c) => c.ok || c.delivered);
    for (const id of alertIds) {
      const n = sends.filter((c) => String(c.payload.text).includes(`#${id}</b>`)).length;
      if (n === 0) missing += 1;
      duplicates += Math.max(0, n - 1);
      max = Math.max(max, n);
    }
  }
  return { missing, duplicates, max };
}

async function settle(w: World, tag: string, sent: number, faultEnd: number, since: Date): Promise<{ t: Tally; recoveryMs: number | null }> {
  const end = Date.now() + RECOVERY_LIMIT_MS;
  for (;;) {
    const t = await tally(w, tag, since).catch(() => null);
    if (t && t.stored === sent && t.analysed >= sent - t.duplicateReports && t.alerts.length >= t.groups.length && t.stuck === 0 && cardCopies(w, t.alerts.map((a) => a.id)).missing === 0) {
      return { t, recoveryMs: Date.now() - faultEnd };
    }
    if (Date.now() > end) return { t: t ?? (await tally(w, tag, since)), recoveryMs: null };
    await sleep(250);
  }
}

function row(w: World, scenario: string, sent: number, t: Tally, recoveryMs: number | null, note: string): Row {
  const cards = cardCopies(w, t.alerts.map((a) => a.id));
  const perGroup = new Map<number, number>();
  for (const a of t.alerts) if (a.issueGroupId !== null) perGroup.set(a.issueGroupId, (perGroup.get(a.issueGroupId) ?? 0) + 1);
  const duplicateAlerts = [...perGroup.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  return {
    backend: w.backend,
    scenario,
    sent,
    stored: t.stored,
    analysed: t.analysed,
    alertsExpected: t.groups.length,
    alertsRaised: new Set(t.alerts.map((a) => a.issueGroupId)).size,
    duplicateAlerts,
    duplicateSends: cards.duplicates,
    maxCopies: cards.max,
    lost: sent - t.stored,
    stuck: t.stuck,
    recoveryMs,
    note: [note, t.duplicateReports ? `${t.duplicateReports} report(s) stored twice` : '', cards.missing ? `${cards.missing} card(s) missing` : ''].filter(Boolean).join('; '),
  };
}

let scenarioSeq = 0;
/** Streams reports, runs `fault` after a second, and measures the recovery from when `fault` returns. */
async function scenario(w: World, name: string, fault: () => Promise<string | void>): Promise<Row | null> {
  if (ONLY && !name.toLowerCase().includes(ONLY)) return null;
  const tag = `s${++scenarioSeq}`;
  process.stdout.write(`[${w.backend}] ${name} …\n`);
  await closeAlerts(w);
  const since = new Date();
  const streaming = stream(w, tag, REPORTS);
  await sleep(1500);
  const note = (await fault()) ?? '';
  const markers = await streaming;
  const faultEnd = Date.now();
  const { t, recoveryMs } = await settle(w, tag, markers.length, faultEnd, since);
  const exits = Object.values(w.procs).flatMap((p) => p.unexpectedExits.filter((e) => e.at >= since.getTime()).map((e) => `${p.name.replace(`${w.backend}-`, '')} exited ${e.code ?? e.signal} (restarted)`));
  const r = row(w, name, markers.length, t, recoveryMs, [note, ...exits].filter(Boolean).join('; '));
  if (r.lost > 0) await explainLost(w, markers);
  const rec = r.recoveryMs === null ? 'NOT RECOVERED' : `recovered in ${(r.recoveryMs / 1000).toFixed(1)} s`;
  process.stdout.write(`  stored ${r.stored}/${r.sent}, analysed ${r.analysed}, alerts ${r.alertsRaised}/${r.alertsExpected}, duplicate sends ${r.duplicateSends}, lost ${r.lost}, stuck ${r.stuck}, ${rec}\n`);
  return r;
}

/**
 * Closes the alerts of the previous scenarios and retires their cards (as a leader's Resolve
 * would), so that each scenario's reports raise new alerts and send new cards: the texts are
 * the same, so the reports join the same issue groups.
 */
async function closeAlerts(w: World): Promise<void> {
  await w.db.sql.query(`UPDATE "Alert" SET status = 'resolved', "openKey" = NULL, "closedAt" = now(), "nextEscalationAt" = NULL WHERE status IN ('open', 'acknowledged')`);
  await w.db.sql.query(`UPDATE "AlertCard" SET "liveKey" = NULL, "closedAt" = now() WHERE "liveKey" IS NOT NULL`);
}

/** Prints, for each report not stored, what its sender last got from the bot. */
async function explainLost(w: World, markers: string[]): Promise<void> {
  const stored = new Set(
    (await w.db.sql.query<{ m: string }>(`SELECT substring(content from '\\[(s[0-9]+-[0-9]+)\\]') AS m FROM "Report" WHERE content LIKE $1`, [`%[${markers[0]!.split('-')[0]}-%`])).map((x) => x.m),
  );
  for (const m of markers.filter((x) => !stored.has(x)).slice(0, 5)) {
    const u = senderOf(w, m);
    const texts = w.fake.calls
      .filter((c) => String(c.payload.chat_id) === String(u.id) || (c.method === 'answerCallbackQuery' && false))
      .map((c) => `${c.method}${c.ok ? '' : ` [${c.errorCode}${c.delivered ? ' delivered' : ''}]`}: ${String(c.payload.text ?? '').slice(0, 60)}`);
    console.log(`  lost ${m} (pressed: ${w.pressed.has(m)}): last texts to ${u.id}: ${JSON.stringify(texts.slice(-4))}`);
  }
}

const kill9 = async (p: PulseProcess, downMs = 2000) => {
  await p.stop('SIGKILL');
  await sleep(downMs);
  p.start();
};

async function runBackend(backend: Backend, base: number, logDir: string): Promise<Row[]> {
  const w = await setup(backend, { pg: base, redis: base + 1, web: base + 2 }, logDir);
  const all: (Row | null)[] = [];
  const rows = { push: (r: Row | null) => all.push(r) };
  try {
    rows.push(await scenario(w, 'kill -9 both workers mid-stream', async () => {
      await Promise.all([kill9(w.procs.workers1), kill9(w.procs.workers2)]);
    }));
    rows.push(await scenario(w, 'kill -9 bot mid-stream', () => kill9(w.procs.bot)));
    if (!SHORT) rows.push(await scenario(w, 'kill -9 web mid-stream', () => kill9(w.procs.web)));
    if (w.redis) {
      rows.push(await scenario(w, `Redis kill -9, ${OUTAGE_MS / 1000} s outage`, async () => {
        await w.redis!.kill();
        await sleep(OUTAGE_MS);
        await w.redis!.start();
      }));
    }
    if (!SHORT || backend === 'postgres') {
      rows.push(await scenario(w, `PostgreSQL stopped ${OUTAGE_MS / 1000} s`, async () => {
        w.pg.stop();
        await sleep(OUTAGE_MS);
        await w.pg.start();
      }));
    }
    rows.push(await scenario(w, '502 after delivery, 10 s storm', async () => {
      const leaders = new Set(w.leaderChats);
      w.fake.failNext((m, p) => m === 'sendMessage' && leaders.has(String(p.chat_id)), { code: 502, delivered: true, description: 'Bad Gateway' }, 1_000_000);
      await sleep(10_000);
      w.fake.clearFailures();
    }));
    if (!SHORT) {
      rows.push(await scenario(w, '502 not delivered, 10 s storm', async () => {
        const leaders = new Set(w.leaderChats);
        w.fake.failNext((m, p) => m === 'sendMessage' && leaders.has(String(p.chat_id)), { code: 502, description: 'Bad Gateway' }, 1_000_000);
        await sleep(10_000);
        w.fake.clearFailures();
      }));
      const violationsBefore = w.fake.retryAfterViolations;
      // on the leaders' chats (the delivery path and its shared limiter): a storm on a person's
      // own chat outlasts the bot's auto-retry (3 attempts) and the reply fails (README, limits)
      const r = await scenario(w, '429 storm on leaders (retry_after 3), 10 s', async () => {
        const leaders = new Set(w.leaderChats);
        w.fake.failNext((m, p) => (m === 'sendMessage' || m === 'editMessageText') && leaders.has(String(p.chat_id)), { code: 429, retryAfter: 3 }, 1_000_000);
        await sleep(10_000);
        w.fake.clearFailures();
      });
      if (r) r.note = [r.note, `${w.fake.retryAfterViolations - violationsBefore} retry_after violation(s)`].filter(Boolean).join('; ');
      rows.push(r);
    }
    // SIGTERM to every process kind: each must exit 0, promptly
    if (!ONLY || 'sigterm'.includes(ONLY)) {
    const stops: string[] = [];
    let bad = 0;
    for (const [name, p] of Object.entries(w.procs)) {
      const s = await p.stop('SIGTERM');
      stops.push(`${name} ${s.code ?? s.signal} in ${s.ms} ms`);
      if (s.code !== 0) bad += 1;
    }
    rows.push({ backend, scenario: 'SIGTERM every process', sent: 0, stored: 0, analysed: 0, alertsExpected: 0, alertsRaised: 0, duplicateAlerts: 0, duplicateSends: 0, maxCopies: 0, lost: 0, stuck: bad, recoveryMs: 0, note: stops.join(', ') });
    }
  } finally {
    for (const p of Object.values(w.procs)) await p.stop('SIGKILL');
    await w.db.close().catch(() => undefined);
    await (w as World & { close: () => Promise<void> }).close();
    await w.redis?.destroy();
    w.pg.destroy();
  }
  return all.filter((r): r is Row => r !== null);
}

function printTable(rows: Row[]): void {
  const head = ['backend', 'scenario', 'sent', 'stored', 'analysed', 'alerts exp/raised', 'dup alerts', 'dup sends (max copies)', 'lost', 'stuck', 'recovery', 'notes'];
  const lines = rows.map((r) => [
    r.backend,
    r.scenario,
    String(r.sent),
    String(r.stored),
    String(r.analysed),
    `${r.alertsExpected}/${r.alertsRaised}`,
    String(r.duplicateAlerts),
    `${r.duplicateSends} (${r.maxCopies})`,
    String(r.lost),
    String(r.stuck),
    r.recoveryMs === null ? 'NOT RECOVERED' : `${(r.recoveryMs / 1000).toFixed(1)} s`,
    r.note,
  ]);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
}

function failed(r: Row): boolean {
  return r.lost !== 0 || r.stuck !== 0 || r.duplicateAlerts !== 0 || r.recoveryMs === null || r.maxCopies > 1 + MAX_RESENDS || r.alertsRaised < r.alertsExpected;
}

if (!haveBinaries()) {
  console.error('chaos: needs PostgreSQL (/usr/lib/postgresql/*/bin) and redis-server');
  process.exit(2);
}
const logDir = mkdtempSync(join(tmpdir(), 'pulse-chaos-logs-'));
const started = Date.now();
console.log(`chaos: ${SHORT ? 'short' : 'full'} run on ${BACKENDS.join(' + ')}; process logs in ${logDir}`);
const rows: Row[] = [];
let port = 25_400 + Math.floor(Math.random() * 500) * 4;
for (const b of BACKENDS) {
  rows.push(...(await runBackend(b, port, logDir)));
  port += 4;
}
printTable(rows);
const bad = rows.filter(failed);
console.log(`\n${rows.length} scenario(s) in ${((Date.now() - started) / 1000).toFixed(0)} s; ${bad.length} failed${bad.length ? ': ' + bad.map((r) => `${r.backend}/${r.scenario}`).join(', ') : ''}`);
process.exit(bad.length ? 1 : 0);
