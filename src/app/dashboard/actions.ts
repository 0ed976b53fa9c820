/**
 * What a viewer changes from the dashboard. Each action checks the viewer's scope first and
 * then runs the use case the bot and the CLI run (alerts: `act`, so the Telegram cards are
 * edited; issue groups: manage.ts; corrections: corrections.ts; invites: createInvite), so the
 * dashboard adds no second set of rules. Refusals are values (a Fluent key suffix).
 */
import { inviteDeepLink } from '../admin/invite-codes.js';
import { act, type ActOutcome } from '../alerts/actions.js';
import type { AlertAction } from '../../domain/alerts.js';
import { mayInviteRole } from '../../domain/invites.js';
import { err, ok, type Result } from '../../domain/result.js';
import { scopeContains, scopeOf } from '../../domain/scope.js';
import { isSettingKey, parseSettingValue } from '../../domain/settings.js';
import type { Member } from '../../domain/types.js';
import type { Language, Role } from '../../domain/vocabulary.js';
import type { DashboardDeps } from './deps.js';

const TITLE_MAX = 160;

/**
 * Acknowledge / Resolve / False alarm from the web. A leader who opens an alert of their subtree
 * on the dashboard has been shown it, as `/alerts` shows it in the chat: they are recorded as a
 * recipient (step -1, no card) before the shared use case decides.
 */
export async function actOnAlert(deps: DashboardDeps, viewer: Member, alertId: number, action: Exclude<AlertAction, 'details'>, lang: Language): Promise<ActOutcome> {
  const alert = await deps.alerts.alerts.get(alertId);
  if (alert && viewer.active && viewer.role === 'leader' && (alert.status === 'open' || alert.status === 'acknowledged')) {
    const ancestry = (await deps.alerts.units.ancestry(alert.unitId)).map((u) => u.id);
    if (scopeContains(scopeOf(viewer), ancestry)) {
      await deps.alerts.alerts.addRecipient({ alertId, memberId: viewer.id, unitId: viewer.unitId, step: -1, chatId: viewer.chatId ?? viewer.telegramUserId, cardId: null });
    }
  }
  return act(deps.alerts, viewer, alertId, action, lang);
}

/** A leader edits a group only when every report of it lies in their subtree (admins: any). */
async function editableGroup(deps: DashboardDeps, viewer: Member, id: number): Promise<Result<true, string>> {
  const g = await deps.groups.get(scopeOf(viewer), id, deps.clock());
  if (!g) return err('group_not_found');
  if (!g.coversAll) return err('group_outside_scope');
  return ok(true);
}

export async function renameGroup(deps: DashboardDeps, viewer: Member, groupId: number, rawTitle: string): Promise<Result<void, string>> {
  const title = rawTitle.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (title.length < 3 || title.length > TITLE_MAX) return err('invalid_title');
  const allowed = await editableGroup(deps, viewer, groupId);
  if (!allowed.ok) return allowed;
  return deps.groupEditor.rename({ groupId, title, actorId: viewer.id });
}

export async function mergeGroups(deps: DashboardDeps, viewer: Member, sourceId: number, targetId: number): Promise<Result<{ moved: number }, string>> {
  for (const id of [sourceId, targetId]) {
    const allowed = await editableGroup(deps, viewer, id);
    if (!allowed.ok) return allowed;
  }
  return deps.groupEditor.merge({ sourceId, targetId, actorId: viewer.id });
}

/** Moves a report of the viewer's scope into a group that has reports in their scope. */
export async function moveReport(deps: DashboardDeps, viewer: Member, reportId: number, groupId: number): Promise<Result<{ fromGroupId: number | null }, string>> {
  if (!(await deps.search.detail(scopeOf(viewer), reportId, false))) return err('report_not_found');
  if (!(await deps.groups.get(scopeOf(viewer), groupId, deps.clock()))) return err('group_not_found');
  return deps.groupEditor.moveReport({ reportId, groupId, actorId: viewer.id });
}

/** A topic correction on a report of the viewer's scope (it feeds the tagger's training data). */
export async function correctTopic(deps: DashboardDeps, viewer: Member, reportId: number, topicSlug: string): Promise<Result<{ previous: string | null }, string>> {
  if (!(await deps.search.detail(scopeOf(viewer), reportId, false))) return err('report_not_found');
  return deps.corrections.correct({ reportId, topicSlug, leaderId: viewer.id });
}

