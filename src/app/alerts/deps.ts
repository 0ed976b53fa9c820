/**
 * What the alert use cases need, injected by the composition roots (alerts worker, bot, demo,
 * tests): the ports of ports.ts. Messages leave only through the MessageSender; delayed
 * escalation, quiet-hour release and card-edit jobs go through AlertJobs.
 */
import type { Clock } from '../../domain/clock.js';
import type { Translate } from '../../domain/translate.js';
import type { Logger } from '../ports/logger.js';
import type { MessageSender } from '../ports/messages.js';
import type { AlertJob, AlertJobs, AlertStore, AuditLog, CardEditGate, MembersReader, SettingsReader, UnitsReader } from './ports.js';

export type { CardEditGate } from './ports.js';

export interface AlertsDeps {
  alerts: AlertStore;
  units: UnitsReader;
  members: MembersReader;
  settings: SettingsReader;
  audit: AuditLog;
  messages: MessageSender;
  jobs: AlertJobs;
  t: Translate;
  clock: Clock;
  logger: Logger;
  /**
   * A subject's cards are edited at most about once per this window (ms; default 1500, see
   * card-edits.ts); 0 edits at every change.
   */
  cardEditDelayMs?: number;
  /** Waits before the 1st, 2nd, 3rd fresh copy of a card (default RESEND_DELAYS_MS in observer.ts). */
  cardResendDelaysMs?: readonly number[];
  /** The open edit window of each issue group's cards (Redis or PostgreSQL). */
  cardEditGate: CardEditGate;
}

/**
 * The id of an alerts job, derived from what it does (BullMQ ids cannot hold ':'): adding the
 * same step twice is a no-op, and an acknowledgement can remove exactly the steps it stops.
 */
export function alertJobId(job: AlertJob): string {
  if (job.kind === 'cards') return `cards-${job.issueGroupId}-${job.lead ? 'lead-' : ''}${job.dueAt}`;
  return `${job.kind}-${job.alertId}-${job.step}`;
}

/** The subject of an alert: its issue group (one card per reader and group), else the alert itself. */
export const subjectOf = (a: { id: number; issueGroupId: number | null }): string => (a.issueGroupId !== null ? `group-${a.issueGroupId}` : `alert-${a.id}`);

/** Idempotency keys of the messages of the alerts module. */
export const alertKeys = {
  /** The message that sends a card. */
  card: (cardId: number) => `card-${cardId}`,
  /** An edit of a card to one rendered state (same state twice = one edit). */
  edit: (cardId: number, version: string) => `card-${cardId}-${version}`,
  /** The note to a collaborator that leadership took up what they reported. */
  reporter: (alertId: number, memberId: number) => `alert-${alertId}-reporter-${memberId}`,
} as const;
