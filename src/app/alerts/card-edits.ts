/**
 * Edits of the alert cards already sent, throttled per alert. A report joining a live alert
 * changes its figures; the first change after a quiet spell edits the cards at once and opens
 * a window (ALERT_EDIT_WINDOW_MS); every further change within the window joins ONE delayed
 * `cards` job at the window's end, which renders the alert as it is THEN and opens the next
 * window. So a card is edited at most about once per window, always with the newest content;
 * a hot alert cannot spend Telegram's global budget (or its readers' per-chat budget, which a
 * new card to the same leader needs) on a stream of edits, while an occasional join still
 * shows at once. New cards and status changes (acknowledge, resolve, false alarm) never wait.
 *
 * Why no update is lost: a change reads the window only AFTER it committed. The window's job
 * runs after the window's end and, when it starts, opens the next window; a change that still
 * saw the old window therefore committed before the job read the alert. A change whose `add`
 * finds its window's job gone (done) creates it again. Windows live in the `CardEditGate`
 * (Redis in production, shared by every alerts worker).
 */
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { cardsByLanguage, loadCardContext } from './card.js';
import { alertJobIds, alertKeys, type AlertsDeps } from './deps.js';

export type { CardEditGate } from './deps.js';

/** Default window in which the changes to one alert share one edit per card. */
export const DEFAULT_CARD_EDIT_DELAY_MS = 1500;

/**
 * BullMQ priority of the edit jobs: after new alerts and escalations (no priority), before the
 * evaluations of joining reports (queue/jobs/alerts.ts JOIN_EVALUATION_PRIORITY).
 */
export const CARD_EDITS_PRIORITY = 1;

/** Covers clock differences between the process scheduling a window's job and its worker. */
const WINDOW_MARGIN_MS = 50;

/**
 * How long the gate holds a window: a little past its job's due time, so that a change landing
 * between the two joins that job instead of leading a second edit right next to it.
 */
const holdFor = (windowMs: number) => windowMs + 2 * WINDOW_MARGIN_MS;

export interface CardEditsJob {
  kind: 'cards';
  alertId: number;
  /** When the job is due (ms since the epoch, on the scheduler's clock). */
  dueAt: number;
  /** The first change of a window (edits now) rather than the window's end. */
  lead?: boolean;
}

/** The version of an alert's figures: the edit's idempotency key (same figures = one edit). */
export const figuresVersion = (a: Pick<AlertRecord, 'reportCount' | 'unitCount'>) => `u${a.reportCount}-${a.unitCount}`;

/**
 * After an alert's figures changed (and the change committed): edits every card now when the
 * window setting is 0; otherwise the first change of a window edits at once and the later ones
 * join the window's job. Both go through the alerts queue, so a failed edit is retried there.
 */
export async function scheduleCardEdits(deps: AlertsDeps, alertId: number): Promise<void> {
  const windowMs = deps.cardEditDelayMs ?? DEFAULT_CARD_EDIT_DELAY_MS;
  if (windowMs <= 0) {
    const alert = await deps.repos.alerts.get(alertId);
    if (alert) await editAllCards(deps, alert, figuresVersion(alert));
    return;
  }
  const now = deps.clock().getTime();
  const gate = await deps.cardEditGate.open(alertId, now, holdFor(windowMs));
  const job: CardEditsJob = gate.lead ? { kind: 'cards', alertId, dueAt: now, lead: true } : { kind: 'cards', alertId, dueAt: gate.openedAt + windowMs };
  await deps.alertsQueue.add('cards', job, {
    jobId: alertJobIds.cards(alertId, job.dueAt, gate.lead),
    delay: gate.lead ? 0 : Math.max(0, job.dueAt - now) + WINDOW_MARGIN_MS,
    priority: CARD_EDITS_PRIORITY,
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

/**
 * An edit job: edits every card to the alert's current figures (a closed alert's last word
 * stands). A window's job first opens the next window, then reads the alert.
 */
export async function runCardEditsJob(deps: AlertsDeps, job: Pick<CardEditsJob, 'alertId' | 'lead'>): Promise<'done' | 'stale'> {
  if (!job.lead) await deps.cardEditGate.restart(job.alertId, deps.clock().getTime(), holdFor(deps.cardEditDelayMs ?? DEFAULT_CARD_EDIT_DELAY_MS));
  const alert = await deps.repos.alerts.get(job.alertId);
  if (!alert || alert.status === 'resolved' || alert.status === 'false_alarm') return 'stale';
  await editAllCards(deps, alert, figuresVersion(alert));
  return 'done';
}

/**
 * Edits the card of every recipient to the alert's current state. `version` makes the
 * delivery key (same state twice = one edit).
 */
export async function editAllCards(deps: AlertsDeps, alert: AlertRecord, version: string): Promise<void> {
  const recipients = await deps.repos.alerts.recipients(alert.id);
  if (recipients.length === 0) return;
  const cardFor = cardsByLanguage(deps, alert, await loadCardContext(deps, alert));
  for (const r of recipients) {
    const member = await deps.repos.members.get(r.memberId);
    const card = cardFor(member?.language ?? 'vi');
    // Cards sent through the delivery path are edited by reference to their delivery (the id is
    // known once sent); cards shown by /alerts carry their own message id (step -1).
    const target = r.step >= 0 || r.messageId === null ? { editOf: alertKeys.card(alert.id, r.memberId) } : { message_id: r.messageId };
    await deps.port.enqueue({
      idempotencyKey: alertKeys.edit(alert.id, r.memberId, version),
      memberId: r.memberId,
      chatId: r.chatId,
      kind: 'alert_edit',
      lane: 'alert',
      method: 'editMessageText',
      payload: { ...target, text: card.text, parse_mode: 'HTML', reply_markup: card.reply_markup, link_preview_options: { is_disabled: true } },
    });
  }
}
