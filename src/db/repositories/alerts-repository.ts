/**
 * Alerts, their recipients (one message per leader, edited on updates) and their event
 * history. `openKey` ("group-<id>") is unique while an alert is open or acknowledged, so an
 * issue group has at most one live alert even when two evaluations race.
 */
import type { Prisma as P, PrismaClient } from '../generated/client.js';
import type { AlertStatus, AlertTrigger } from '../../domain/alerts.js';

export interface AlertRecord {
  id: number;
  issueGroupId: number | null;
  openKey: string | null;
  reportId: number;
  unitId: number;
  trigger: AlertTrigger;
  level: 'high' | 'critical';
  status: AlertStatus;
  reasons: unknown;
  currentUnitId: number;
  escalationStep: number;
  nextEscalationAt: Date | null;
  heldUntil: Date | null;
  reportCount: number;
  unitCount: number;
  latestQuote: string | null;
  acknowledgedById: number | null;
  acknowledgedAt: Date | null;
  closedById: number | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface RecipientRecord {
  id: number;
  alertId: number;
  memberId: number;
  unitId: number;
  step: number;
  chatId: bigint;
  messageId: number | null;
  sentAt: Date | null;
}

/** A report with the analysis fields an alert needs. */
export interface AlertReport {
  id: number;
  reference: string;
  memberId: number;
  unitId: number;
  status: string;
  createdAt: Date;
  urgencyLevel: 'normal' | 'high' | 'critical' | null;
  urgencyScore: number | null;
  urgencyReasons: unknown;
  topicSlug: string | null;
  topicSensitive: boolean;
  topicNameVi: string | null;
  topicNameEn: string | null;
  finalMood: string | null;
  spread: string | null;
  redactedContent: string | null;
  issueGroupId: number | null;
}

export interface NewAlert {
  issueGroupId: number | null;
  reportId: number;
  unitId: number;
  trigger: AlertTrigger;
  level: 'high' | 'critical';
  reasons: unknown;
  latestQuote: string | null;
  reportCount: number;
  unitCount: number;
  createdAt: Date;
}

type AlertRow = Awaited<ReturnType<PrismaClient['alert']['findUniqueOrThrow']>>;
const toAlert = (a: AlertRow): AlertRecord => ({ ...a, level: a.level as 'high' | 'critical', status: a.status as AlertStatus, trigger: a.trigger as AlertTrigger });

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002';

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;

export function createAlertsRepository(prisma: PrismaClient) {
  return {
    async reportForAlert(id: number): Promise<AlertReport | null> {
      const r = await prisma.report.findUnique({ where: { id } });
      if (!r) return null;
      const topic = r.topicSlug ? await prisma.topic.findUnique({ where: { slug: r.topicSlug } }) : null;
      return {
        ...r,
        urgencyLevel: r.urgencyLevel as AlertReport['urgencyLevel'],
        topicSensitive: topic?.sensitive ?? false,
        topicNameVi: topic?.nameVi ?? null,
        topicNameEn: topic?.nameEn ?? null,
      };
    },

    /** Reports and distinct units of an issue group since an instant (withdrawn excluded). */
    async groupWindow(issueGroupId: number, since: Date): Promise<{ reports: number; units: number }> {
      const rows = await prisma.report.findMany({
        where: { issueGroupId, createdAt: { gte: since }, status: { not: 'withdrawn' } },
        select: { unitId: true },
      });
      return { reports: rows.length, units: new Set(rows.map((r) => r.unitId)).size };
    },

    /**
     * The reports an alert covers: its issue group's reports since the group's previous alert
     * was closed (all of them when there was none), oldest first; just the raising report when
     * the alert has no group. `id` is omitted while the alert is being raised.
     */
    async coveredReports(alert: { id?: number; issueGroupId: number | null; reportId: number }): Promise<{ id: number; reference: string; unitId: number; memberId: number; redactedContent: string | null; urgencyLevel: string | null }[]> {
      const select = { id: true, reference: true, unitId: true, memberId: true, redactedContent: true, urgencyLevel: true } as const;
      if (!alert.issueGroupId) return prisma.report.findMany({ where: { id: alert.reportId }, select });
      const previous = await prisma.alert.findFirst({
        where: { issueGroupId: alert.issueGroupId, closedAt: { not: null }, ...(alert.id ? { id: { lt: alert.id } } : {}) },
        orderBy: { id: 'desc' },
        select: { closedAt: true },
      });
      return prisma.report.findMany({
        where: { issueGroupId: alert.issueGroupId, status: { not: 'withdrawn' }, ...(previous?.closedAt ? { createdAt: { gt: previous.closedAt } } : {}) },
        orderBy: { id: 'asc' },
        select,
      });
    },

    /** Creates an alert; null when the group already has a live one (openKey taken). */
    async create(a: NewAlert): Promise<AlertRecord | null> {
      try {
        const row = await prisma.alert.create({
          data: {
            ...a,
            reasons: (a.reasons ?? []) as P.InputJsonValue,
            openKey: a.issueGroupId ? `group-${a.issueGroupId}` : null,
            currentUnitId: a.unitId,
          },
        });
        return toAlert(row);
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
    },

    async get(id: number): Promise<AlertRecord | null> {
      const a = await prisma.alert.findUnique({ where: { id } });
      return a ? toAlert(a) : null;
    },

    async byReport(reportId: number): Promise<AlertRecord | null> {
      const a = await prisma.alert.findFirst({ where: { reportId }, orderBy: { id: 'asc' } });
      return a ? toAlert(a) : null;
    },

    async liveForGroup(issueGroupId: number): Promise<AlertRecord | null> {
      const a = await prisma.alert.findUnique({ where: { openKey: `group-${issueGroupId}` } });
      return a ? toAlert(a) : null;
    },

    async updateStats(id: number, s: { reportCount: number; unitCount: number; latestQuote: string | null; level: 'high' | 'critical' }): Promise<void> {
      await prisma.alert.update({ where: { id }, data: s });
    },

    /**
     * Moves the status only from one of `from` (so the first of two racing taps wins); closing
     * frees the group's openKey. Returns the updated alert, or null when the status had moved.
     */
    async changeStatus(id: number, from: AlertStatus[], to: AlertStatus, actorId: number | null, at: Date): Promise<AlertRecord | null> {
      const closing = to === 'resolved' || to === 'false_alarm';
      const data = closing
        ? { status: to, closedById: actorId, closedAt: at, openKey: null, nextEscalationAt: null, heldUntil: null }
        : { status: to, acknowledgedById: actorId, acknowledgedAt: at, nextEscalationAt: null, heldUntil: null };
      const r = await prisma.alert.updateMany({ where: { id, status: { in: from } }, data });
      return r.count === 1 ? this.get(id) : null;
    },

    async setEscalation(id: number, s: { step: number; currentUnitId: number; nextEscalationAt: Date | null; heldUntil?: Date | null }): Promise<void> {
      await prisma.alert.updateMany({
        where: { id, status: 'open' },
        data: { escalationStep: s.step, currentUnitId: s.currentUnitId, nextEscalationAt: s.nextEscalationAt, ...(s.heldUntil !== undefined ? { heldUntil: s.heldUntil } : {}) },
      });
    },

    /** Adds a recipient; false when the member already had this alert. */
    async addRecipient(r: Omit<RecipientRecord, 'id' | 'messageId' | 'sentAt'> & { messageId?: number | null }): Promise<boolean> {
      const res = await prisma.alertRecipient.createMany({ data: [{ ...r, messageId: r.messageId ?? null }], skipDuplicates: true });
      return res.count === 1;
    },

    async recipients(alertId: number): Promise<RecipientRecord[]> {
      return prisma.alertRecipient.findMany({ where: { alertId }, orderBy: { id: 'asc' } });
    },

    async isRecipient(alertId: number, memberId: number): Promise<boolean> {
      return (await prisma.alertRecipient.count({ where: { alertId, memberId } })) > 0;
    },

    async setRecipientMessage(alertId: number, memberId: number, messageId: number, at: Date): Promise<void> {
      await prisma.alertRecipient.updateMany({ where: { alertId, memberId }, data: { messageId, sentAt: at } });
    },

    async addEvent(alertId: number, kind: string, memberId: number | null = null, data?: Record<string, unknown>, at?: Date): Promise<void> {
      await prisma.alertEvent.create({
        data: { alertId, kind, memberId, ...(data ? { data: data as P.InputJsonValue } : {}), ...(at ? { createdAt: at } : {}) },
      });
    },

    async events(alertId: number): Promise<{ kind: string; memberId: number | null; data: unknown; createdAt: Date }[]> {
      return prisma.alertEvent.findMany({ where: { alertId }, orderBy: { id: 'asc' }, select: { kind: true, memberId: true, data: true, createdAt: true } });
    },

    /** Open and acknowledged alerts whose unit is in the given set (a leader's subtree), newest first. */
    async liveInUnits(unitIds: number[] | 'all', take = 10): Promise<AlertRecord[]> {
      const rows = await prisma.alert.findMany({
        where: { status: { in: ['open', 'acknowledged'] }, ...(unitIds === 'all' ? {} : { unitId: { in: unitIds } }) },
        orderBy: { id: 'desc' },
        take,
      });
      return rows.map(toAlert);
    },
  };
}
