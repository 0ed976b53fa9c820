import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelStore } from '../../../src/db/stores/model-store.js';
import { createGroupStore } from '../../../src/db/stores/analysis-store.js';
import { analysisDepsFrom } from '../../../src/queue/analysis-worker.js';
import { createAnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import { analyzeReport } from '../../../src/app/analysis/analyze-report.js';
import { createTopicModelCache } from '../../../src/app/analysis/topic-models.js';
import { listIssueGroups, mergeGroups } from '../../../src/app/issue-groups/manage.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createPgliteTestDatabase, type TestDatabase } from '../../support/db.js';

// The demo runs on embedded PGlite: the raw SQL of the analysis must work there too.
describe('analysis on embedded PGlite', () => {
  let db: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    repos = createRepositories(db);
  });
  afterAll(async () => db?.destroy());

  it('analyses, groups, merges and lists', async () => {
    const clock = () => new Date('2026-03-02T08:00:00Z');
    const context = createAnalysisContextProvider({ repos, clock, models: createTopicModelCache(createModelStore(db.prisma)) });
    const deps = analysisDepsFrom({ sql: db.sql, context, alertsQueue: null, clock, logger: silentLogger() });
    const root = await repos.units.create({ name: 'Khối' });
    const a = await repos.units.create({ name: 'Chi bộ A', parentId: root.id });
    const b = await repos.units.create({ name: 'Chi bộ B', parentId: root.id });
    const ma = await repos.members.create({ telegramUserId: 1n, displayName: 'A', role: 'collaborator', unitId: a.id });
    const mb = await repos.members.create({ telegramUserId: 2n, displayName: 'B', role: 'collaborator', unitId: b.id });
    const texts: [number, number, string][] = [
      [ma.id, a.id, 'Giá xăng tăng mạnh từ hôm qua, tài xế xe ôm bức xúc vì chi phí đi lại tăng cao, gọi 0912 345 678.'],
      [mb.id, b.id, 'Tài xế xe ôm bức xúc vì giá xăng tăng mạnh từ hôm qua, chi phí đi lại tăng cao quá.'],
      [mb.id, b.id, 'Phụ huynh phấn khởi vì học sinh tiểu học được miễn học phí từ năm học mới.'],
    ];
    const ids: number[] = [];
    for (const [memberId, unitId, content] of texts) {
      const { report } = await repos.reports.create(
        { memberId, unitId, chosenTopic: null, content, proposal: null, mood: 'angry', spread: 'local', source: 'conversation' },
        new Date('2026-03-02T07:00:00Z'),
      );
      expect(await analyzeReport(deps, report.id)).toMatchObject({ type: 'analysed' });
      ids.push(report.id);
    }
    const rows = await db.prisma.report.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['analysed', 'analysed', 'analysed']);
    expect(rows[0]?.redactedContent).toContain('[phone]');
    expect(rows[0]?.createdAt.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(rows[1]?.issueGroupId).toBe(rows[0]?.issueGroupId);
    expect(rows[2]?.issueGroupId).not.toBe(rows[0]?.issueGroupId);
    const petrol = await db.prisma.issueGroup.findUniqueOrThrow({ where: { id: rows[0]?.issueGroupId as number } });
    expect(petrol).toMatchObject({ reportCount: 2, unitCount: 2 });
    expect(petrol.firstSeenAt.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    const groups = { groups: createGroupStore(db.sql, db.prisma), clock };
    const merged = await mergeGroups(groups, { sourceId: rows[2]?.issueGroupId as number, targetId: petrol.id, actor: { kind: 'cli' } });
    expect(merged).toEqual({ ok: true, value: { moved: 1 } });
    const listed = await listIssueGroups(groups, { limit: 5 });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ reportCount: 3, units: ['Chi bộ A', 'Chi bộ B'] });
  });
});
