import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDepsFrom } from '../../../src/compose/digests.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { catchUpDigests, produceDemoDigests } from '../../../src/app/digests/run-all.js';
import { runScheduledDigest, type SendDigestDeps } from '../../../src/app/digests/send-digest.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { silentLogger } from '../../../src/logger.js';
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeDelivery, type FakeDelivery } from '../../support/fake-delivery.js';
import { seedOrganisation, type Seeded } from './seed.js';

const t = translator(createI18n());

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const backends: [string, () => Promise<TestDatabase>][] = [
  ['PostgreSQL', () => createPostgresTestDatabase()],
  ['embedded PGlite (the demo)', () => createPgliteTestDatabase()],
];

describe.each(backends)('sending digests (%s, in-memory delivery)', (_name, open) => {
  let db: TestDatabase;
  let repos: Repositories;
  let s: Seeded;
  let now: Date;
  const deps = (delivery: FakeDelivery): SendDigestDeps => digestDepsFrom({ sql: db.sql, repos, clock: () => now, t, logger: silentLogger() }, delivery);
  beforeAll(async () => {
    db = await open();
    repos = createRepositories(db);
    s = await seedOrganisation(db.sql, repos);
  });
  afterAll(async () => db?.destroy());

  it('sends the daily digest with its chart once, in the leader’s language, and records it', async () => {
    now = new Date('2026-11-26T01:00:00Z'); // 08:00 local, after the 07:30 run
    const delivery = createFakeDelivery();
    const first = await runScheduledDigest(deps(delivery), s.units.a, 'day');
    expect(first.results).toEqual([{ type: 'sent', key: `digest-${s.members.la}-day-2026-11-25`, messages: 1, chart: true }]);
    const [text] = delivery.textsFor(s.members.la);
    expect(text).toContain('Daily digest — Đảng ủy Sở Y tế');
    expect(text).toContain('Reports: 5');
    expect(delivery.messages.every((m) => m.lane === 'digest' && m.kind === 'digest')).toBe(true);
    const [png] = delivery.photosFor(s.members.la);
    expect(pngSize(png!)).toEqual({ width: 1200, height: 800 });

    const again = await runScheduledDigest(deps(delivery), s.units.a, 'day');
    expect(again.results).toEqual([{ type: 'already_sent', key: `digest-${s.members.la}-day-2026-11-25` }]);
    expect(delivery.messages).toHaveLength(2);
    const rows = await db.sql.query<{ key: string; n: number }>(`SELECT key, (stats->'reports'->>'current')::int AS n FROM "Digest" WHERE "sentAt" IS NOT NULL`);
    expect(rows).toEqual([{ key: `digest-${s.members.la}-day-2026-11-25`, n: 5 }]);
  });

  it('after downtime the missed runs are sent once at start-up, and a second restart sends nothing', async () => {
    now = new Date('2026-11-26T05:00:00Z'); // the system was down at 07:30 local
    const afterRestart = createFakeDelivery();
    const summary = await catchUpDigests(deps(afterRestart));
    // 4 units with leaders × (day, week); unit A's daily digest was already sent above; the
    // monthly digest fired on 1 November is too old to be news and is not caught up
    expect(summary).toEqual({ units: 4, sent: 7, alreadySent: 1, skipped: 0 });
    const keys = afterRestart.messages.filter((m) => m.method === 'sendMessage').map((m) => m.idempotencyKey);
    expect(keys).toContain(`digest-${s.members.l0}-day-2026-11-25-m1`);
    expect(keys).toContain(`digest-${s.members.l0}-week-2026-W47-m1`);
    expect(keys.some((k) => k.includes('-month-'))).toBe(false);
    expect(keys.filter((k) => k.startsWith(`digest-${s.members.la}-day-`))).toEqual([]);

    const secondRestart = createFakeDelivery();
    expect(await catchUpDigests(deps(secondRestart))).toEqual({ units: 4, sent: 0, alreadySent: 8, skipped: 0 });
    expect(secondRestart.messages).toEqual([]);
  });

  it('a monthly digest missed on the 1st is caught up within the week', async () => {
    now = new Date('2026-12-03T05:00:00Z');
    const delivery = createFakeDelivery();
    expect(await catchUpDigests(deps(delivery), ['month'])).toEqual({ units: 4, sent: 4, alreadySent: 0, skipped: 0 });
    expect(delivery.textsFor(s.members.l0)[0]).toContain('Bản tin tháng — Đảng ủy Khối');
    expect(delivery.textsFor(s.members.l0)[0]).toContain('Báo cáo: 11');
    expect(await catchUpDigests(deps(createFakeDelivery()), ['month'])).toEqual({ units: 4, sent: 0, alreadySent: 4, skipped: 0 });
  });

  it('an empty period still sends a short "no reports" digest, without a chart', async () => {
    now = new Date('2026-10-02T05:00:00Z'); // covers 1 October: nothing was reported
    const delivery = createFakeDelivery();
    const out = await runScheduledDigest(deps(delivery), s.units.b, 'day');
    expect(out.results).toEqual([{ type: 'sent', key: `digest-${s.members.lb}-day-2026-10-01`, messages: 1, chart: false }]);
    expect(delivery.textsFor(s.members.lb)[0]).toContain('Không có báo cáo nào trong kỳ này.');
    expect(delivery.photosFor(s.members.lb)).toEqual([]);
    expect((await runScheduledDigest(deps(delivery), s.units.c, 'day')).results).toEqual([]); // no leader in C
  });

  it('the demo hook sends the week digests to every leader and returns one text', async () => {
    now = new Date('2026-11-30T02:00:00Z');
    const delivery = createFakeDelivery();
    const out = await produceDemoDigests(deps(delivery));
    expect(out.summary).toEqual({ units: 4, sent: 4, alreadySent: 0, skipped: 0 });
    expect(out.text).toContain('7 ngày qua — Đảng ủy Khối');
    expect(out.text).not.toMatch(/^<b>/);
    expect(out.text).toContain('Tàu lạ <b>xua đuổi</b>'); // plain text for the console: entities decoded
  });
});
