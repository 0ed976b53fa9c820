/**
 * Edits of the alert cards already sent. A report joining a live alert changes its figures,
 * but the cards are not edited once per report: the first change schedules one delayed
 * `cards` job on the alerts queue, every further change within the same window joins it, and
 * when the job runs it renders the alert as it is THEN — so each recipient gets at most one
 * edit per window, carrying the newest content, and most of Telegram's global budget stays
 * free for new alert cards (which are never delayed). Status changes (acknowledge, resolve,
 * false alarm) still edit at once.
 *
 * Why no update is lost: the window is read from the clock AFTER the change committed, and
 * the job of a window runs at or after the window's end, so it reads every change made in
 * that window. A change whose `add` finds its window's job already running or done was
 * committed before that job read the alert (or the job is gone and the `add` creates it again).
 */
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { cardsByLanguage, loadCardContext } from './card.js';
import { alertJobIds, alertKeys, type AlertsDeps } from './deps.js';

/** Default window in which joins to one alert share one edit per card. */
export const DEFAULT_CARD_EDIT_DELAY_MS = 1500;

/**
 * BullMQ priority of a window's job: after new alerts and escalations (no priority), before the
 * evaluations of joining reports (queue/jobs/alerts.ts JOIN_EVALUATION_PRIORITY).
 */
export const CARD_EDITS_PRIORITY = 1;

/** Covers clock differences between the process scheduling a window's job and its worker. */
const WINDOW_MARGIN_MS = 50;

export interface CardEditsJob {
  kind: 'cards';
  alertId: number;
  /** End of the window (ms since the epoch, on the scheduler's clock). */
  windowEnd: number;
}

/**
 * End of the window holding `nowMs` for one alert. Each alert's windows are shifted by a phase
 * of their own, so that the edits of many alerts do not all fall due at the same instant.
 */
export function cardEditWindowEnd(alertId: number, nowMs: number, windowMs: number): number {
  const phase = Math.floor(((alertId * 0.6180339887498949) % 1) * windowMs);
  return (Math.floor((nowMs - phase) / windowMs) + 1) * windowMs + phase;
}

/** The version of an alert's figures: the edit's idempotency key (same figures = one edit). */
export const figuresVersion = (a: Pick<AlertRecord, 'reportCount' | 'unitCount'>) => `u${a.reportCount}-${a.unitCount}`;

/**
 * After an alert's figures changed (and the change committed): edits every card now when the
 * window is 0, otherwise makes sure the job of the current window is scheduled.
 */
export async function scheduleCardEdits(deps: AlertsDeps, alertId: number): Promise<void> {
  const windowMs = deps.cardEditDelayMs ?? DEFAULT_CARD_EDIT_DELAY_MS;
  if (windowMs <= 0) {
    const alert = await deps.repos.alerts.get(alertId);
    if (alert) await editAllCards(deps, alert, figuresVersion(alert));
    return;
  }
  const now = deps.clock().getTime();
  const windowEnd = cardEditWindowEnd(alertId, now, windowMs);
  const job: CardEditsJob = { kind: 'cards', alertId, windowEnd };
  await deps.alertsQueue.add('cards', job, {
    jobId: alertJobIds.cards(alertId, windowEnd),
    delay: windowEnd - now + WINDOW_MARGIN_MS,
    priority: CARD_EDITS_PRIORITY,
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

/** The window's job: edits every card to the alert's current figures (a closed alert's last word stands). */
export async function runCardEditsJob(deps: AlertsDeps, job: Pick<CardEditsJob, 'alertId'>): Promise<'done' | 'stale'> {
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
