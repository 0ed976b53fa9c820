/**
 * The one outgoing path to Telegram as use cases see it (PRODUCT.md "Delivery to Telegram").
 * Alerts, digests, reminders and broadcasts hand messages to a `MessageSender`; the delivery
 * module (src/delivery) records each under its idempotency key, queues it in its priority lane
 * and sends it within Telegram's limits. Direct replies to a person's own message stay in the
 * bot's request path and do not come here.
 */

/** What a message is, for the ledger and the lanes. */
export type DeliveryKind = 'alert' | 'alert_edit' | 'digest' | 'reminder' | 'broadcast' | 'survey' | 'notice';

/** Priority lanes, most urgent first. */
export type Lane = 'alert' | 'digest' | 'reminder' | 'broadcast';

/** The Bot API methods the delivery path sends. */
export type DeliveryMethod = 'sendMessage' | 'sendPhoto' | 'editMessageText' | 'editMessageReplyMarkup';

export interface OutgoingMessage {
  /** Derived from the work (e.g. `card-12`, `digest-5-day-2026-11-26`); enqueuing it twice sends once. */
  idempotencyKey: string;
  memberId: number | null;
  chatId: bigint;
  kind: DeliveryKind;
  lane: Lane;
  method: DeliveryMethod;
  /**
   * Bot API parameters without chat_id (text, parse_mode, reply_markup, message_id…). For
   * sendPhoto the PNG travels as base64 in `photoBase64` (uploaded as an InputFile). An edit may
   * name the message by `editOf`: the idempotency key of the message that sent it.
   */
  payload: Record<string, unknown>;
  /** Earliest send time (quiet hours); omitted = now. */
  notBefore?: Date;
}

export interface EnqueueResult {
  deliveryId: number;
  /** True when a message with this idempotency key already existed (nothing new queued). */
  duplicate: boolean;
}

export interface MessageSender {
  enqueue(msg: OutgoingMessage): Promise<EnqueueResult>;
  /**
   * Withdraws messages not sent yet (an alert card after an acknowledgement): they are recorded
   * as failed with the reason and never sent. Returns how many were withdrawn.
   */
  withdraw(idempotencyKeys: readonly string[], reason: string): Promise<number>;
}

/** What finally became of a message (the delivery worker tells its observers). */
export type MessageOutcome =
  | { type: 'sent'; idempotencyKey: string; deliveryId: number; messageId: number | null }
  | { type: 'failed'; idempotencyKey: string; deliveryId: number; reason: string };

/** Reacts to outcomes (the alerts module records where its cards went). */
export type DeliveryObserver = (outcome: MessageOutcome) => Promise<void>;
