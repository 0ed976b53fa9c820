/**
 * Leaders' and admins' edits of issue groups (the dashboard will call these): merging two
 * groups and moving a report to another group. Each runs in one transaction with the groups
 * row-locked, recomputes the counters from membership, and leaves an audit entry.
 */
import type { Prisma as PrismaClient } from '../../db/client.js';
import { listGroups, lockGroups, setGroupStatus, type IssueGroupSummary } from '../../db/repositories/issue-groups-repository.js';
import type { SqlExecutor } from '../../db/sql.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import { err, ok, type Result } from '../../domain/result.js';
import { refreshGroup } from './assign.js';

/** Who edits. */
export type GroupActor = { kind: 'member'; memberId: number } | { kind: 'cli' } | { kind: 'system' };

/** What the group edits need. */
export interface GroupEditDeps {
  sql: SqlExecutor;
  repos: Repositories;
  clock: Clock;
}

/** Why an edit was refused. */
export type GroupEditError = 'same_group' | 'group_not_found' | 'group_not_open' | 'report_not_found' | 'report_not_analysed';

function actorFields(a: GroupActor) {
  return a.kind === 'member' ? { actorKind: 'member' as const, actorId: a.memberId } : { actorKind: a.kind };
}

/** Moves every report of `sourceId` into `targetId`; the source is marked merged into the target. */
export async function mergeGroups(
  deps: GroupEditDeps,
  q: { sourceId: number; targetId: number; actor: GroupActor },
): Promise<Result<{ moved: number }, GroupEditError>> {
  if (q.sourceId === q.targetId) return err('same_group');
  const outcome = await deps.sql.transaction(async (tx): Promise<Result<{ moved: number }, GroupEditError>> => {
    const locked = await lockGroups(tx, [q.sourceId, q.targetId]);
    if (locked.length !== 2) return err('group_not_found');
    if (locked.some((g) => g.status === 'merged')) return err('group_not_open');
    const moved = await tx.query<{ id: number }>(
      `UPDATE "Report" SET "issueGroupId" = $2, "groupSuggested" = false WHERE "issueGroupId" = $1 RETURNING id`,
      [q.sourceId, q.targetId],
    );
    await setGroupStatus(tx, q.sourceId, 'merged', q.targetId);
    await refreshGroup(tx, q.sourceId, { locked: true });
    if ((locked.find((g) => g.id === q.targetId) as { status: string }).status !== 'open') await setGroupStatus(tx, q.targetId, 'open');
    await refreshGroup(tx, q.targetId, { forceLabel: true, locked: true });
    return ok({ moved: moved.length });
  });
  if (outcome.ok) {
    await deps.repos.audit.record({
      ...actorFields(q.actor),
      action: 'issue_group.merge',
      entity: 'issue_group',
      entityId: q.targetId,
      data: { sourceId: q.sourceId, targetId: q.targetId, moved: outcome.value.moved },
      at: deps.clock(),
    });
  }
  return outcome;
}

/** Moves one analysed report to another open group (a person's decision: not "suggested"). */
export async function moveReport(
  deps: GroupEditDeps,
  q: { reportId: number; groupId: number; actor: GroupActor },
): Promise<Result<{ fromGroupId: number | null }, GroupEditError>> {
  const outcome = await deps.sql.transaction(async (tx): Promise<Result<{ fromGroupId: number | null }, GroupEditError>> => {
    const rows = await tx.query<{ status: string; issueGroupId: number | null }>(
      `SELECT status::text AS status, "issueGroupId" FROM "Report" WHERE id = $1 FOR UPDATE`,
      [q.reportId],
    );
    const report = rows[0];
    if (!report) return err('report_not_found');
    if (report.status !== 'analysed') return err('report_not_analysed');
    if (report.issueGroupId === q.groupId) return err('same_group');
    const locked = await lockGroups(tx, [q.groupId, ...(report.issueGroupId ? [report.issueGroupId] : [])]);
    const target = locked.find((g) => g.id === q.groupId);
    if (!target) return err('group_not_found');
    if (target.status !== 'open') return err('group_not_open');
    await tx.query(`UPDATE "Report" SET "issueGroupId" = $2, "groupSuggested" = false, "groupSimilarity" = NULL WHERE id = $1`, [q.reportId, q.groupId]);
    await refreshGroup(tx, q.groupId, { forceLabel: true, locked: true });
    if (report.issueGroupId) await refreshGroup(tx, report.issueGroupId, { forceLabel: true, locked: true });
    return ok({ fromGroupId: report.issueGroupId });
  });
  if (outcome.ok) {
    await deps.repos.audit.record({
      ...actorFields(q.actor),
      action: 'issue_group.move_report',
      entity: 'report',
      entityId: q.reportId,
      data: { fromGroupId: outcome.value.fromGroupId, toGroupId: q.groupId },
      at: deps.clock(),
    });
  }
  return outcome;
}

/**
 * The open issue groups, largest first, with title, report count, units, main topic and
 * mood mix (printed at the end of `npm run demo`; the dashboard's list).
 */
export async function listIssueGroups(prisma: PrismaClient, opts: { limit?: number } = {}): Promise<IssueGroupSummary[]> {
  return listGroups(prisma, { limit: opts.limit ?? 20 });
}

export type { IssueGroupSummary };
