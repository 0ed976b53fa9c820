/**
 * Leaders' topic corrections: the network's own judgement of what a report is about. A
 * correction becomes the report's topic at once (and survives re-analysis), is audited in the
 * same transaction, and feeds the next retraining of the model (`retrainTopicModel`).
 */
import type { Clock } from '../../domain/clock.js';
import { err, ok, type Result } from '../../domain/result.js';
import { scopeContains, scopeOf } from '../../domain/scope.js';
import type { Member, Unit } from '../../domain/types.js';
import { refreshGroup } from '../issue-groups/assign.js';
import type { AnalysisStore, TopicsReader } from './ports.js';

/** What a correction needs. */
export interface CorrectionDeps {
  analysis: AnalysisStore;
  topics: TopicsReader;
  members: { get(id: number): Promise<Member | null> };
  units: { ancestry(unitId: number): Promise<Unit[]> };
  clock: Clock;
}

/** Why a correction was refused. */
export type CorrectionError = 'unknown_topic' | 'report_not_found' | 'report_withdrawn' | 'not_allowed';

/**
 * Records that leader `leaderId` files report `reportId` under `topicSlug`. Only leaders whose
 * subtree holds the report (or admins) may correct it.
 */
export async function recordTopicCorrection(
  deps: CorrectionDeps,
  c: { reportId: number; topicSlug: string; leaderId: number },
): Promise<Result<{ previous: string | null }, CorrectionError>> {
  const topics = await deps.topics.list(true);
  if (!topics.some((t) => t.slug === c.topicSlug)) return err('unknown_topic');
  const report = await deps.analysis.reportForCorrection(c.reportId);
  if (!report) return err('report_not_found');
  if (report.status === 'withdrawn') return err('report_withdrawn');
  const leader = await deps.members.get(c.leaderId);
  const inScope = leader ? scopeContains(scopeOf(leader), (await deps.units.ancestry(report.unitId)).map((u) => u.id)) : false;
  if (!leader?.active || (leader.role !== 'leader' && leader.role !== 'admin') || !inScope) return err('not_allowed');
  const at = deps.clock();
  await deps.analysis.transaction(async (tx) => {
    await tx.writeLeaderTopic({ reportId: c.reportId, topicSlug: c.topicSlug, leaderId: c.leaderId, at });
    if (report.issueGroupId) await refreshGroup(tx, report.issueGroupId);
    await tx.audit({ actorKind: 'member', actorId: c.leaderId, action: 'report.topic_correction', entity: 'report', entityId: c.reportId, data: { from: report.topicSlug, to: c.topicSlug }, at });
  });
  return ok({ previous: report.topicSlug });
}
