/**
 * The contract of the one outgoing path to Telegram (PRODUCT.md "Delivery to Telegram").
 * Alerts, digests, reminders and broadcasts hand messages to a DeliveryPort; the delivery
 * module queues them in priority lanes and sends them within Telegram's limits. Direct
 * replies to a person's own message stay in the bot's request path and do not come here.
 */
import type { Lane } from '../queue/names.js';

export type DeliveryKind = 'alert' | 'alert_edit' | 'digest' | 'reminder' | 'broadcast' | 'survey' | 'notice';

export interface OutgoingMessage {
  /** Derived from the work (e.g. `alert-12-m-3`, `digest-5-day-2026-11-26`); enqueuing it twice sends once. */
  idempotencyKey: string;
  memberId: number | null;
  chatId: bigint;
  kind: DeliveryKind;
  lane: Lane;
  method: 'sendMessage' | 'sendPhoto' | 'editMessageText' | 'editMessageReplyMarkup';
  /**
   * Bot API parameters without chat_id (text, parse_mode, reply_markup, message_id…). For
   * sendPhoto the PNG travels as base64 in `photoBase64` (uploaded as an InputFile).
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

export interface DeliveryPort {
  enqueue(msg: OutgoingMessage): Promise<EnqueueResult>;
}
