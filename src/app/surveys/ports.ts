/** What the survey use cases need, declared here; src/db/stores/survey-store.ts implements the store. */
import type { Scope } from '../../domain/scope.js';
import type { Settings } from '../../domain/settings.js';
import type { SurveyAnswers } from '../../domain/survey-answers.js';
import type { Survey, SurveyDefinition, SurveyStatus } from '../../domain/survey.js';
import type { Unit } from '../../domain/types.js';
import type { Language, Role } from '../../domain/vocabulary.js';

/** The message that invites one person, in each language (the store picks by the person's language). */
export interface InvitePayloads {
  vi: Record<string, unknown>;
  en: Record<string, unknown>;
}

export interface PlanInput {
  survey: Survey;
  cohortSize: number;
  /** Time between two cohorts. */
  cohortMs: number;
  minGroupSize: number;
  payloads: InvitePayloads;
}

/** What planning wrote: recipient rows (unreachable ones included) and one delivery row per reachable recipient. */
export interface PlanOutcome {
  recipients: number;
  unreachable: number;
  cohorts: number;
  deliveries: { deliveryId: number; cohort: number }[];
}

/** A recipient's standing in one survey (the bookkeeping, never the answers of an anonymous one). */
export interface RecipientState {
  surveyId: number;
  memberId: number;
  unitId: number;
  answered: boolean;
  position: number | null;
  progress: SurveyAnswers | null;
}

/** A reminder to send: a reached recipient who has not answered. */
export interface ReminderTarget {
  memberId: number;
  chatId: bigint;
  language: Language;
  timezone: string;
  unitId: number;
}

/** One stored response as results read it. */
export interface ResponseRow {
  unitId: number;
  answers: SurveyAnswers;
}

export interface SurveyStore {
  create(unitId: number, createdById: number | null, def: SurveyDefinition): Promise<number>;
  get(id: number): Promise<Survey | null>;
  setStatus(id: number, status: SurveyStatus, at: Date): Promise<void>;
  /** Schedules a draft or scheduled survey to open at `opensAt` (the workers open it when due). */
  schedule(id: number, opensAt: Date): Promise<boolean>;
  /** Ids of units in `ids` that lie outside the subtree of `rootId`. */
  unitsOutside(rootId: number, ids: readonly number[]): Promise<number[]>;
  /** Writes recipients and delivery rows in bulk, once (a second call plans nothing and returns no deliveries). */
  plan(input: PlanInput, now: Date): Promise<PlanOutcome>;
  /** A planned survey's cohorts: when planned, how many, how far apart, how many handed to the queue. */
  cohortState(id: number): Promise<{ plannedAt: Date; cohorts: number; cohortMs: number; released: number } | null>;
  /** The delivery rows of cohorts `from` … `to` (inclusive) still pending. */
  cohortDeliveries(id: number, from: number, to: number): Promise<{ deliveryId: number; cohort: number }[]>;
  /** Records that cohorts below `upTo` were handed to the queue (false when another run did it). */
  markReleased(id: number, from: number, upTo: number): Promise<boolean>;
  /** Open surveys with cohorts not yet handed to the queue. */
  releasing(): Promise<number[]>;
  /** Surveys whose open time has come (scheduled), whose close time has passed (open), whose reminder is due. */
  dueToOpen(now: Date): Promise<number[]>;
  dueToClose(now: Date): Promise<number[]>;
  dueReminders(now: Date): Promise<number[]>;
  /** Marks the reminder pass of a survey done (returns false when another run did it). */
  claimReminders(id: number, now: Date): Promise<boolean>;
  reminderTargets(id: number): Promise<ReminderTarget[]>;
  recipient(surveyId: number, memberId: number): Promise<RecipientState | null>;
  /** Stores the person's progress (answers so far and the question being asked). */
  saveProgress(surveyId: number, memberId: number, position: number | null, progress: SurveyAnswers | null, now: Date): Promise<void>;
  /** The open survey the member is answering right now (the latest activity), if any. */
  inProgress(memberId: number, now: Date): Promise<number | null>;
  /**
   * What a typed text may answer, in one read (every text outside a flow asks): the open survey
   * the member is answering with their standing in it; or a survey they were answering that has
   * closed since — its progress is dropped (the answer can no longer be given) and its id
   * returned, so the person is told once; or nothing.
   */
  answering(memberId: number, now: Date): Promise<{ type: 'open'; state: RecipientState } | { type: 'closed'; surveyId: number } | null>;
  /** Open surveys the member was asked, with whether they answered. */
  openFor(memberId: number, now: Date): Promise<{ survey: Survey; answered: boolean }[]>;
  /**
   * Stores a complete response under `respondentKey` (replacing an earlier one with the same
   * key) and, apart, marks the recipient answered and clears their progress.
   */
  submit(s: { survey: Survey; memberId: number; unitId: number; respondentKey: string; responseId: string; answers: SurveyAnswers }, now: Date): Promise<{ replaced: boolean }>;
  /** Moves the anonymous responses still waiting in the mix into the stored responses (the close does it too). */
  flushMix(surveyId: number): Promise<void>;
  /** True when a response with this key exists (an anonymous change names one). */
  responseExists(surveyId: number, respondentKey: string): Promise<boolean>;
  /** The anonymity cell a recipient's responses are filed under (their unit for named surveys). */
  cellOf(surveyId: number, memberId: number, unitId?: number): Promise<number | null>;
  markSent(surveyId: number, memberId: number, at: Date): Promise<void>;
  markUnreached(surveyId: number, memberId: number): Promise<void>;
  /** Results within a scope. */
  responses(surveyId: number, scope: Scope): Promise<ResponseRow[]>;
  /** Recipients, unreached and answered within a scope, by unit. */
  participation(surveyId: number, scope: Scope): Promise<{ unitId: number; recipients: number; unreached: number; answered: number }[]>;
  /** Answers per hour (from the bookkeeping), within a scope. */
  answersOverTime(surveyId: number, scope: Scope): Promise<{ hour: Date; answered: number }[]>;
  /** Surveys of a scope: made by a unit inside it, or by a unit above it. */
  list(scope: Scope): Promise<Survey[]>;
}

/** What the survey use cases read besides the store. */
export interface SurveyContext {
  units: { get(id: number): Promise<Unit | null> };
  settings: { effective(unitId: number | null): Promise<Settings> };
}

/** Queues delivery rows written by planning, each released at its cohort's time. */
export interface RecordedMessageQueue {
  queueRecorded(items: readonly { deliveryId: number; notBefore: Date }[], lane: 'broadcast' | 'reminder'): Promise<void>;
}

/** Who creates: a leader or admin (collaborators cannot). */
export interface Creator {
  id: number;
  role: Role;
  unitId: number;
}
