/**
 * A whole bot over the fake Bot API, a fresh PostgreSQL schema and the state backend under
 * test (real Redis, or PostgreSQL: test/support/backends.ts), with a settable clock. Users get
 * random Telegram ids so test files never share state.
 */
import { randomBytes } from 'node:crypto';
import type { ConversationData, VersionedState } from '@grammyjs/conversations';
import type { Queue } from 'bullmq';
import type { Update } from 'grammy/types';
import { createBot } from '../../src/bot/create-bot.js';
import type { BotContext } from '../../src/bot/context.js';
import type { BotDeps } from '../../src/bot/deps.js';
import type { BotState } from '../../src/bot/state.js';
import { createI18n } from '../../src/bot/i18n.js';
import { createCachedMemberLookup, type CachedMemberLookup } from '../../src/db/member-cache.js';
import { createMemberLookup, createReportIntake, createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { hashInviteCode } from '../../src/app/admin/invite-codes.js';
import { seedTaxonomy } from '../../src/app/admin/units.js';
import type { Member, Unit } from '../../src/domain/types.js';
import type { Role } from '../../src/domain/vocabulary.js';
import { FakeBotApi, textUpdate, callbackUpdate, type FakeUser } from '../../src/fake-telegram/index.js';
import { silentLogger } from '../../src/logger.js';
import type { AnalyzeJob } from '../../src/queue/jobs/analyze.js';
import { QUEUES } from '../../src/queue/names.js';
import { openTestBackend, type BackendKind, type TestBackend } from '../support/backends.js';
import { createPostgresTestDatabase, type TestDatabase } from '../support/db.js';

export interface Harness {
  db: TestDatabase;
  repos: Repositories;
  backend: TestBackend;
  /** The bot's conversation state, draft index and flood counters on that backend. */
  state: BotState;
  api: FakeBotApi;
  analysisQueue: Queue<AnalyzeJob>;
  unit: Unit;
  prefix: string;
  now: { value: Date };
  /** The bot's membership cache, as in production (kept correct by the database's notifications). */
  memberCache: CachedMemberLookup;
  bot: ReturnType<typeof createBot>;
  /** A new bot instance on the same Redis and database (a restart). */
  newBot(overrides?: Partial<BotDeps>): ReturnType<typeof createBot>;
  user(lang?: string): FakeUser;
  member(u: FakeUser, role?: Role, language?: 'vi' | 'en' | null): Promise<Member>;
  invite(code: string, opts?: { maxUses?: number; expiresAt?: Date; role?: Role }): Promise<number>;
  send(u: FakeUser, text: string): Promise<void>;
  handle(update: Update): Promise<void>;
  /** Presses the button whose label contains `label` on the latest keyboard sent to the user. */
  press(u: FakeUser, label: string): Promise<string>;
  lastText(u: FakeUser): string;
  /** The conversation state stored for the user's chat (undefined when none). */
  storedConversation(u: FakeUser): Promise<VersionedState<ConversationData> | undefined>;
  destroy(): Promise<void>;
}

/** The tap on the button whose label contains `label`, on the latest keyboard the fake API sent to the user. */
export function pressUpdate(api: FakeBotApi, u: FakeUser, label: string): { update: Update; data: string } {
  const call = [...api.calls].reverse().find((c) => String(c.payload.chat_id) === String(u.id) && c.payload.reply_markup);
  if (!call) throw new Error(`no keyboard sent to ${u.id}`);
  const rows = (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
  const button = rows.flat().find((b) => b.text.includes(label));
  if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(rows.flat().map((b) => b.text))}`);
  const messageId = (call.result as { message_id: number }).message_id;
  return { update: callbackUpdate(u, button.callback_data, messageId), data: button.callback_data };
}

let idBase = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** Builds the harness (one per test file) on the `kind` backend (default Redis). */
export async function createHarness(overrides: Partial<BotDeps> = {}, kind: BackendKind = 'redis', poolSize = 5): Promise<Harness> {
  const db = await createPostgresTestDatabase(poolSize);
  const repos = createRepositories(db);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const backend = await openTestBackend(kind, db, prefix);
  const state = await backend.botState({ draftsPrefix: `${prefix}:drafts` });
  const analysisQueue = backend.queues.queue<AnalyzeJob>(QUEUES.analysis);
  const api = new FakeBotApi();
  const now = { value: new Date('2026-11-26T08:00:00Z') };
  const clock = () => now.value;
  await seedTaxonomy({ repos, clock });
  const unit = await repos.units.create({ name: 'Chi bộ Thử nghiệm' });
  const i18n = createI18n<BotContext>({ memberLanguage: (ctx) => ctx.member?.language });
  const memberCache = createCachedMemberLookup(db, createMemberLookup(db.sql));
  const base: BotDeps = {
    token: '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz',
    botInfo: api.botInfo as unknown as NonNullable<BotDeps['botInfo']>,
    fetch: api.fetch,
    repos,
    memberLookup: memberCache,
    reportIntake: createReportIntake(db.sql),
    state,
    analysisQueue,
    i18n,
    clock,
    logger: silentLogger(),
    conversationPrefix: `${prefix}:conv:`,
    limits: { floodLimit: 1000 },
    ...overrides,
  };
  const newBot = (o: Partial<BotDeps> = {}) => createBot({ ...base, ...o });
  const h: Harness = {
    db,
    repos,
    backend,
    state,
    api,
    analysisQueue,
    unit,
    prefix,
    now,
    memberCache,
    bot: newBot(),
    newBot,
    user: (lang = 'vi') => ({ id: ++idBase, firstName: `U${idBase}`, languageCode: lang }),
    member: (u, role = 'collaborator', language = null) =>
      repos.members.create({ telegramUserId: BigInt(u.id), displayName: u.firstName, role, unitId: unit.id, language }),
    async invite(code, opts = {}) {
      const i = await repos.invites.create({
        codeHash: hashInviteCode(code),
        unitId: unit.id,
        role: opts.role ?? 'collaborator',
        expiresAt: opts.expiresAt ?? new Date(now.value.getTime() + 7 * 86400_000),
        maxUses: opts.maxUses ?? 1,
      });
      return i.id;
    },
    send: (u, text) => h.bot.handleUpdate(textUpdate(u, text)),
    handle: (update) => h.bot.handleUpdate(update),
    async press(u, label) {
      const { update, data } = pressUpdate(api, u, label);
      await h.bot.handleUpdate(update);
      return data;
    },
    lastText: (u) => api.textsTo(u.id).at(-1) ?? '',
    storedConversation: async (u) => (await state.conversations.read(`${prefix}:conv:${u.id}`)) ?? undefined,
    async destroy() {
      await analysisQueue.obliterate({ force: true }).catch(() => undefined);
      await analysisQueue.close();
      await memberCache.close();
      await backend.destroy();
      await db.destroy();
    },
  };
  return h;
}

/** Answers a whole report flow the quick way (buttons), up to the review card. */
export async function fillReport(h: Harness, u: FakeUser, content: string, labels = { topic: 'Kinh tế', mood: 'Lo lắng', spread: 'địa phương', source: 'Trò chuyện', skip: 'Bỏ qua', done: 'Xong' }): Promise<void> {
  await h.send(u, '/report');
  await h.press(u, labels.topic);
  await h.send(u, content);
  await h.press(u, labels.done);
  await h.press(u, labels.mood);
  await h.press(u, labels.spread);
  await h.press(u, labels.source);
  await h.press(u, labels.skip);
}
