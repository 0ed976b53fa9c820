/**
 * The alert-scopes migration on a database left by the previous model: one open alert per
 * issue group, raised in committee A and escalated to the bloc, that a near-identical report
 * from sibling committee B had joined. After the migration no message is lost (every recipient's
 * message is a card that later edits still find), the alert is keyed by its scope, and the
 * alerts worker's start-up reconciliation raises B's own alert, which B's leader never had.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileAlertScopes } from '../../../src/app/alerts/reconcile.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { applyMigrations, readMigrations } from '../../../src/db/migrate.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { silentLogger } from '../../../src/logger.js';
import { alertsDepsFrom } from '../../../src/compose/alerts.js';
import { createRedisQueueFactory } from '../../../src/queue/factory.js';
import { QUEUES } from '../../../src/queue/names.js';
import { createRedisCardEditGate } from '../../../src/queue/card-edit-gate.js';
import { createRedis, type Redis } from '../../../src/queue/redis.js';
import { createPostgresTestDatabase, MIGRATIONS_DIR, TEST_REDIS_URL, type TestDatabase } from '../../support/db.js';

const MIGRATION = '20261201154523_alert_scopes';

describe('migrating open alerts to scoped alerts and cards', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let redis: Redis;
  let prefix: string;
  const ids = {} as Record<'root' | 'a' | 'b' | 'leaderA' | 'leaderB' | 'leaderRoot' | 'ca' | 'cb' | 'group' | 'ra' | 'rb' | 'alert', number>;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.sql.query<T>(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await q<{ id: number }>(sql, params))[0]!.id;

  beforeAll(async () => {
    db = await createPostgresTestDatabase(5, MIGRATION);
    redis = createRedis(TEST_REDIS_URL);
    prefix = `t${randomBytes(5).toString('hex')}`;
    const unit = (name: string, parent: number | null, depth: number, path: number[]) =>
      one(`INSERT INTO "Unit" (name, "parentId", depth, path, "updatedAt") VALUES ($1, $2, $3, $4::int[], now()) RETURNING id`, [name, parent, depth, path]);
    ids.root = await unit('Khối', null, 0, []);
    ids.a = await unit('Committee A', ids.root, 1, [ids.root]);
    ids.b = await unit('Committee B', ids.root, 1, [ids.root]);
    await q(`INSERT INTO "UnitClosure" VALUES ($1,$1,0),($2,$2,0),($3,$3,0),($1,$2,1),($1,$3,1)`, [ids.root, ids.a, ids.b]);
    const member = (name: string, role: string, unitId: number, tg: number) =>
      one(`INSERT INTO "Member" ("telegramUserId", "chatId", "displayName", role, "unitId", language) VALUES ($1, $1, $2, $3::"Role", $4, 'en') RETURNING id`, [tg, name, role, unitId]);
    ids.leaderA = await member('Leader A', 'leader', ids.a, 7001);
    ids.leaderB = await member('Leader B', 'leader', ids.b, 7002);
    ids.leaderRoot = await member('Leader Root', 'leader', ids.root, 7003);
    ids.ca = await member('Reporter A', 'collaborator', ids.a, 7004);
    ids.cb = await member('Reporter B', 'collaborator', ids.b, 7005);
    await q(`INSERT INTO "Topic" (slug, "nameVi", "nameEn", keywords, sensitive, "updatedAt") VALUES ('governance', 'Chỉ đạo', 'Governance', '{}', true, now())`);
    ids.group = await one(`INSERT INTO "IssueGroup" (title, "firstSeenAt", "lastSeenAt", "updatedAt") VALUES ('Thu hồi đất', now(), now(), now()) RETURNING id`);
    const report = (ref: string, m: number, u: number, text: string) =>
      one(
        `INSERT INTO "Report" (reference, "memberId", "unitId", content, "redactedContent", "topicSlug", "issueGroupId", status, "urgencyScore", "urgencyLevel", "finalMood", "analysedAt")
         VALUES ($1, $2, $3, $4, $4, 'governance', $5, 'analysed', 92, 'critical', 'angry', now()) RETURNING id`,
        [ref, m, u, text, ids.group],
      );
    ids.ra = await report('R-2026-000001', ids.ca, ids.a, 'Dân xã Alpha tập trung trước trụ sở phản đối thu hồi đất.');
    ids.rb = await report('R-2026-000002', ids.cb, ids.b, 'Dân xã Bravo tập trung trước trụ sở phản đối thu hồi đất.');
    // the old model: one alert for the group, B's report counted in it, climbed to the bloc
    ids.alert = await one(
      `INSERT INTO "Alert" ("issueGroupId", "openKey", "reportId", "unitId", "currentUnitId", "escalationStep", trigger, level, "reportCount", "unitCount", "latestQuote", "updatedAt")
       VALUES ($1::int, 'group-' || $1::int, $2, $3, $4, 1, 'critical_report', 'critical', 2, 2, 'Dân xã Bravo …', now()) RETURNING id`,
      [ids.group, ids.ra, ids.a, ids.root],
    );
    for (const [memberId, step, unitId, messageId] of [[ids.leaderA, 0, ids.a, 11], [ids.leaderRoot, 1, ids.root, 12]] as const) {
      await q(`INSERT INTO "AlertRecipient" ("alertId", "memberId", "unitId", step, "chatId", "messageId", "sentAt") VALUES ($1, $2, $3, $4, $5, $6, now())`, [ids.alert, memberId, unitId, step, 7000 + (memberId === ids.leaderA ? 1 : 3), messageId]);
      await q(`INSERT INTO "Delivery" ("idempotencyKey", "memberId", "chatId", kind, lane, method, payload, status, "telegramMessageId", "updatedAt", "sentAt")
               VALUES ($1, $2, $3, 'alert', 1, 'sendMessage', '{}', 'sent', $4, now(), now())`, [`alert-${ids.alert}-m-${memberId}`, memberId, 7000 + (memberId === ids.leaderA ? 1 : 3), messageId]);
    }
    await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
    repos = createRepositories(db);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.destroy();
  });

  it('keeps every message as a card and keys the open alert by its scope', async () => {
    expect((await repos.alerts.get(ids.alert))!.openKey).toBe(`group-${ids.group}-unit-${ids.a}`);
    const cards = await repos.alerts.liveCards(`group-${ids.group}`);
    expect(cards.map((c) => [c.memberId, c.deliveryKey, c.messageId, c.alertIds])).toEqual([
      [ids.leaderA, `alert-${ids.alert}-m-${ids.leaderA}`, 11, [ids.alert]],
      [ids.leaderRoot, `alert-${ids.alert}-m-${ids.leaderRoot}`, 12, [ids.alert]],
    ]);
    const recipients = await repos.alerts.recipientMessages(ids.alert);
    expect(recipients.map((r) => [r.memberId, r.step, r.messageId])).toEqual([[ids.leaderA, 0, 11], [ids.leaderRoot, 1, 12]]);
  });

  it("raises B's own alert at start-up and edits the migrated cards by their old delivery keys, each within its reader's scope", async () => {
    const queues = createRedisQueueFactory(redis, prefix);
    const alertsQueue = queues.queue(QUEUES.alerts);
    const deliveryQueue = queues.queue(QUEUES.delivery);
    const deps = alertsDepsFrom({ repos, alertsQueue, deliveryQueue, cardEditGate: createRedisCardEditGate(redis, prefix), t: translator(createI18n()), clock: () => new Date(), logger: silentLogger(), cardEditDelayMs: 0 });
    try {
      expect(await reconcileAlertScopes({ ...deps, uncovered: repos.alerts })).toBe(1);
      expect(await reconcileAlertScopes({ ...deps, uncovered: repos.alerts })).toBe(0); // nothing left uncovered
      const alertB = (await repos.alerts.liveFor(ids.group, ids.b))!;
      expect(alertB).toMatchObject({ reportId: ids.rb, reportCount: 1, unitCount: 1 });
      const deliveries = await repos.deliveries.list({});
      const cardTo = (m: number) => deliveries.filter((d) => d.memberId === m && d.method === 'sendMessage' && d.kind === 'alert');
      expect(cardTo(ids.leaderB)).toHaveLength(1);
      expect(String(cardTo(ids.leaderB)[0]!.payload.text)).toContain('R-2026-000002');
      expect(String(cardTo(ids.leaderB)[0]!.payload.text)).not.toContain('R-2026-000001');
      // the bloc's migrated card now shows both parts; A's shows A's report only, no longer B's
      const editsOf = (m: number) => deliveries.filter((d) => d.memberId === m && d.method === 'editMessageText');
      const rootEdit = editsOf(ids.leaderRoot).at(-1)!;
      expect(rootEdit.payload.editOf).toBe(`alert-${ids.alert}-m-${ids.leaderRoot}`);
      expect(String(rootEdit.payload.text)).toContain('R-2026-000002');
      expect(String(rootEdit.payload.text)).toContain('Reports:</b> 2 from 2 units');
      const aEdit = editsOf(ids.leaderA).at(-1)!;
      expect(aEdit.payload.editOf).toBe(`alert-${ids.alert}-m-${ids.leaderA}`);
      expect(String(aEdit.payload.text)).toContain('R-2026-000001');
      expect(String(aEdit.payload.text)).not.toContain('R-2026-000002');
      expect(String(aEdit.payload.text)).not.toContain('Bravo');
    } finally {
      await alertsQueue.obliterate({ force: true }).catch(() => undefined);
      await deliveryQueue.obliterate({ force: true }).catch(() => undefined);
      await Promise.all([alertsQueue.close(), deliveryQueue.close()]);
    }
  });
});
