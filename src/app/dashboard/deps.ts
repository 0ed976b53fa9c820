/**
 * What the dashboard's use cases need, passed in by the composition root
 * (src/compose/dashboard.ts). Reads are the ports of ports.ts; edits go through the existing
 * use cases (alerts, issue groups, topic corrections, invites, settings), bound by the root
 * behind the small ports below so that this module reads as a story and runs on any backend.
 */
import type { Clock } from '../../domain/clock.js';
import type { Result } from '../../domain/result.js';
import type { SettingKey } from '../../domain/settings.js';
import type { Member, Invite } from '../../domain/types.js';
import type { Role } from '../../domain/vocabulary.js';
import type { AlertsDeps } from '../alerts/deps.js';
import type { Logger } from '../ports/logger.js';
import type {
  ActivityReads,
  AlertReads,
  AuditLog,
  AuditReads,
  GroupReads,
  InviteReads,
  LoginTokenStore,
  MemberReads,
  OverviewReads,
  ReportSearch,
  TopicReads,
  UnitReads,
} from './ports.js';

/** The issue-group edits of src/app/issue-groups/manage.ts (and a title edit), audited there. */
export interface GroupEditor {
  merge(q: { sourceId: number; targetId: number; actorId: number }): Promise<Result<{ moved: number }, string>>;
  moveReport(q: { reportId: number; groupId: number; actorId: number }): Promise<Result<{ fromGroupId: number | null }, string>>;
  rename(q: { groupId: number; title: string; actorId: number }): Promise<Result<void, string>>;
}

/** A leader's topic correction (src/app/analysis/corrections.ts): a ReportTopic row of origin `leader`. */
export interface TopicCorrector {
  correct(q: { reportId: number; topicSlug: string; leaderId: number }): Promise<Result<{ previous: string | null }, string>>;
}

/** Invites (src/app/admin/units.ts createInvite; revoke audited). */
export interface InviteAdmin {
  create(actor: Member, q: { unitId: number; role: Role; days: number; maxUses: number; label: string | null }): Promise<Result<{ invite: Invite; code: string }, string>>;
  revoke(id: number, at: Date): Promise<void>;
}

/** Settings as the CLI edits them (global or per unit, inherited down the tree). */
export interface SettingsAdmin {
  effective(unitId: number | null): Promise<Record<string, number | string>>;
  overrides(unitId: number | null): Promise<Record<string, unknown>>;
  set(unitId: number | null, key: SettingKey, value: number | string): Promise<void>;
  unset(unitId: number | null, key: SettingKey): Promise<void>;
}

/** Taxonomy edits (names, keywords, sensitive flag, active). */
export interface TaxonomyAdmin {
  update(slug: string, t: { nameVi: string; nameEn: string; keywords: string[]; sensitive: boolean; active: boolean }): Promise<boolean>;
}

/** Unit schedules (time zone and digest time), as `unit create` sets them. */
export interface UnitAdmin {
  setSchedule(unitId: number, s: { timezone: string; digestTime: string }): Promise<boolean>;
}

export interface DashboardDeps {
  search: ReportSearch;
  overview: OverviewReads;
  activity: ActivityReads;
  groups: GroupReads;
  alertList: AlertReads;
  auditLog: AuditReads;
  invites: InviteReads;
  units: UnitReads;
  members: MemberReads;
  topics: TopicReads;
  tokens: LoginTokenStore;
  audit: AuditLog;
  alerts: AlertsDeps;
  groupEditor: GroupEditor;
  corrections: TopicCorrector;
  inviteAdmin: InviteAdmin;
  settings: SettingsAdmin;
  taxonomy: TaxonomyAdmin;
  unitAdmin: UnitAdmin;
  botUsername: string;
  clock: Clock;
  logger: Logger;
}
