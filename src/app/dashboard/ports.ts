/**
 * What the dashboard's use cases need from the outside world, declared here and implemented by
 * the read models of src/db/read-models (every read takes the viewer's Scope and applies it
 * with src/db/scope-sql.ts, so no page builds a filter of its own) and by adapters the
 * composition root binds (src/compose/dashboard.ts).
 */
import type { Scope } from '../../domain/scope.js';
import type { Member, Topic, Unit } from '../../domain/types.js';
import type { Mood, ReportStatus, Role, UrgencyLevel } from '../../domain/vocabulary.js';

/** A report search: every filter optional; `text` is matched without diacritics or case. */
export interface ReportFilters {
  text: string;
  unitId: number | null;
  topic: string | null;
  mood: Mood | null;
  urgency: UrgencyLevel | null;
  status: ReportStatus | null;
  /** Instants (the viewer's local days already turned into UTC bounds): [from, to). */
  from: Date | null;
  to: Date | null;
}

/** One line of a result page. */
export interface ReportRow {
  id: number;
  reference: string;
  createdAt: Date;
  unitId: number;
  unitName: string;
  topicSlug: string | null;
  mood: Mood | null;
  urgencyLevel: UrgencyLevel | null;
  urgencyScore: number | null;
  status: ReportStatus;
  /** Start of the redacted text (null before analysis and for withdrawn reports). */
  excerpt: string | null;
  /** The text holds every term with the very accents typed (ranked first). */
  exact: boolean;
}

export interface ReportPage {
  rows: ReportRow[];
  hasNext: boolean;
}

/** A report as its detail page shows it. `content` (the original) is read for admins only. */
export interface ReportDetail extends ReportRow {
  redactedContent: string | null;
  redactedProposal: string | null;
  content: string | null;
  proposal: string | null;
  chosenTopic: string | null;
  spread: string | null;
  source: string | null;
  reportedMood: Mood | null;
  textMood: Mood | null;
  topicDisagreement: boolean;
  urgencyReasons: unknown;
  issueGroupId: number | null;
  tags: { topicSlug: string; origin: string; score: number; rank: number }[];
  unitPath: string[];
}

/** One exported line (the whole redacted text). */
export interface ExportRow {
  reference: string;
  createdAt: Date;
  unitName: string;
  topicSlug: string | null;
  mood: string | null;
  urgencyLevel: string | null;
  urgencyScore: number | null;
  spread: string | null;
  source: string | null;
  status: string;
  issueGroupId: number | null;
  text: string | null;
  proposal: string | null;
}

export interface ReportSearch {
  search(scope: Scope, f: ReportFilters, page: { offset: number; size: number }): Promise<ReportPage>;
  /** Reads the whole search in batches (one cursor, one snapshot); `onBatch` applies backpressure. */
  exportRows(scope: Scope, f: ReportFilters, onBatch: (rows: ExportRow[]) => Promise<void>): Promise<number>;
  detail(scope: Scope, id: number, withOriginal: boolean): Promise<ReportDetail | null>;
}

/** A period of the overview, as instants, with its local days and the zone they are read in. */
export interface Period {
  from: Date;
  to: Date;
  prevFrom: Date;
  prevTo: Date;
  timezone: string;
  /** The bars of the charts: days for a month or less, weeks (from Monday) up to a quarter, months beyond. */
  bucket: 'day' | 'week' | 'month';
}

export interface OverviewData {
  totals: { reports: number; prevReports: number; members: number; prevMembers: number; units: number; prevUnits: number };
  /** Per bucket (its first local day, YYYY-MM-DD) and mood ('unknown' before analysis). */
  daily: { day: string; mood: string; n: number }[];
  /** Per bucket and topic. */
  dailyTopics: { day: string; topic: string; n: number }[];
  topics: { topic: string; n: number; prev: number }[];
  openAlerts: { level: string; n: number }[];
  silentUnits: { id: number; name: string; lastReportAt: Date | null }[];
  silentUnitCount: number;
  silentMembers: { id: number; name: string; unitName: string; lastReportAt: Date | null }[];
  silentMemberCount: number;
}

