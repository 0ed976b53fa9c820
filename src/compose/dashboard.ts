/**
 * Builds the dashboard's dependencies from a runtime (the web part's composition): the read
 * models over the SQL executor, the alert use cases' deps (the same as the bot's buttons), and
 * the existing edit use cases bound behind the dashboard's small ports.
 */
import { createInvite as createInviteUseCase } from '../app/admin/units.js';
import { recordTopicCorrection } from '../app/analysis/corrections.js';
import type { DashboardDeps } from '../app/dashboard/deps.js';
import { mergeGroups, moveReport } from '../app/issue-groups/manage.js';
import { createActivityReads } from '../db/read-models/activity.js';
import { createLoginTokenStore, renameGroup, setUnitSchedule, updateTopic } from '../db/read-models/dashboard-writes.js';
import { createGroupReads } from '../db/read-models/issue-groups.js';
import { createAlertReads, createAuditReads, createInviteReads, createUnitReads } from '../db/read-models/lists.js';
import { createOverviewReads } from '../db/read-models/overview.js';
import { createReportSearch } from '../db/read-models/report-search.js';
import { createAnalysisStore, createGroupStore } from '../db/stores/analysis-store.js';
import { ok } from '../domain/result.js';
import { alertsDepsFromRuntime } from './alerts.js';
import type { Runtime } from './runtime.js';

/** The dashboard's deps; `close()` releases the queues the alert actions use. */
export function dashboardDepsFromRuntime(rt: Runtime): DashboardDeps & { close(): Promise<void> } {
  const sql = rt.db.sql;
  const alerts = alertsDepsFromRuntime(rt);
  const edits = { groups: createGroupStore(sql, rt.db.prisma), clock: rt.clock };
  const member = (memberId: number) => ({ kind: 'member' as const, memberId });
  return {
    search: createReportSearch(sql),
    overview: createOverviewReads(sql),
    activity: createActivityReads(sql),
    groups: createGroupReads(sql),
    alertList: createAlertReads(sql),
    auditLog: createAuditReads(sql),
    invites: createInviteReads(sql),
    units: createUnitReads(sql),
    members: rt.repos.members,
    topics: rt.repos.topics,
    tokens: createLoginTokenStore(sql),
    audit: rt.repos.audit,
    alerts,
    groupEditor: {
      merge: (q) => mergeGroups(edits, { sourceId: q.sourceId, targetId: q.targetId, actor: member(q.actorId) }),
      moveReport: (q) => moveReport(edits, { reportId: q.reportId, groupId: q.groupId, actor: member(q.actorId) }),
      async rename(q) {
        if (!(await renameGroup(sql, q.groupId, q.title))) return { ok: false, error: 'group_not_found' };
        await rt.repos.audit.record({ actorKind: 'member', actorId: q.actorId, action: 'issue_group.rename', entity: 'issue_group', entityId: q.groupId, data: { title: q.title }, at: rt.clock() });
        return ok(undefined);
      },
    },
    corrections: { correct: (q) => recordTopicCorrection({ analysis: createAnalysisStore(sql), topics: rt.repos.topics, members: rt.repos.members, units: rt.repos.units, clock: rt.clock }, q) },
    inviteAdmin: {
      create: (actor, q) => createInviteUseCase({ repos: rt.repos, clock: rt.clock }, { kind: 'member', member: actor }, { unitId: q.unitId, role: q.role, days: q.days, maxUses: q.maxUses, ...(q.label ? { label: q.label } : {}) }),
      revoke: (id, at) => rt.repos.invites.revoke(id, at),
    },
    settings: {
      effective: async (unitId) => ({ ...(await rt.repos.settings.effective(unitId)) }),
      overrides: (unitId) => rt.repos.settings.overrides(unitId),
      set: (unitId, key, value) => rt.repos.settings.set(unitId, key, value),
      unset: (unitId, key) => rt.repos.settings.unset(unitId, key),
    },
    taxonomy: { update: (slug, t) => updateTopic(sql, slug, t) },
    unitAdmin: { setSchedule: (unitId, s) => setUnitSchedule(sql, unitId, s) },
    botUsername: rt.config.BOT_USERNAME,
    clock: rt.clock,
    logger: rt.logger.child({ part: 'dashboard' }),
    close: () => alerts.close(),
  };
}