/** An invite into the viewer's subtree, never for a role above their own. */
export async function createInvite(
  deps: DashboardDeps,
  viewer: Member,
  q: { unitId: number; role: Role; days: number; maxUses: number; label: string | null },
): Promise<Result<{ code: string; link: string; inviteId: number }, string>> {
  if (!mayInviteRole(viewer.role, q.role)) return err('role_above_own');
  const ancestry = (await deps.units.ancestry(q.unitId)).map((u) => u.id);
  if (ancestry.length === 0) return err('unit_not_found');
  if (!scopeContains(scopeOf(viewer), ancestry)) return err('unit_outside_scope');
  const created = await deps.inviteAdmin.create(viewer, q);
  if (!created.ok) return created;
  const link = inviteDeepLink(deps.botUsername, created.value.code);
  return ok({ code: created.value.code, link, inviteId: created.value.invite.id });
}

export async function revokeInvite(deps: DashboardDeps, viewer: Member, inviteId: number): Promise<Result<void, string>> {
  const invite = await deps.invites.get(inviteId);
  if (!invite) return err('invite_not_found');
  if (!scopeContains(scopeOf(viewer), (await deps.units.ancestry(invite.unitId)).map((u) => u.id))) return err('invite_not_found');
  if (invite.revokedAt) return err('already_revoked');
  const at = deps.clock();
  await deps.inviteAdmin.revoke(inviteId, at);
  await deps.audit.record({ actorKind: 'member', actorId: viewer.id, action: 'invite.revoke', entity: 'invite', entityId: inviteId, at });
  return ok(undefined);
}

const adminOnly = (viewer: Member) => viewer.role === 'admin';

/** Sets (or, with an empty value, removes) one setting globally or for a unit: admins only, audited. */
export async function changeSetting(deps: DashboardDeps, viewer: Member, q: { unitId: number | null; key: string; value: string }): Promise<Result<void, string>> {
  if (!adminOnly(viewer)) return err('admins_only');
  if (!isSettingKey(q.key)) return err('unknown_setting');
  if (q.unitId !== null && !(await deps.units.get(q.unitId))) return err('unit_not_found');
  const at = deps.clock();
  const entityId = `${q.unitId ?? 'global'}:${q.key}`;
  if (q.value.trim() === '') {
    await deps.settings.unset(q.unitId, q.key);
    await deps.audit.record({ actorKind: 'member', actorId: viewer.id, action: 'setting.unset', entity: 'setting', entityId, at });
    return ok(undefined);
  }
  const parsed = parseSettingValue(q.key, q.value.trim());
  if (!parsed.ok) return err('invalid_setting_value');
  await deps.settings.set(q.unitId, q.key, parsed.value);
  await deps.audit.record({ actorKind: 'member', actorId: viewer.id, action: 'setting.set', entity: 'setting', entityId, data: { value: parsed.value }, at });
  return ok(undefined);
}

/** Edits one topic of the taxonomy: admins only, audited. */
export async function updateTopic(
  deps: DashboardDeps,
  viewer: Member,
  slug: string,
  t: { nameVi: string; nameEn: string; keywords: string; sensitive: boolean; active: boolean },
): Promise<Result<void, string>> {
  if (!adminOnly(viewer)) return err('admins_only');
  const nameVi = t.nameVi.trim();
  const nameEn = t.nameEn.trim();
  if (!nameVi || !nameEn || nameVi.length > 120 || nameEn.length > 120) return err('invalid_topic_name');
  const keywords = [...new Set(t.keywords.split(/[,\n]/).map((k) => k.normalize('NFC').trim()).filter(Boolean))].slice(0, 500);
  if (!(await deps.taxonomy.update(slug, { nameVi, nameEn, keywords, sensitive: t.sensitive, active: t.active }))) return err('unknown_topic');
  await deps.audit.record({ actorKind: 'member', actorId: viewer.id, action: 'topic.update', entity: 'topic', entityId: slug, data: { nameVi, nameEn, sensitive: t.sensitive, active: t.active, keywords: keywords.length }, at: deps.clock() });
  return ok(undefined);
}

/** A unit's time zone and digest time: admins only, audited. */
export async function changeSchedule(deps: DashboardDeps, viewer: Member, unitId: number, s: { timezone: string; digestTime: string }): Promise<Result<void, string>> {
  if (!adminOnly(viewer)) return err('admins_only');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.digestTime)) return err('invalid_time');
  if (!isTimeZone(s.timezone)) return err('invalid_timezone');
  if (!(await deps.unitAdmin.setSchedule(unitId, s))) return err('unit_not_found');
  await deps.audit.record({ actorKind: 'member', actorId: viewer.id, action: 'unit.schedule', entity: 'unit', entityId: unitId, data: s, at: deps.clock() });
  return ok(undefined);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}
