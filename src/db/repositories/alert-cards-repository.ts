/**
 * Alert cards: the one message a leader holds about an issue group while it has live alerts in
 * their subtree (`liveKey` "<subject>-m-<member>" unique while live). A card sent through the
 * delivery path is keyed `card-<id>` (its delivery's idempotency key); one shown by /alerts has
 * no delivery and carries its message id.
 */
import type { CardRecord, NewCard } from '../../app/alerts/ports.js';
import type { PrismaClient } from '../generated/client.js';

type CardRow = Awaited<ReturnType<PrismaClient['alertCard']['findUniqueOrThrow']>>;
const toCard = (c: CardRow): CardRecord => ({
  id: c.id,
  subject: c.subject,
  memberId: c.memberId,
  unitId: c.unitId,
  chatId: c.chatId,
  deliveryKey: c.deliveryKey,
  messageId: c.messageId,
  live: c.liveKey !== null,
  alertIds: c.alertIds,
  sentVersion: c.sentVersion,
  lastEdit: c.lastEditId !== null && c.lastEditVersion !== null ? { deliveryId: c.lastEditId, version: c.lastEditVersion } : null,
  createdAt: c.createdAt,
});

const liveKey = (subject: string, memberId: number) => `${subject}-m-${memberId}`;

export function createAlertCardsRepository(prisma: PrismaClient) {
  const liveCard = async (subject: string, memberId: number): Promise<CardRecord | null> => {
    const c = await prisma.alertCard.findUnique({ where: { liveKey: liveKey(subject, memberId) } });
    return c ? toCard(c) : null;
  };
  return {
    liveCard,

    /** One INSERT … ON CONFLICT: of two processes reaching the same leader at once, one card. */
    async openCard(c: NewCard): Promise<{ card: CardRecord; created: boolean }> {
      const viaDelivery = c.messageId === undefined;
      const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
        `WITH n AS (SELECT nextval(pg_get_serial_sequence('"AlertCard"', 'id'))::int AS id)
         INSERT INTO "AlertCard" (id, subject, "memberId", "unitId", "chatId", "deliveryKey", "messageId", "liveKey", "alertIds", "sentVersion", "sentAt")
         SELECT n.id, $1, $2, $3, $4, CASE WHEN $5 THEN 'card-' || n.id END, $6, $7, $8::int[], $9, CASE WHEN $5 THEN NULL ELSE now() END FROM n
         ON CONFLICT ("liveKey") DO NOTHING
         RETURNING id`,
        c.subject,
        c.memberId,
        c.unitId,
        c.chatId,
        viaDelivery,
        c.messageId ?? null,
        liveKey(c.subject, c.memberId),
        c.alertIds,
        c.sentVersion,
      );
      const card = await liveCard(c.subject, c.memberId);
      if (!card) throw new Error(`card for ${c.subject} and member ${c.memberId} vanished while opening it`);
      return { card, created: rows.length === 1 };
    },

    async card(cardId: number): Promise<CardRecord | null> {
      const c = await prisma.alertCard.findUnique({ where: { id: cardId } });
      return c ? toCard(c) : null;
    },

    async liveCards(subject: string): Promise<CardRecord[]> {
      return (await prisma.alertCard.findMany({ where: { subject, liveKey: { not: null } }, orderBy: { id: 'asc' } })).map(toCard);
    },

    async liveCardsOver(subject: string, unitIds: readonly number[]): Promise<CardRecord[]> {
      const ids = await prisma.$queryRawUnsafe<{ id: number }[]>(
        `SELECT c.id FROM "AlertCard" c JOIN "Member" m ON m.id = c."memberId"
          WHERE c.subject = $1 AND c."liveKey" IS NOT NULL
            AND (m.role = 'admin' OR c."unitId" IN (SELECT "ancestorId" FROM "UnitClosure" WHERE "descendantId" = ANY($2::int[])))
          ORDER BY c.id`,
        subject,
        [...unitIds],
      );
      return (await prisma.alertCard.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { id: 'asc' } })).map(toCard);
    },

    async cardByDeliveryKey(key: string): Promise<CardRecord | null> {
      const c = await prisma.alertCard.findUnique({ where: { deliveryKey: key } });
      return c ? toCard(c) : null;
    },

    async setCardAlerts(cardId: number, alertIds: readonly number[]): Promise<void> {
      await prisma.alertCard.update({ where: { id: cardId }, data: { alertIds: [...new Set(alertIds)].sort((a, b) => a - b) } });
    },

    async recordCardEdit(cardId: number, deliveryId: number, version: string): Promise<void> {
      await prisma.alertCard.updateMany({ where: { id: cardId, OR: [{ lastEditId: null }, { lastEditId: { lt: deliveryId } }] }, data: { lastEditId: deliveryId, lastEditVersion: version } });
    },

    async setCardMessage(cardId: number, messageId: number, at: Date): Promise<void> {
      await prisma.alertCard.update({ where: { id: cardId }, data: { messageId, sentAt: at } });
    },

    async replaceCardDelivery(cardId: number, deliveryKey: string, sentVersion: string): Promise<void> {
      await prisma.alertCard.update({ where: { id: cardId }, data: { deliveryKey, messageId: null, sentAt: null, sentVersion, lastEditId: null, lastEditVersion: null } });
    },

    async retireCard(cardId: number, at: Date): Promise<void> {
      await prisma.alertCard.updateMany({ where: { id: cardId, liveKey: { not: null } }, data: { liveKey: null, closedAt: at } });
    },

    async hasSeen(alertId: number, memberId: number): Promise<boolean> {
      const [recipient, card] = await Promise.all([
        prisma.alertRecipient.count({ where: { alertId, memberId } }),
        prisma.alertCard.count({ where: { memberId, alertIds: { has: alertId } } }),
      ]);
      return recipient + card > 0;
    },
  };
}
