/**
 * What the alert use cases need from the outside world, declared here and implemented by the
 * adapters: the alert store (src/db/repositories/alerts-repository.ts), the job scheduler
 * (src/queue/alert-jobs.ts), the card-edit gate (src/queue/card-edit-gate.ts) and the message
 * sender (src/delivery). The composition roots pass them in `AlertsDeps` (deps.ts).
 */
import type { AlertStatus, AlertTrigger } from '../../domain/alerts.js';
import type { Scope } from '../../domain/scope.js';
import type { Settings } from '../../domain/settings.js';
import type { Member, Unit } from '../../domain/types.js';
import type { UrgencyLevel } from '../../domain/vocabulary.js';

/** An alert about one issue group within one unit's subtree (its scope: `unitId`). */
export interface AlertRecord {
  id: number;
  issueGroupId: number | null;
  openKey: string | null;
  reportId: number;
  /** The scope: the unit whose subtree the alert covers. */
  unitId: number;
  coversFrom: Date | null;
  trigger: AlertTrigger;
  level: 'high' | 'critical';
  status: AlertStatus;
  reasons: unknown;
  currentUnitId: number;
  escalationStep: number;
  /** The last step whose cards were all queued and whose next step was scheduled (null: none yet). */
  dispatchedStep: number | null;
  nextEscalationAt: Date | null;
  heldUntil: Date | null;
  reportCount: number;
  unitCount: number;
  latestQuote: string | null;
  acknowledgedById: number | null;
  acknowledgedAt: Date | null;
  closedById: number | null;
  closedAt: Date | null;
  createdAt: Date;
}

/** A report with the analysis fields an alert needs. */
export interface AlertReport {
  id: number;
  reference: string;
  memberId: number;
  unitId: number;
  status: string;
  createdAt: Date;
  urgencyLevel: UrgencyLevel | null;
  urgencyScore: number | null;
  urgencyReasons: unknown;
  topicSlug: string | null;
  topicSensitive: boolean;
  topicNameVi: string | null;
  topicNameEn: string | null;
  finalMood: string | null;
  spread: string | null;
  redactedContent: string | null;
  issueGroupId: number | null;
}

/** A report an alert covers. */
export interface CoveredReport {
  id: number;
  reference: string;
  unitId: number;
  memberId: number;
  redactedContent: string | null;
  urgencyLevel: UrgencyLevel | null;
  createdAt: Date;
}

export interface NewAlert {
  issueGroupId: number | null;
  reportId: number;
  unitId: number;
  coversFrom: Date | null;
  trigger: AlertTrigger;
  level: 'high' | 'critical';
  reasons: unknown;
  latestQuote: string | null;
  reportCount: number;
  unitCount: number;
  createdAt: Date;
}

/** An alert that reached a member: at which step (-1: through /alerts) and on which card. */
export interface RecipientRecord {
  alertId: number;
  memberId: number;
  unitId: number;
  step: number;
  chatId: bigint;
  cardId: number | null;
}

/** The message a leader holds about one subject (an issue group, or a groupless alert). */
export interface CardRecord {
  id: number;
  subject: string;
  memberId: number;
  /** The reader's unit: the card shows what lies in its subtree. */
  unitId: number;
  chatId: bigint;
  /** The delivery that sent it; null for a card shown by /alerts (then `messageId` is known). */
  deliveryKey: string | null;
  messageId: number | null;
  live: boolean;
  alertIds: number[];
  /** Hash of the state it was sent in (card.ts cardVersion). */
  sentVersion: string | null;
  /** The newest edit queued for it and the hash of its state. */
  lastEdit: { deliveryId: number; version: string } | null;
  createdAt: Date;
}

export interface NewCard {
  subject: string;
  memberId: number;
  unitId: number;
  chatId: bigint;
  alertIds: number[];
  /** Hash of the state it is sent in (card.ts cardVersion). */
  sentVersion: string;
  /** Known at once when the card was shown by /alerts (no delivery). */
  messageId?: number;
}

