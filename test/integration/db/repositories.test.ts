import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { applyMigrations, readMigrations } from '../../../src/db/migrate.js';
import { createPgliteTestDatabase, createPostgresTestDatabase, MIGRATIONS_DIR, type TestDatabase } from '../../support/db.js';

const backends: [string, () => Promise<TestDatabase>][] = [
  ['PostgreSQL', () => createPostgresTestDatabase()],
  ['PGlite', () => createPgliteTestDatabase()],
];

describe.each(backends)('the same migrations on %s', (_name, open) => {
  let db: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    db = await open();
    repos = createRepositories(db);
  });
  afterAll(async () => db?.destroy());

  it('re-applying the migrations is a no-op', async () => {
    const again = await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
    expect(again.applied).toEqual([]);
    expect(again.skipped.length).toBeGreaterThan(0);
  });

  it('stores a unit tree, members, an invite and a report and reads them back', async () => {
    const bloc = await repos.units.create({ name: 'Đảng ủy Khối' });
    const committee = await repos.units.create({ name: 'Đảng ủy Sở Y tế', parentId: bloc.id });
    const branch = await repos.units.create({ name: 'Chi bộ Bệnh viện A', parentId: committee.id, digestTime: '08:00' });
    expect(branch.path).toEqual([bloc.id, committee.id, branch.id]);
    expect(branch.depth).toBe(2);
    expect(branch.timezone).toBe('Asia/Ho_Chi_Minh');
    expect((await repos.units.ancestry(branch.id)).map((u) => u.id)).toEqual([branch.id, committee.id, bloc.id]);
    expect((await repos.units.subtreeIds(committee.id)).sort()).toEqual([committee.id, branch.id].sort());
    expect(await repos.units.isInSubtree(bloc.id, branch.id)).toBe(true);
    expect(await repos.units.isInSubtree(branch.id, bloc.id)).toBe(false);

    const leader = await repos.members.create({ telegramUserId: 9_007_199_254_740_993n, displayName: 'Lan', role: 'leader', unitId: committee.id });
    expect(leader.telegramUserId).toBe(9_007_199_254_740_993n);

    const codeHash = `hash-of-code-${branch.id}`;
    await repos.invites.create({
      codeHash,
      unitId: branch.id,
      role: 'collaborator',
      expiresAt: new Date(Date.now() + 86_400_000),
      maxUses: 1,
      createdById: leader.id,
    });
    const who = { telegramUserId: 111n, chatId: 111n, displayName: 'Minh', username: null, language: 'vi' as const };
    expect(await repos.invites.redeem('no-such-hash', who, new Date())).toEqual({ ok: false, error: 'unknown' });
    const joined = await repos.invites.redeem(codeHash, who, new Date());
    expect(joined.ok).toBe(true);
    const second = await repos.invites.redeem(codeHash, { ...who, telegramUserId: 112n, chatId: 112n }, new Date());
    expect(second).toEqual({ ok: false, error: 'used_up' });
    const member = await repos.members.findByTelegramId(111n);
    expect(member).toMatchObject({ role: 'collaborator', unitId: branch.id, displayName: 'Minh', language: 'vi' });

    const now = new Date('2026-03-01T08:00:00Z');
    const { report } = await repos.reports.create(
      {
        memberId: member!.id,
        unitId: branch.id,
        submissionKey: 'draft-1',
        chosenTopic: 'health',
        content: 'Người bệnh phàn nàn thời gian chờ khám quá lâu.',
        proposal: null,
        mood: 'worried',
        spread: 'unit',
        source: 'conversation',
      },
      now,
    );
    expect(report.reference).toBe(`R-2026-${String(report.id).padStart(6, '0')}`);
    expect(report.status).toBe('received');
    const again = await repos.reports.create({ ...report, submissionKey: 'draft-1' }, now);
    expect(again.created).toBe(false);
    expect(again.report.id).toBe(report.id);
    const read = await repos.reports.findByReference(report.reference);
    expect(read).toMatchObject({ content: 'Người bệnh phàn nàn thời gian chờ khám quá lâu.', mood: 'worried', unitId: branch.id });
    expect((await repos.units.subtreeMembers(bloc.id)).map((m) => m.id).sort()).toEqual([leader.id, member!.id].sort());
    expect((await repos.units.subtreeMembers(branch.id)).map((m) => m.id)).toEqual([member!.id]);
  });
});


describe('migrations under concurrency (PostgreSQL)', () => {
  it('three processes migrating the same empty schema at once apply each migration once', async () => {
    const { createPostgresTestDatabase: create } = await import('../../support/db.js');
    const base = await create();
    // drop everything the helper applied, then race three appliers on the empty schema
    await base.sql.exec(`DROP SCHEMA "${base.schema}" CASCADE; CREATE SCHEMA "${base.schema}"`);
    const { openDatabase } = await import('../../../src/db/client.js');
    const conns = await Promise.all([1, 2, 3].map(() => openDatabase({ url: base.url!, poolSize: 2 })));
    try {
      const results = await Promise.all(conns.map((c) => applyMigrations(c.sql, readMigrations(MIGRATIONS_DIR))));
      const appliedCounts = results.map((r) => r.applied.length);
      expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(readMigrations(MIGRATIONS_DIR).length);
      const rows = await base.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM "_prisma_migrations"');
      expect(Number(rows[0]!.n)).toBe(readMigrations(MIGRATIONS_DIR).length);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
      await base.destroy();
    }
  });
});