export interface OverviewReads {
  overview(scope: Scope, p: Period, silentSince: Date): Promise<OverviewData>;
}

/** Activity of one unit's subtree: reports per month of the last 12, last report. */
export interface UnitActivity {
  id: number;
  name: string;
  depth: number;
  children: number;
  perMonth: number[];
  total: number;
  lastReportAt: Date | null;
  collaborators: number;
  silentCollaborators: number;
}

export interface MemberActivity {
  id: number;
  displayName: string;
  role: Role;
  active: boolean;
  unitName: string;
  perMonth: number[];
  total: number;
  lastReportAt: Date | null;
}

export interface ActivityReads {
  /** The unit and its direct children (each with its subtree's figures); null when out of scope. */
  units(scope: Scope, unitId: number, months: { from: Date; bounds: Date[] }, silentSince: Date): Promise<{ unit: UnitActivity; children: UnitActivity[] } | null>;
  /** Members of exactly this unit. */
  members(scope: Scope, unitId: number, months: { from: Date; bounds: Date[] }): Promise<MemberActivity[] | null>;
}

/** An issue group as a viewer sees it: figures over the reports in their scope only. */
export interface GroupRow {
  id: number;
  /** The stored title (see `coversAll`). */
  title: string;
  titleEdited: boolean;
  status: string;
  mainTopic: string | null;
  reports: number;
  units: number;
  lastWeek: number;
  weekBefore: number;
  lastSeenAt: Date;
  /** Every report of the group lies in the viewer's scope. */
  coversAll: boolean;
}

export interface GroupReads {
  list(scope: Scope, q: { since: Date; now: Date; offset: number; size: number }): Promise<{ rows: GroupRow[]; hasNext: boolean }>;
  get(scope: Scope, id: number, now: Date): Promise<GroupRow | null>;
  /** Redacted texts of the group's reports in scope, newest first (for a scoped title). */
  texts(scope: Scope, id: number, take: number): Promise<string[]>;
  reports(scope: Scope, id: number, q: { offset: number; size: number }): Promise<ReportPage>;
}

/** An alert with what the lists show. */
export interface AlertRow {
  id: number;
  issueGroupId: number | null;
  status: string;
  level: string;
  trigger: string;
  unitName: string;
  reportCount: number;
  createdAt: Date;
  closedAt: Date | null;
}

export interface AlertReads {
  list(scope: Scope, q: { live: boolean; offset: number; size: number }): Promise<{ rows: AlertRow[]; hasNext: boolean }>;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: unknown;
}

export interface AuditReads {
  list(q: { action: string | null; offset: number; size: number }): Promise<{ rows: AuditRow[]; hasNext: boolean }>;
}

export interface InviteRow {
  id: number;
  unitId: number;
  unitName: string;
  role: Role;
  label: string | null;
  uses: number;
  maxUses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdByName: string | null;
}

export interface InviteReads {
  list(scope: Scope, q: { offset: number; size: number }): Promise<{ rows: InviteRow[]; hasNext: boolean }>;
  get(id: number): Promise<InviteRow | null>;
}

/** The unit tree inside a scope (filters, pickers), ordered by path. */
export interface UnitReads {
  inScope(scope: Scope): Promise<Unit[]>;
  get(id: number): Promise<Unit | null>;
  ancestry(id: number): Promise<Unit[]>;
}

export interface MemberReads {
  get(id: number): Promise<Member | null>;
}

export interface TopicReads {
  list(activeOnly: boolean): Promise<Topic[]>;
}

/** One-time sign-in links (only a hash of the token is stored). */
export interface LoginTokenStore {
  create(t: { tokenHash: string; memberId: number; expiresAt: Date; createdAt: Date }): Promise<void>;
  find(tokenHash: string): Promise<{ memberId: number; expiresAt: Date; usedAt: Date | null } | null>;
  /** Marks the token used when it is unused and unexpired at `now`; its member, else null. Atomic. */
  consume(tokenHash: string, now: Date): Promise<number | null>;
}

export interface AuditEntry {
  actorKind: 'member' | 'cli' | 'system';
  actorId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
  at?: Date;
}

export interface AuditLog {
  record(e: AuditEntry): Promise<void>;
}