/** One entry of an alert's history. */
export interface AlertEventRecord {
  alertId: number;
  kind: string;
  memberId: number | null;
  data: unknown;
  createdAt: Date;
}

/** The alerts, their recipients, cards and history. */
export interface AlertStore {
  reportForAlert(reportId: number): Promise<AlertReport | null>;
  /** Records that the report's evaluation finished (the reconciler asks again for those without). */
  markEvaluated(reportId: number, at: Date): Promise<void>;
  /**
   * For the unit and each of its ancestors: the group's reports inside that ancestor's subtree
   * since an instant, and how many distinct units sent them (withdrawn excluded).
   */
  spreadByAncestor(issueGroupId: number, unitId: number, since: Date): Promise<Map<number, { reports: number; units: number }>>;
  /** When the previous alert of the same group and scope closed (what a new one covers starts there). */
  previousClose(issueGroupId: number, scopeUnitId: number): Promise<Date | null>;
  /** What an alert with these fields would cover (before it is created). */
  coverageOf(a: Pick<NewAlert, 'issueGroupId' | 'unitId' | 'reportId' | 'coversFrom'>): Promise<CoveredReport[]>;
  /** The reports the given alerts cover, oldest first, each once. */
  coveredReports(alertIds: readonly number[]): Promise<CoveredReport[]>;
  /** Creates an alert; null when the group already has a live alert with this scope. */
  create(a: NewAlert): Promise<AlertRecord | null>;
  get(id: number): Promise<AlertRecord | null>;
  getMany(ids: readonly number[]): Promise<AlertRecord[]>;
  /** Those of the alerts whose scope lies inside `scope`. */
  getManyInScope(ids: readonly number[], scope: Scope): Promise<AlertRecord[]>;
  /** Alerts the report raised (any status). */
  raisedBy(reportId: number): Promise<AlertRecord[]>;
  /** The live (open or acknowledged) alert of a group and scope. */
  liveFor(issueGroupId: number, scopeUnitId: number): Promise<AlertRecord | null>;
  /** Live alerts of a subject whose scope lies inside `scope`. */
  liveInScope(subject: string, scope: Scope): Promise<AlertRecord[]>;
  /** Live alerts of a group whose scope contains the unit (the unit or one of its ancestors). */
  liveCovering(issueGroupId: number, unitId: number): Promise<AlertRecord[]>;
  updateStats(id: number, s: { reportCount: number; unitCount: number; latestQuote: string | null; level: 'high' | 'critical' }): Promise<void>;
  /** Moves the status only from one of `from` (the first of two racing taps wins); closing frees the openKey. */
  changeStatus(id: number, from: AlertStatus[], to: AlertStatus, actorId: number | null, at: Date): Promise<AlertRecord | null>;
  /**
   * Takes the alert's dispatch lease until `now + leaseMs` when the alert is open and no lease
   * runs (or the one there lapsed); false otherwise. `setEscalation` and `releaseDispatch` drop it.
   */
  claimDispatch(id: number, now: Date, leaseMs: number): Promise<boolean>;
  /** Drops the dispatch lease (a dispatch that ended without recording a step). */
  releaseDispatch(id: number): Promise<void>;
  /** Records where the ladder stands and drops the dispatch lease; `dispatched`: the step's cards are queued and the next step scheduled. */
  setEscalation(id: number, s: { step: number; currentUnitId: number; nextEscalationAt: Date | null; heldUntil?: Date | null; dispatched: boolean }): Promise<void>;
  /**
   * Open alerts whose ladder stopped short: a step left undispatched (an interrupted raise or
   * escalation, a quiet-hour hold past its end) or an escalation overdue (its job lost or
   * failed for good). Only what has been due for at least `graceMs` (a dispatch may be running).
   */
  stalled(now: Date, graceMs: number, take: number): Promise<{ undispatched: AlertRecord[]; overdue: AlertRecord[] }>;
  /** Adds a recipient; false when the member already had this alert. */
  addRecipient(r: RecipientRecord): Promise<boolean>;
  recipients(alertId: number): Promise<RecipientRecord[]>;
  /** The alerts that reached a member on this card (recipient rows pointing at it). */
  alertsReachedOn(cardId: number): Promise<number[]>;
  addEvent(alertId: number, kind: string, memberId?: number | null, data?: Record<string, unknown>, at?: Date): Promise<void>;
  events(alertIds: readonly number[]): Promise<AlertEventRecord[]>;
  /** Subjects with live alerts inside the scope, most severe and newest first. */
  liveSubjects(scope: Scope, take: number): Promise<string[]>;
  /** The member's live card for a subject. */
  liveCard(subject: string, memberId: number): Promise<CardRecord | null>;
  /** Creates the member's live card for a subject, or returns the one that exists. */
  openCard(c: NewCard): Promise<{ card: CardRecord; created: boolean }>;
  /** The live cards of a subject. */
  liveCards(subject: string): Promise<CardRecord[]>;
  /** The live cards of a subject whose reader's subtree holds one of the units (admins' cards always). */
  liveCardsOver(subject: string, unitIds: readonly number[]): Promise<CardRecord[]>;
  cardByDeliveryKey(key: string): Promise<CardRecord | null>;
  /** Records the alerts a card has now shown. */
  setCardAlerts(cardId: number, alertIds: readonly number[]): Promise<void>;
  card(cardId: number): Promise<CardRecord | null>;
  /**
   * Records an edit queued for a card unless a newer one (a higher delivery id) is recorded: the
   * delivery path sends only the newest edit of a message, so the card ends showing that one.
   */
  recordCardEdit(cardId: number, deliveryId: number, version: string): Promise<void>;
  /** Records the Telegram message of a card sent through the delivery path. */
  setCardMessage(cardId: number, messageId: number, at: Date): Promise<void>;
  /** Points a card at a fresh copy of its message (a new delivery key, no message id yet, no edit). */
  replaceCardDelivery(cardId: number, deliveryKey: string, sentVersion: string): Promise<void>;
  /** Retires a card: the next alert reaching the member sends a new one. */
  retireCard(cardId: number, at: Date): Promise<void>;
  /** True when the member holds (or held) a card showing this alert, or was reached by it. */
  hasSeen(alertId: number, memberId: number): Promise<boolean>;
}

