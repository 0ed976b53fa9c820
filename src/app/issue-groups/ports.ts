/**
 * What the issue-group steps need, inside the transaction that runs them (the analysis of a
 * report, a leader's merge or move): declared here, implemented over SQL in
 * src/db/stores/analysis-store.ts. Every method runs on the caller's transaction.
 */
import type { Mood } from '../../domain/vocabulary.js';
import type { AuditEntry } from '../alerts/ports.js';

/** A report sharing band keys with the one being analysed, in an open group of the window. */
export interface CandidateRow {
  reportId: number;
  groupId: number;
  text: string;
  shared: number;
}

/** A group's first member, so that a new group is written complete in one statement. */
export interface FirstMember {
  title: string;
  topTerms: string[];
  mainTopic: string | null;
  mood: Mood;
  at: Date;
}

/** What a list/summary shows of a group. */
export interface IssueGroupSummary {
  id: number;
  title: string;
  mainTopic: string | null;
  status: string;
  reportCount: number;
  unitCount: number;
  units: string[];
  moodMix: Partial<Record<Mood, number>>;
  topTerms: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export type GroupStatus = 'open' | 'closed' | 'merged';

/** The group steps of one transaction. */
export interface GroupingTx {
  findCandidates(q: { bandKeys: readonly string[]; since: Date; excludeReportId: number }): Promise<CandidateRow[]>;
  createGroup(g: FirstMember): Promise<number>;
  /** Row-locks groups (sorted by id) for the rest of the transaction; returns those that exist. */
  lockGroups(ids: readonly number[]): Promise<{ id: number; status: string; titleEdited: boolean }[]>;
  /** Recomputes a group's counters from its members; the new count, whether the title is a person's, the status. */
  refreshCounters(groupId: number): Promise<{ n: number; titleEdited: boolean; status: string } | null>;
  /** The newest members' redacted texts, oldest first. */
  memberTexts(groupId: number, take?: number): Promise<string[]>;
  writeLabel(groupId: number, label: { title: string; topTerms: string[] }): Promise<void>;
  setGroupStatus(groupId: number, status: GroupStatus, mergedIntoId?: number | null): Promise<void>;
}

/** A leader's edit of groups, audited in the same transaction as the change. */
export interface GroupEditTx extends GroupingTx {
  /** Moves every report of one group into another; returns how many moved. */
  moveAllReports(sourceId: number, targetId: number): Promise<number>;
  /** Row-locks a report for a move; its status and group. */
  lockReportForMove(reportId: number): Promise<{ status: string; issueGroupId: number | null } | null>;
  moveReport(reportId: number, groupId: number): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface GroupStore {
  /** Runs `fn` in one transaction. */
  edit<T>(fn: (tx: GroupEditTx) => Promise<T>): Promise<T>;
  /** The largest open groups with their units' names (the CLI, the demo). */
  list(opts: { limit: number }): Promise<IssueGroupSummary[]>;
}
