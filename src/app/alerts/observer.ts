/**
 * Reacts to delivery outcomes of alert cards: records the Telegram message id on the card and a
 * `sent` (or `undelivered`) event on each alert the card showed. Plugged into the delivery worker
 * as an observer, so the delivery module stays ignorant of alerts.
 */
import type { Clock } from '../../domain/clock.js';
import type { DeliveryObserver } from '../ports/messages.js';
import type { AlertStore } from './ports.js';

/** The observer to pass in the delivery worker's `observers`. */
export function alertDeliveryObserver(alerts: AlertStore, now: Clock): DeliveryObserver {
  return async (outcome) => {
    if (!outcome.idempotencyKey.startsWith('card-') && !outcome.idempotencyKey.startsWith('alert-')) return;
    const card = await alerts.cardByDeliveryKey(outcome.idempotencyKey);
    if (!card) return;
    if (outcome.type === 'sent' && outcome.messageId !== null) await alerts.setCardMessage(card.id, outcome.messageId, now());
    for (const alertId of card.alertIds) {
      if (outcome.type === 'sent') await alerts.addEvent(alertId, 'sent', card.memberId, { deliveryId: outcome.deliveryId }, now());
      else await alerts.addEvent(alertId, 'undelivered', card.memberId, { deliveryId: outcome.deliveryId, reason: outcome.reason }, now());
    }
  };
}