/** The organisation, as the alert use cases read it. */
export interface UnitsReader {
  /** The unit itself, then its parent, … up to the root (the escalation ladder). */
  ancestry(unitId: number): Promise<Unit[]>;
  getMany(ids: readonly number[]): Promise<Unit[]>;
}

export interface MembersReader {
  get(id: number): Promise<Member | null>;
  leadersOf(unitId: number): Promise<Member[]>;
}

export interface SettingsReader {
  effective(unitId: number | null): Promise<Settings>;
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

/** Jobs of the alerts queue: derived ids (alertJobId), so adding the same job twice is a no-op. */
export type AlertJob =
  | { kind: 'escalate' | 'release'; alertId: number; step: number }
  | { kind: 'cards'; issueGroupId: number; dueAt: number; lead?: boolean; touching?: number[] };

export interface AlertJobs {
  /** Adds a job due after `delayMs`; `priority` orders jobs that are due (lower first, none = first). */
  add(job: AlertJob, opts: { delayMs: number; priority?: number }): Promise<void>;
  /** Removes jobs not started yet (an acknowledged alert's escalations). */
  remove(jobs: readonly AlertJob[]): Promise<void>;
}

/**
 * The open edit window of each issue group's cards, shared by every process that evaluates
 * reports. `open` is atomic: of two changes at once, one leads (edits at once) and the other
 * joins its window.
 */
export interface CardEditGate {
  /** Opens a window at `nowMs`, held `holdMs`, unless one is open: `lead` (edit now), else when the open one began. */
  open(key: number, nowMs: number, holdMs: number): Promise<{ lead: true } | { lead: false; openedAt: number }>;
  /** Opens the next window at `nowMs` (a window's job is about to edit). */
  restart(key: number, nowMs: number, holdMs: number): Promise<void>;
}
