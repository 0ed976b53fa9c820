/**
 * Reacts to delivery outcomes of alert cards: records the Telegram message id on the recipient
 * and a `sent` event (or `undelivered`). Plugged into the delivery worker as an observer, so the
 * delivery module stays ignorant of alerts.
 */
import type { AlertsRepository } from '../../db/repositories/alerts-repository.js';
import type { DeliveryObserver } from '../../queue/delivery-worker.js';

const CARD_KEY = /^alert-(\d+)-m-(\d+)$/;

/** The observer to pass in the delivery worker's `observers`. */
export function alertDeliveryObserver(alerts: AlertsRepository, now: () => Date): DeliveryObserver {
  return async (outcome) => {
    const m = CARD_KEY.exec(outcome.record.idempotencyKey);
    if (!m) return;
    const alertId = Number(m[1]);
    const memberId = Number(m[2]);
    if (outcome.type === 'sent') {
      if (outcome.messageId !== null) await alerts.setRecipientMessage(alertId, memberId, outcome.messageId, now());
      await alerts.addEvent(alertId, 'sent', memberId, { deliveryId: outcome.record.id }, now());
    } else {
      await alerts.addEvent(alertId, 'undelivered', memberId, { deliveryId: outcome.record.id, reason: outcome.reason }, now());
    }
  };
}
