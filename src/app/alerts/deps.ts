/**
 * What the alert use cases need, injected by the composition roots (alerts worker, bot,
 * demo, tests). Messages leave only through the DeliveryPort; delayed escalation and
 * quiet-hour release jobs go on the `alerts` queue.
 */
import type { Queue } from 'bullmq';
import type { Translate } from '../../bot/i18n.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { Clock } from '../../domain/clock.js';
import type { DeliveryPort } from '../../delivery/port.js';
import type { Logger } from '../../logger.js';

export interface AlertsDeps {
  repos: Pick<Repositories, 'alerts' | 'units' | 'members' | 'settings' | 'audit' | 'deliveries'>;
  port: DeliveryPort;
  alertsQueue: Queue;
  /** Lets cancellation also drop queued jobs at once (the row status alone already stops them). */
  deliveryQueue?: Queue;
  t: Translate;
  clock: Clock;
  logger: Logger;
  /**
   * An alert's cards are edited at most about once per this window (ms; default 1500, see
   * card-edits.ts); 0 edits at every change.
   */
  cardEditDelayMs?: number;
  /** The open edit window of each alert (queue/card-edit-gate.ts: Redis). */
  cardEditGate: CardEditGate;
}

/** Deterministic job ids: adding the same step twice is a no-op; acknowledging removes them. */
export const alertJobIds = {
  escalate: (alertId: number, step: number) => `escalate-${alertId}-${step}`,
  release: (alertId: number, step: number) => `release-${alertId}-${step}`,
  /** An edit job: the first change of a window (`lead`, due now) or the window's end. */
  cards: (alertId: number, dueAt: number, lead = false) => `cards-${alertId}-${lead ? 'lead-' : ''}${dueAt}`,
} as const;

/** Idempotency keys of the messages of one alert. */
export const alertKeys = {
  prefix: (alertId: number) => `alert-${alertId}-`,
  card: (alertId: number, memberId: number) => `alert-${alertId}-m-${memberId}`,
  edit: (alertId: number, memberId: number, version: string) => `alert-${alertId}-m-${memberId}-${version}`,
  reporter: (alertId: number, memberId: number) => `alert-${alertId}-reporter-${memberId}`,
} as const;

/**
 * The open edit window of each alert, shared by every process that evaluates reports. `open`
 * is atomic: of two changes at once, one leads (edits at once) and the other joins its window.
 */
export interface CardEditGate {
  /** Opens a window at `nowMs`, held `holdMs`, unless one is open: `lead` (edit now), else when the open one began. */
  open(alertId: number, nowMs: number, holdMs: number): Promise<{ lead: true } | { lead: false; openedAt: number }>;
  /** Opens the next window at `nowMs` (a window's job is about to edit). */
  restart(alertId: number, nowMs: number, holdMs: number): Promise<void>;
}
