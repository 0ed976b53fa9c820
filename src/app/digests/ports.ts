/**
 * What the digest use cases read and record, declared here and implemented in
 * src/db/read-models/digest-read-model.ts. Every read that feeds a digest goes through
 * `DigestReadModel.scoped(scope)`: the scoped reader has no way to read outside its scope.
 */
import type { Scope } from '../../domain/scope.js';
import type { Settings } from '../../domain/settings.js';
import type { DigestModel } from '../../domain/digest/model.js';
import type { DigestT } from '../../domain/digest/render.js';
import type { Member, Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';

/** The current and previous windows one digest compares. */
export interface DigestWindows {
  from: Date;
  to: Date;
  prevFrom: Date;
  prevTo: Date;
}

export interface HeadlineCounts {
  reports: number;
  members: number;
  units: number;
  prev_reports: number;
  prev_members: number;
  prev_units: number;
  avg_reports: number;
}

export interface TopicMoodRow {
  topic: string;
  mood: string | null;
  cur: boolean;
  n: number;
}

/** An issue group of the period; `outside` = its live reports outside the scope (0: its stored title may be shown). */
export interface GroupRow {
  id: number;
  title: string;
  outside: number;
  n: number;
  units: number;
  prev: number;
  quotes: { reference: string; text: string }[] | null;
}

export interface OpenAlertRow {
  id: number;
  level: string;
  trigger: string;
  status: string;
  group_id: number | null;
  title: string | null;
  outside: number;
  reference: string;
  unit_name: string;
  unit_depth: number;
  report_count: number;
  unit_count: number;
  created_ms: number;
}

/** Reads of one scope (a leader's subtree, or everything). */
export interface ScopedDigestReads {
  headline(w: DigestWindows): Promise<HeadlineCounts>;
  topicMoodCounts(w: DigestWindows): Promise<TopicMoodRow[]>;
  topIssueGroups(w: DigestWindows, limit?: number): Promise<GroupRow[]>;
  /** The newest redacted texts of a group inside the scope, oldest first (for a title derived from them). */
  groupTexts(groupId: number, take?: number): Promise<string[]>;
  openAlerts(limit?: number): Promise<OpenAlertRow[]>;
  proposals(w: DigestWindows, limit?: number): Promise<{ reference: string; unit_name: string; text: string }[]>;
  silentUnits(since: Date, to: Date, limit?: number): Promise<{ id: number; name: string; total: number }[]>;
  inactiveCollaborators(since: Date, to: Date, limit?: number): Promise<{ id: number; name: string; unit_name: string; last_ms: number | null; total: number }[]>;
  volume(buckets: { from: Date; to: Date }[]): Promise<number[]>;
}

export interface DigestReadModel {
  scoped(scope: Scope): Promise<ScopedDigestReads>;
  topicNames(): Promise<{ slug: string; nameVi: string; nameEn: string }[]>;
  /** Ids of active units with at least one active leader. */
  unitsWithLeaders(): Promise<number[]>;
  /** Per unit of a subtree: reports, collaborators who reported, active members, weeks with reports (in `tz`). */
  yearlyActivity(unitId: number, from: Date, to: Date, tz: string): Promise<{ id: number; name: string; depth: number; reports: number; active: number; members: number; weeks: number }[]>;
}

export interface DigestClaim {
  key: string;
  memberId: number;
  unitId: number;
  period: string;
  periodKey: string;
  fromAt: Date;
  toAt: Date;
}

/** The Digest table as the ledger of "one digest per leader per period". */
export interface DigestLedger {
  /** Inserts the row if missing; returns whether the digest was already marked sent. */
  claim(c: DigestClaim): Promise<{ alreadySent: boolean }>;
  markSent(key: string, stats: unknown, at: Date): Promise<void>;
  sent(key: string): Promise<boolean>;
}

export interface DigestUnits {
  get(id: number): Promise<Unit | null>;
}

export interface DigestMembers {
  get(id: number): Promise<Member | null>;
  leadersOf(unitId: number): Promise<Member[]>;
}

export interface DigestSettings {
  effective(unitId: number | null): Promise<Settings>;
}

/** Draws a digest's chart (mood by topic beside the 7-day volume) as PNG bytes in the reader's language. */
export interface DigestChart {
  png(model: DigestModel, t: DigestT, lang: Language): Promise<Buffer>;
}
