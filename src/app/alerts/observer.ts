/**
 * Reacts to delivery outcomes of alert cards: records the Telegram message id on the card and a
 * `sent` (or `undelivered`) event on each alert the card showed. Plugged into the delivery worker
 * as an observer, so the delivery module stays ignorant of alerts.
 *
 * Unknown outcomes resolve toward the leader knowing (issue 15): a card whose send was
 * interrupted between the call and its record (`outcome_unknown`) may or may not have arrived,
 * and an edit of a card the leader deleted finds no message; either way the card would freeze
 * on old figures, so a fresh copy is sent and later edits go to it. The price is a possible
 * duplicate, bounded by MAX_RESENDS per card.
 */
import type { MessageOutcome, DeliveryObserver } from '../ports/messages.js';
import { cardVersion, renderReaderCard } from './card.js';
import type { AlertsDeps } from './deps.js';
import type { CardRecord } from './ports.js';

/** Fresh copies of one card at most (each ambiguous failure may have delivered the previous one). */
export const MAX_RESENDS = 3;

/**
 * How long the n-th fresh copy waits (a 5xx storm is usually short: spacing the copies out lets
 * the storm pass before the next one, rather than spending every copy inside it).
 */
export const RESEND_DELAYS_MS = [2_000, 10_000, 30_000] as const;

const UNKNOWN = /^outcome_unknown/;
const EDIT_TARGET_GONE = /message to edit not found|MESSAGE_ID_INVALID/i;

/** The observer to pass in the delivery worker's `observers`. */
export function alertDeliveryObserver(deps: AlertsDeps): DeliveryObserver {
  return async (outcome) => {
    const key = outcome.idempotencyKey;
    if (!key.startsWith('card-') && !key.startsWith('alert-')) return;
    const card = await deps.alerts.cardByDeliveryKey(key);
    if (card) return onCardSend(deps, card, outcome);
    const edit = /^card-(\d+)-/.exec(key);
    if (edit && outcome.type === 'failed' && EDIT_TARGET_GONE.test(outcome.reason)) {
      const edited = await deps.alerts.card(Number(edit[1]));
      if (edited) await resendCard(deps, edited, 'the message to edit is gone');
    }
  };
}

async function onCardSend(deps: AlertsDeps, card: CardRecord, outcome: MessageOutcome): Promise<void> {
  const now = deps.clock();
  if (outcome.type === 'sent' && outcome.messageId !== null) await deps.alerts.setCardMessage(card.id, outcome.messageId, now);
  for (const alertId of card.alertIds) {
    if (outcome.type === 'sent') await deps.alerts.addEvent(alertId, 'sent', card.memberId, { deliveryId: outcome.deliveryId }, now);
    else await deps.alerts.addEvent(alertId, 'undelivered', card.memberId, { deliveryId: outcome.deliveryId, reason: outcome.reason }, now);
  }
  if (outcome.type === 'failed' && UNKNOWN.test(outcome.reason)) await resendCard(deps, card, 'the send outcome is unknown');
}

/** Sends a live card again under a new delivery key (at most MAX_RESENDS times); later edits go to the copy. */
export async function resendCard(deps: AlertsDeps, card: CardRecord, why: string): Promise<boolean> {
  if (!card.live || !card.deliveryKey) return false;
  const resends = Number(/-r(\d+)$/.exec(card.deliveryKey)?.[1] ?? 0);
  if (resends >= MAX_RESENDS) {
    deps.logger.warn({ cardId: card.id, memberId: card.memberId, why }, 'alert card not sent again: resend limit reached');
    return false;
  }
  const reader = await deps.members.get(card.memberId);
  const shown = reader && reader.reachable ? await renderReaderCard(deps, reader, card) : null;
  if (!shown) return false;
  const key = `card-${card.id}-r${resends + 1}`;
  await deps.alerts.replaceCardDelivery(card.id, key, cardVersion(shown.rendered));
  const { text, reply_markup } = shown.rendered;
  const notBefore = new Date(deps.clock().getTime() + ((deps.cardResendDelaysMs ?? RESEND_DELAYS_MS)[resends] ?? 30_000));
  await deps.messages.enqueue({
    idempotencyKey: key,
    memberId: card.memberId,
    chatId: card.chatId,
    kind: 'alert',
    lane: 'alert',
    method: 'sendMessage',
    payload: { text, parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } },
    notBefore,
  });
  deps.logger.warn({ cardId: card.id, memberId: card.memberId, why, resend: resends + 1 }, 'alert card sent again');
  return true;
}
