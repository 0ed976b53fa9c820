import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReadDeps } from '../../../src/compose/digests.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { buildDigest, type DigestDeps } from '../../../src/app/digests/build-digest.js';
import { buildYearlyActivity } from '../../../src/app/digests/yearly.js';
import { renderDigestMessages } from '../../../src/domain/digest/render.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { seedOrganisation, type Seeded } from './seed.js';

const day = { y: 2026, m: 11, d: 25 };
const tr = translator(createI18n());

const backends: [string, () => Promise<TestDatabase>][] = [
  ['PostgreSQL', () => createPostgresTestDatabase()],
  ['embedded PGlite (the demo)', () => createPgliteTestDatabase()],
];

describe.each(backends)('buildDigest on %s (seeded, hand-counted)', (_name, open) => {
  let db: TestDatabase;
  let repos: Repositories;
  let s: Seeded;
  let deps: DigestDeps;
  beforeAll(async () => {
    db = await open();
    repos = createRepositories(db);
    s = await seedOrganisation(db.sql, repos);
    deps = digestReadDeps({ sql: db.sql, repos, clock: () => new Date('2026-11-26T05:00:00Z') });
  });
  afterAll(async () => db?.destroy());

  it('counts exactly for the root leader: headline, changes, 7-day average, moods, topics, groups', async () => {
    const d = await buildDigest(deps, { memberId: s.members.l0, period: 'day', date: day });
    expect(d.key).toBe('2026-11-25');
    expect(d.headline.reports).toEqual({ current: 6, previous: 2 });
    expect(d.headline.collaborators).toEqual({ current: 4, previous: 2 });
    expect(d.headline.units).toEqual({ current: 3, previous: 2 });
    expect(d.headline.avgPerDay7).toBeCloseTo(3 / 7, 10);
    expect(d.moods).toEqual({ supportive: 0, neutral: 1, skeptical: 0, worried: 3, angry: 2 });
    expect(d.topics.map((t) => [t.slug, t.count, t.previous])).toEqual([
      ['economy', 4, 1],
      ['east_sea', 1, 0],
      ['health', 1, 1],
    ]);
    expect(d.topicMoods.find((c) => c.slug === 'economy' && c.mood === 'worried')?.count).toBe(3);
    expect(d.groups.map((g) => [g.id, g.count, g.units, g.previous])).toEqual([
      [s.groups.g1, 4, 2, 0],
      [s.groups.g2, 1, 1, 0],
    ]);
    expect(d.groups[0]!.quotes).toEqual([
      { reference: 'R-2026-000005', text: 'Giá xăng ảnh hưởng đời sống' },
      { reference: 'R-2026-000003', text: 'Bức xúc vì giá xăng' },
    ]);
    expect(d.alerts.map((a) => [a.level, a.status, a.title])).toEqual([['high', 'open', 'Ngư dân bị xua đuổi']]);
    expect(d.proposals).toEqual([{ reference: 'R-2026-000004', unitName: 'Chi bộ Bệnh viện A', text: 'Đề nghị <i>tăng</i> giờ khám' }]);
    // 'Đảng ủy Khối' has only its leader: a unit without collaborators is not expected to report itself.
    expect(d.silentUnits.items.map((u) => u.name).sort()).toEqual(['Chi bộ Kho bạc C']);
    expect(d.inactiveMembers.items.map((m) => m.name)).toEqual(['Cộng tác viên Giang', 'Cộng tác viên Én']);
    expect(d.volume7.map((v) => v.count)).toEqual([0, 1, 0, 0, 0, 2, 6]);
  });

  it("a branch leader's digest contains nothing from outside the branch", async () => {
    const d = await buildDigest(deps, { memberId: s.members.la, period: 'day', date: day });
    expect(d.headline.reports).toEqual({ current: 5, previous: 1 });
    expect(d.headline.collaborators.current).toBe(3);
    expect(d.headline.units.current).toBe(2);
    expect(d.topics.map((t) => t.slug)).toEqual(['economy', 'health']);
    expect(d.groups.map((g) => g.id)).toEqual([s.groups.g1]);
    expect(d.alerts).toEqual([]);
    expect(d.silentUnits.total).toBe(0);
    expect(d.inactiveMembers.total).toBe(0);
    for (const lang of ['vi', 'en'] as const) {
      const text = renderDigestMessages(d, (k, v) => tr(lang, k, v), lang).join('\n');
      for (const outside of ['Sở Tài chính', 'Kho bạc', 'Ngư dân', 'xua đuổi', 'Dũng', 'Én', 'Giang', 'Biển Đông', 'East Sea', 'R-2026-000006']) {
        expect(text).not.toContain(outside);
      }
      expect(text).toContain('Giá xăng tăng');
    }
  });

  it('shows only redacted text, escaped', async () => {
    const d = await buildDigest(deps, { memberId: s.members.l0, period: 'day', date: day });
    const html = renderDigestMessages(d, (k, v) => tr('vi', k, v), 'vi').join('\n');
    expect(html).not.toContain('0912345678');
    expect(html).toContain('Tàu lạ &lt;b&gt;xua đuổi&lt;/b&gt; &lt;a href=&quot;http://x.example&quot;&gt;ngư dân&lt;/a&gt;');
    expect(html).toContain('Đề nghị &lt;i&gt;tăng&lt;/i&gt; giờ khám');
  });

  it('an empty period gives the short "no reports" digest', async () => {
    const d = await buildDigest(deps, { unitId: s.units.root, period: 'day', date: { y: 2026, m: 10, d: 1 } });
    expect(d.headline.reports.current).toBe(0);
    const msgs = renderDigestMessages(d, (k, v) => tr('vi', k, v), 'vi');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('Không có báo cáo nào trong kỳ này.');
    expect(msgs[0]).toContain('Còn 1 cảnh báo đang mở.');
    expect(msgs[0]).not.toContain('Chủ đề');
  });

  it('week and month aggregate the same way', async () => {
    const w = await buildDigest(deps, { unitId: s.units.root, period: 'week', date: day });
    expect(w.key).toBe('2026-W48');
    // week of Mon 23 Nov local: #1-#6, #8 (26 Nov 00:00 local), #9, #10 (24 Nov 01:00 local) = 9
    expect(w.headline.reports).toEqual({ current: 9, previous: 1 });
    const m = await buildDigest(deps, { unitId: s.units.root, period: 'month', date: day });
    expect(m.headline.reports).toEqual({ current: 11, previous: 0 });
  });

  it('computes yearly unit activity: reports, active collaborators, weeks with a report', async () => {
    const root = (await repos.units.get(s.units.root))!;
    const y = await buildYearlyActivity(deps.read, root, 2026, new Date('2026-11-26T05:00:00Z'));
    expect(y.weeks).toBe(48);
    const row = (id: number) => y.rows.find((r) => r.unitId === id)!;
    expect(y.rows.map((r) => r.unitId)[0]).toBe(s.units.root);
    expect(row(s.units.a1)).toMatchObject({ reports: 5, activeCollaborators: 2, members: 3, weeksWithReports: 1 });
    expect(row(s.units.a)).toMatchObject({ reports: 1, activeCollaborators: 1, members: 2, weeksWithReports: 1 });
    expect(row(s.units.b)).toMatchObject({ reports: 5, activeCollaborators: 2, members: 3, weeksWithReports: 3 });
    expect(row(s.units.c)).toMatchObject({ reports: 0, activeCollaborators: 0, members: 1, weeksWithReports: 0 });
  });
  it('shows two different quotes even when collaborators sent the same words (runs last: it adds a report)', async () => {
    const [copy] = await db.sql.query<{ id: number }>(
      `INSERT INTO "Report" (reference, "memberId", "unitId", content, "redactedContent", mood, "finalMood", "topicSlug", "issueGroupId", status, "createdAt", "urgencyScore")
       SELECT 'R-2026-000099', "memberId", "unitId", content, "redactedContent", mood, "finalMood", "topicSlug", "issueGroupId", status, "createdAt" - interval '1 minute', 99
         FROM "Report" WHERE reference = 'R-2026-000005' RETURNING id`,
    );
    expect(copy).toBeDefined();
    const d = await buildDigest(deps, { memberId: s.members.l0, period: 'day', date: day });
    const quotes = d.groups.find((g) => g.id === s.groups.g1)!.quotes;
    expect(quotes).toHaveLength(2);
    expect(new Set(quotes.map((q) => q.text)).size).toBe(2);
    expect(quotes[0]).toEqual({ reference: 'R-2026-000099', text: 'Giá xăng ảnh hưởng đời sống' });
  });
});
