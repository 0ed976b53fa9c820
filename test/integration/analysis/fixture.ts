/**
 * A real PostgreSQL schema with a small unit tree and one collaborator per unit, plus the
 * analysis dependencies (shared topic model cache, fixed clock) for the analysis tests.
 */
import { createModelStore } from '../../../src/db/stores/model-store.js';
import { analysisDepsFrom } from '../../../src/queue/analysis-worker.js';
import type { Queue } from 'bullmq';
import { createAnalysisContextProvider, type AnalysisContextProvider } from '../../../src/app/analysis/analysis-context.js';
import type { AnalysisDeps } from '../../../src/app/analysis/analyze-report.js';
import { createTopicModelCache, type TopicModelCache } from '../../../src/app/analysis/topic-models.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import type { Member, Report, Unit } from '../../../src/domain/types.js';
import type { Mood, Spread, TopicSlug } from '../../../src/domain/vocabulary.js';
import { silentLogger } from '../../../src/logger.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

export const NOW = new Date('2026-03-02T08:00:00Z');

export interface AnalysisFixture {
  db: TestDatabase;
  repos: Repositories;
  models: TopicModelCache;
  context: AnalysisContextProvider;
  root: Unit;
  units: Unit[];
  members: Member[];
  leader: Member;
  /** The analysis deps over this database; `alertsQueue` makes evaluations follow. */
  deps(overrides?: Partial<AnalysisDeps> & { alertsQueue?: Queue }): AnalysisDeps;
  report(input: { unit?: number; content: string; at?: Date; chosenTopic?: TopicSlug | null; mood?: Mood | null; spread?: Spread | null; proposal?: string | null }): Promise<Report>;
  destroy(): Promise<void>;
}

/** Builds the fixture: root unit with `branches` children, one collaborator each, one root leader. */
export async function createAnalysisFixture(branches = 3): Promise<AnalysisFixture> {
  const db = await createPostgresTestDatabase(10);
  const repos = createRepositories(db);
  const clock = () => NOW;
  const models = createTopicModelCache(createModelStore(db.prisma));
  const context = createAnalysisContextProvider({ repos, clock, models });
  const root = await repos.units.create({ name: 'Khối' });
  const units: Unit[] = [];
  const members: Member[] = [];
  for (let i = 0; i < branches; i += 1) {
    const u = await repos.units.create({ name: `Chi bộ ${String.fromCharCode(65 + i)}`, parentId: root.id });
    units.push(u);
    members.push(await repos.members.create({ telegramUserId: BigInt(1000 + i), displayName: `CTV ${i}`, role: 'collaborator', unitId: u.id }));
  }
  const leader = await repos.members.create({ telegramUserId: 999n, displayName: 'Lãnh đạo', role: 'leader', unitId: root.id });
  let seq = 0;
  return {
    db,
    repos,
    models,
    context,
    root,
    units,
    members,
    leader,
    deps: ({ alertsQueue, ...overrides } = {}) => ({ ...analysisDepsFrom({ sql: db.sql, context, alertsQueue: alertsQueue ?? null, clock, logger: silentLogger() }), ...overrides }),
    async report(input) {
      const i = input.unit ?? 0;
      seq += 1;
      const { report } = await repos.reports.create(
        {
          memberId: (members[i] as Member).id,
          unitId: (units[i] as Unit).id,
          submissionKey: `k-${seq}-${Math.random()}`,
          chosenTopic: input.chosenTopic ?? null,
          content: input.content,
          proposal: input.proposal ?? null,
          mood: input.mood ?? null,
          spread: input.spread ?? null,
          source: 'conversation',
        },
        input.at ?? new Date(NOW.getTime() - 60_000),
      );
      return report;
    },
    destroy: () => db.destroy(),
  };
}

/** The analysis-owned state of a report, for before/after comparisons. */
export async function snapshot(db: TestDatabase, reportId: number) {
  const report = await db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
  const tags = await db.prisma.reportTopic.findMany({ where: { reportId }, orderBy: [{ origin: 'asc' }, { rank: 'asc' }] });
  const bands = await db.prisma.reportBand.findMany({ where: { reportId }, orderBy: { bandKey: 'asc' } });
  const group = report.issueGroupId ? await db.prisma.issueGroup.findUnique({ where: { id: report.issueGroupId } }) : null;
  return { report, tags, bands, group: group ? { ...group, updatedAt: null } : null };
}
