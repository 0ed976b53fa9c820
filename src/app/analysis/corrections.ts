/**
 * Leaders' topic corrections: the network's own judgement of what a report is about. A
 * correction becomes the report's topic at once (and survives re-analysis), is audited, and
 * feeds the next retraining of the topic model (`retrainTopicModel`).
 */
import type { Prisma as PrismaClient } from '../../db/client.js';
import { writeLeaderTopic } from '../../db/repositories/analysis-repository.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { SqlExecutor } from '../../db/sql.js';
import type { Clock } from '../../domain/clock.js';
import { err, ok, type Result } from '../../domain/result.js';
import { refreshGroup } from '../issue-groups/assign.js';

/** What a correction needs. */
export interface CorrectionDeps {
  prisma: PrismaClient;
  sql: SqlExecutor;
  repos: Repositories;
  clock: Clock;
}

/** Why a correction was refused. */
export type CorrectionError = 'unknown_topic' | 'report_not_found' | 'report_withdrawn' | 'not_allowed';

/**
 * Records that leader `leaderId` files report `reportId` under `topicSlug`. Only leaders of
 * an ancestor unit of the report (or admins) may correct it.
 */
export async function recordTopicCorrection(
  deps: CorrectionDeps,
  c: { reportId: number; topicSlug: string; leaderId: number },
): Promise<Result<{ previous: string | null }, CorrectionError>> {
  const topics = await deps.repos.topics.list(true);
  if (!topics.some((t) => t.slug === c.topicSlug)) return err('unknown_topic');
  const report = await deps.prisma.report.findUnique({ where: { id: c.reportId }, select: { unitId: true, status: true, topicSlug: true, issueGroupId: true } });
  if (!report) return err('report_not_found');
  if (report.status === 'withdrawn') return err('report_withdrawn');
  const leader = await deps.repos.members.get(c.leaderId);
  const allowed =
    leader?.active &&
    (leader.role === 'admin' || (leader.role === 'leader' && (await deps.repos.units.isInSubtree(leader.unitId, report.unitId))));
  if (!allowed) return err('not_allowed');
  const at = deps.clock();
  await deps.sql.transaction(async (tx) => {
    await writeLeaderTopic(tx, { reportId: c.reportId, topicSlug: c.topicSlug, leaderId: c.leaderId, at });
    if (report.issueGroupId) await refreshGroup(tx, report.issueGroupId);
  });
  await deps.repos.audit.record({
    actorKind: 'member',
    actorId: c.leaderId,
    action: 'report.topic_correction',
    entity: 'report',
    entityId: c.reportId,
    data: { from: report.topicSlug, to: c.topicSlug },
    at,
  });
  return ok({ previous: report.topicSlug });
}
