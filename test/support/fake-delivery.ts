/**
 * An in-memory DeliveryPort for digest and reminder tests: records every enqueued message
 * and, like the real one, treats a repeated idempotency key as a duplicate (nothing new).
 */
import type { DeliveryPort, EnqueueResult, OutgoingMessage } from '../../src/delivery/port.js';

export interface FakeDelivery extends DeliveryPort {
  messages: OutgoingMessage[];
  /** Texts (sendMessage) enqueued for one member, in order. */
  textsFor(memberId: number): string[];
  photosFor(memberId: number): Buffer[];
}

export function createFakeDelivery(): FakeDelivery {
  const messages: OutgoingMessage[] = [];
  const byKey = new Map<string, number>();
  return {
    messages,
    async enqueue(msg: OutgoingMessage): Promise<EnqueueResult> {
      const existing = byKey.get(msg.idempotencyKey);
      if (existing !== undefined) return { deliveryId: existing, duplicate: true };
      messages.push(msg);
      byKey.set(msg.idempotencyKey, messages.length);
      return { deliveryId: messages.length, duplicate: false };
    },
    async withdraw() {
      return 0;
    },
    textsFor(memberId) {
      return messages.filter((m) => m.memberId === memberId && m.method === 'sendMessage').map((m) => String(m.payload.text));
    },
    photosFor(memberId) {
      return messages
        .filter((m) => m.memberId === memberId && m.method === 'sendPhoto')
        .map((m) => Buffer.from(String(m.payload.photoBase64), 'base64'));
    },
  };
}
