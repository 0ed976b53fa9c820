/**
 * Leaders' and admins' edits of issue groups (the dashboard calls these): merging two groups
 * and moving a report to another group. Each runs in one transaction with the groups
 * row-locked, recomputes the counters from membership, and writes its audit entry in the same
 * transaction.
 */
import type { Clock } from '../../domain/clock.js';
import { err, ok, type Result } from '../../domain/result.js';
import { refreshGroup } from './assign.js';
import type { GroupStore, IssueGroupSummary } from './ports.js';

/** Who edits. */
export type GroupActor = { kind: 'member'; memberId: number } | { kind: 'cli' } | { kind: 'system' };

/** What the group edits need. */
export interface GroupEditDeps {
  groups: GroupStore;
  clock: Clock;
}

/** Why an edit was refused. */
export type GroupEditError = 'same_group' | 'group_not_found' | 'group_not_open' | 'report_not_found' | 'report_not_analysed';

function actorFields(a: GroupActor) {
  return a.kind === 'member' ? { actorKind: 'member' as const, actorId: a.memberId } : { actorKind: a.kind };
}

/** Moves every report of `sourceId` into `targetId`; the source is marked merged into the target. Audited in the same transaction. */
export async function mergeGroups(
  deps: GroupEditDeps,
  q: { sourceId: number; targetId: number; actor: GroupActor },
): Promise<Result<{ moved: number }, GroupEditError>> {
  if (q.sourceId === q.targetId) return err('same_group');
  return deps.groups.edit(async (tx): Promise<Result<{ moved: number }, GroupEditError>> => {
    const locked = await tx.lockGroups([q.sourceId, q.targetId]);
    if (locked.length !== 2) return err('group_not_found');
    if (locked.some((g) => g.status === 'merged')) return err('group_not_open');
    const moved = await tx.moveAllReports(q.sourceId, q.targetId);
    await tx.setGroupStatus(q.sourceId, 'merged', q.targetId);
    await refreshGroup(tx, q.sourceId, { locked: true });
    if (locked.find((g) => g.id === q.targetId)!.status !== 'open') await tx.setGroupStatus(q.targetId, 'open');
    await refreshGroup(tx, q.targetId, { forceLabel: true, locked: true });
    await tx.audit({ ...actorFields(q.actor), action: 'issue_group.merge', entity: 'issue_group', entityId: q.targetId, data: { sourceId: q.sourceId, targetId: q.targetId, moved }, at: deps.clock() });
    return ok({ moved });
  });
}

/** Moves one analysed report to another open group (a person's decision: not "suggested"). Audited in the same transaction. */
export async function moveReport(
  deps: GroupEditDeps,
  q: { reportId: number; groupId: number; actor: GroupActor },
): Promise<Result<{ fromGroupId: number | null }, GroupEditError>> {
  return deps.groups.edit(async (tx): Promise<Result<{ fromGroupId: number | null }, GroupEditError>> => {
    const report = await tx.lockReportForMove(q.reportId);
    if (!report) return err('report_not_found');
    if (report.status !== 'analysed') return err('report_not_analysed');
    if (report.issueGroupId === q.groupId) return err('same_group');
    const locked = await tx.lockGroups([q.groupId, ...(report.issueGroupId ? [report.issueGroupId] : [])]);
    const target = locked.find((g) => g.id === q.groupId);
    if (!target) return err('group_not_found');
    if (target.status !== 'open') return err('group_not_open');
    await tx.moveReport(q.reportId, q.groupId);
    await refreshGroup(tx, q.groupId, { forceLabel: true, locked: true });
    if (report.issueGroupId) await refreshGroup(tx, report.issueGroupId, { forceLabel: true, locked: true });
    const data = { fromGroupId: report.issueGroupId, toGroupId: q.groupId };
    await tx.audit({ ...actorFields(q.actor), action: 'issue_group.move_report', entity: 'report', entityId: q.reportId, data, at: deps.clock() });
    return ok({ fromGroupId: report.issueGroupId });
  });
}

/**
 * The open issue groups, largest first, with title, report count, units, main topic and
 * mood mix (printed at the end of `npm run demo`; the dashboard's list).
 */
export async function listIssueGroups(deps: Pick<GroupEditDeps, 'groups'>, opts: { limit?: number } = {}): Promise<IssueGroupSummary[]> {
  return deps.groups.list({ limit: opts.limit ?? 20 });
}

export type { IssueGroupSummary };
