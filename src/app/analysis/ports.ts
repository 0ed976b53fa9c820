/**
 * What the analysis needs from the outside world: one transaction per report over the report,
 * its bands, its group and its analysis fields (AnalysisStore, implemented over SQL in
 * src/db/stores/analysis-store.ts), the trained models (ModelStore), and the alerts queue to
 * ask for the evaluation that follows (AlertEvaluations).
 */
import type { Settings } from '../../domain/settings.js';
import type { Topic } from '../../domain/types.js';
import type { Mood, UrgencyLevel } from '../../domain/vocabulary.js';
import type { AuditEntry } from '../alerts/ports.js';
import type { GroupingTx } from '../issue-groups/ports.js';

/** The report fields the analysis reads. */
export interface ReportForAnalysis {
  id: number;
  unitId: number;
  status: string;
  content: string;
  proposal: string | null;
  chosenTopic: string | null;
  mood: Mood | null;
  spread: string | null;
  source: string | null;
  quick: boolean;
  createdAt: Date;
  analysisVersion: string | null;
  issueGroupId: number | null;
  groupSimilarity: number | null;
  groupSuggested: boolean;
}

/** What the analysis writes on the report row. */
export interface AnalysisFields {
  analysedAt: Date;
  analysisVersion: string;
  language: string;
  redactedContent: string;
  redactedProposal: string | null;
  redactions: Record<string, unknown>;
  topicSlug: string;
  topicDisagreement: boolean;
  textMood: Mood;
  moodScore: number;
  finalMood: Mood;
  urgencyScore: number;
  urgencyLevel: UrgencyLevel;
  urgencyReasons: unknown[];
  issueGroupId: number | null;
  groupSimilarity: number | null;
  groupSuggested: boolean;
}

/** One topic tag. */
export interface TagRow {
  topicSlug: string;
  origin: 'auto' | 'collaborator';
  score: number;
  rank: number;
}

/** The steps of one report's analysis, on one transaction. */
export interface AnalysisTx extends GroupingTx {
  /** Row-locks the report (two workers on one report serialise here), with a leader's corrected topic. */
  lockReport(id: number): Promise<(ReportForAnalysis & { leaderTopic: string | null }) | null>;
  /** A unit's effective settings, read on the transaction's own connection. */
  settings(unitId: number): Promise<Settings>;
  /** Serialises analyses that share any band key (released at commit). */
  lockBands(bandKeys: readonly string[]): Promise<void>;
  /** Reports and units of a group in [since, until] inside the subtree of the report's unit, the report itself counted. */
  groupGrowth(q: { groupId: number; since: Date; until: Date; self: { id: number; unitId: number } }): Promise<{ reports: number; units: number }>;
  writeAnalysis(reportId: number, f: AnalysisFields, extra: { tags: readonly TagRow[]; bandKeys: readonly string[]; bandsAt: Date; replace: boolean }): Promise<void>;
  /** A leader's topic for a report: one `leader` tag per report, and the report's topic. */
  writeLeaderTopic(c: { reportId: number; topicSlug: string; leaderId: number; at: Date }): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface AnalysisStore {
  transaction<T>(fn: (tx: AnalysisTx) => Promise<T>): Promise<T>;
  /** A report's fields for a leader's correction (outside any transaction). */
  reportForCorrection(reportId: number): Promise<{ unitId: number; status: string; topicSlug: string | null; issueGroupId: number | null } | null>;
}

/** Asks the alerts worker to evaluate an analysed report (idempotent). */
export interface AlertEvaluations {
  request(reportId: number, opts: { joined: boolean }): Promise<void>;
}

/** A stored model snapshot. */
export interface StoredModel {
  version: string;
  model: unknown;
}

/** One piece of leaders' feedback, as a labelled text. */
export type FeedbackExample =
  | { readonly kind: 'topic_correction'; readonly reportId: number; readonly text: string; readonly topic: string }
  | { readonly kind: 'false_alarm'; readonly reportId: number; readonly text: string };

/** The trained models (`ModelVersion`, one active per kind) and the feedback that retrains them. */
export interface ModelStore {
  activeVersion(kind: string): Promise<string | null>;
  active(kind: string): Promise<StoredModel | null>;
  store(m: { kind: string; version: string; examples: number; metrics: Record<string, unknown>; model: unknown }): Promise<void>;
  feedback(): Promise<FeedbackExample[]>;
}

export interface TopicsReader {
  list(activeOnly?: boolean): Promise<Topic[]>;
}
