/**
 * Outgoing messages (the Delivery table). Every message the bot sends on its own initiative is
 * recorded here first, keyed by its idempotency key; the delivery worker moves a row through
 * pending → sending → sent | failed, stamping each attempt so that a crashed attempt is
 * recognised on retry (see src/delivery/sender.ts).
 */
import type { Prisma as P, PrismaClient } from '../generated/client.js';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface DeliveryRecord {
  id: number;
  idempotencyKey: string;
  memberId: number | null;
  chatId: bigint;
  kind: string;
  lane: number;
  method: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  telegramMessageId: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

export interface NewDelivery {
  idempotencyKey: string;
  memberId: number | null;
  chatId: bigint;
  kind: string;
  lane: number;
  method: string;
  payload: Record<string, unknown>;
}

type Row = Awaited<ReturnType<PrismaClient['delivery']['findUniqueOrThrow']>>;

function toRecord(r: Row): DeliveryRecord {
  return { ...r, payload: (r.payload ?? {}) as Record<string, unknown>, status: r.status as DeliveryStatus };
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;

export function createDeliveriesRepository(prisma: PrismaClient) {
  return {
    /**
     * Inserts the row, or returns the existing one with the same key (`created: false`). One
     * statement for a new message (`ON CONFLICT DO NOTHING`), a second read only for a duplicate.
     */
    async insertOrGet(d: NewDelivery): Promise<{ record: DeliveryRecord; created: boolean }> {
      const [row] = await prisma.delivery.createManyAndReturn({ data: [{ ...d, payload: d.payload as P.InputJsonValue }], skipDuplicates: true });
      if (row) return { record: toRecord(row), created: true };
      return { record: toRecord(await prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: d.idempotencyKey } })), created: false };
    },

    async get(id: number): Promise<DeliveryRecord | null> {
      const r = await prisma.delivery.findUnique({ where: { id } });
      return r ? toRecord(r) : null;
    },

    async byKey(key: string): Promise<DeliveryRecord | null> {
      const r = await prisma.delivery.findUnique({ where: { idempotencyKey: key } });
      return r ? toRecord(r) : null;
    },

    /**
     * Claims a pending row for one attempt: status `sending`, attempts + 1. Returns the attempt
     * number, or null when the row was not pending (someone else claimed it or it is done).
     */
    async claim(id: number): Promise<number | null> {
      const rows = await prisma.$queryRaw<{ attempts: number }[]>`
        UPDATE "Delivery" SET status = 'sending', attempts = attempts + 1, "updatedAt" = now()
        WHERE id = ${id} AND status = 'pending' RETURNING attempts`;
      return rows[0]?.attempts ?? null;
    },

    /** Records success of one attempt (only the attempt that claimed the row may). */
    async markSent(id: number, attempt: number, telegramMessageId: number | null, at: Date): Promise<boolean> {
      const r = await prisma.delivery.updateMany({
        where: { id, attempts: attempt },
        data: { status: 'sent', telegramMessageId, sentAt: at, lastError: null },
      });
      return r.count === 1;
    },

    /** A final failure: never retried. */
    async markFailed(id: number, attempt: number | null, error: string): Promise<void> {
      await prisma.delivery.updateMany({
        where: { id, ...(attempt === null ? {} : { attempts: attempt }), status: { not: 'sent' } },
        data: { status: 'failed', lastError: error.slice(0, 500) },
      });
    },

    /** Withdraws a message still waiting (never claimed by a sender): true when it was withdrawn. */
    async withdrawPending(id: number, reason: string): Promise<boolean> {
      const r = await prisma.delivery.updateMany({ where: { id, status: 'pending' }, data: { status: 'failed', lastError: reason.slice(0, 500) } });
      return r.count === 1;
    },

    /** A transient failure: back to pending so that the next attempt may claim it. */
    async release(id: number, attempt: number, error: string): Promise<void> {
      await prisma.delivery.updateMany({ where: { id, attempts: attempt, status: 'sending' }, data: { status: 'pending', lastError: error.slice(0, 500) } });
    },

    /** Pending rows whose key starts with a prefix (e.g. every message of one alert). */
    async pendingWithPrefix(prefix: string, kinds?: string[]): Promise<DeliveryRecord[]> {
      const rows = await prisma.delivery.findMany({
        where: { idempotencyKey: { startsWith: prefix }, status: 'pending', ...(kinds ? { kind: { in: kinds } } : {}) },
        orderBy: { id: 'asc' },
      });
      return rows.map(toRecord);
    },

    /** True when a later edit of the same original message exists (this one is superseded). */
    async hasNewerEdit(id: number, chatId: bigint, editOf: string | null, messageId: number | null): Promise<boolean> {
      const where = editOf ? { path: ['editOf'], equals: editOf } : { path: ['message_id'], equals: messageId ?? -1 };
      const n = await prisma.delivery.count({ where: { id: { gt: id }, chatId, method: 'editMessageText', payload: where } });
      return n > 0;
    },

    async list(where: { kind?: string; status?: DeliveryStatus; memberId?: number } = {}): Promise<DeliveryRecord[]> {
      return (await prisma.delivery.findMany({ where, orderBy: { id: 'asc' } })).map(toRecord);
    },
  };
}
