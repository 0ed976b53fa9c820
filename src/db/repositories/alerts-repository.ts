/**
 * Alerts (one live alert per issue group and scope: `openKey` "group-<g>-unit-<u>" is unique
 * while open or acknowledged), their recipients, history and cards (alert-cards-repository.ts).
 * Implements the AlertStore port of src/app/alerts/ports.ts. What an alert covers is computed
 * here, inside its scope, so no caller can count a report from outside it.
 */
import type { AlertStatus, AlertTrigger } from '../../domain/alerts.js';
import type { Scope } from '../../domain/scope.js';
import type { AlertRecord, AlertReport, AlertStore, CoveredReport, NewAlert, RecipientRecord } from '../../app/alerts/ports.js';
import type { UncoveredReports } from '../../app/alerts/reconcile.js';
import type { Prisma as P, PrismaClient } from '../generated/client.js';
import { inScope } from '../scope-sql.js';
import type { SqlExecutor } from '../sql.js';
import { createAlertCardsRepository } from './alert-cards-repository.js';

export type { AlertRecord, AlertReport, RecipientRecord } from '../../app/alerts/ports.js';

type AlertRow = Awaited<ReturnType<PrismaClient['alert']['findUniqueOrThrow']>>;
const toAlert = (a: AlertRow): AlertRecord => ({ ...a, level: a.level as 'high' | 'critical', status: a.status as AlertStatus, trigger: a.trigger as AlertTrigger });

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002';

/**
 * The reports alerts cover, from a source of (g, u, reportId, coversFrom) rows: the group's
 * reports inside the subtree of u created after coversFrom; just the raising report without a group.
 */
const coverageSql = (source: string) =>
  `WITH a AS (${source})
   SELECT DISTINCT r.id, r.reference, r."unitId", r."memberId", r."redactedContent", r."urgencyLevel"::text AS "urgencyLevel", r."createdAt"
     FROM a
     JOIN "Report" r ON (a.g IS NULL AND r.id = a."reportId")
       OR (r."issueGroupId" = a.g
           AND r."unitId" IN (SELECT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = a.u)
           AND (a."coversFrom" IS NULL OR r."createdAt" > a."coversFrom"))
    WHERE r.status <> 'withdrawn'
    ORDER BY r.id`;

/** `group-<g>` → g; `alert-<a>` → the alert itself (no group). */
function parseSubject(subject: string): { issueGroupId: number } | { alertId: number } | null {
  const m = /^(group|alert)-(\d+)$/.exec(subject);
  if (!m) return null;
  return m[1] === 'group' ? { issueGroupId: Number(m[2]) } : { alertId: Number(m[2]) };
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;

/** An alert's columns as the driver returns them (timestamps read as UTC, enums as text). */
const ALERT_COLUMNS = [
  'id', '"issueGroupId"', '"openKey"', '"reportId"', '"unitId"', 'trigger::text AS trigger', 'level::text AS level', 'status::text AS status',
  'reasons', '"currentUnitId"', '"escalationStep"', '"dispatchedStep"', '"reportCount"', '"unitCount"', '"latestQuote"',
  '"acknowledgedById"', '"closedById"',
  ...['coversFrom', 'nextEscalationAt', 'heldUntil', 'acknowledgedAt', 'closedAt', 'createdAt', 'updatedAt'].map((c) => `("${c}" AT TIME ZONE 'UTC') AS "${c}"`),
].join(', ');

export function createAlertsRepository(prisma: PrismaClient, db: Pick<SqlExecutor, 'query'>) {
  const raw = <T>(sql: string, ...params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params);
  /** The alert path's hottest reads go to the driver directly (see repositories/index.ts). */
  const alertsWhere = async (where: string, params: unknown[]): Promise<AlertRecord[]> =>
    (await db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM "Alert" WHERE ${where} ORDER BY id`, params)).map(toAlert);
  const get = async (id: number): Promise<AlertRecord | null> => (await alertsWhere('id = $1', [id]))[0] ?? null;
  const store = {
    async reportForAlert(id: number): Promise<AlertReport | null> {
      const [r] = await db.query<AlertReport>(
        `SELECT r.id, r.reference, r."memberId", r."unitId", r.status::text AS status, (r."createdAt" AT TIME ZONE 'UTC') AS "createdAt",
                r."urgencyLevel"::text AS "urgencyLevel", r."urgencyScore", r."urgencyReasons", r."topicSlug",
                COALESCE(t.sensitive, false) AS "topicSensitive", t."nameVi" AS "topicNameVi", t."nameEn" AS "topicNameEn",
                r."finalMood"::text AS "finalMood", r.spread::text AS spread, r."redactedContent", r."issueGroupId"
           FROM "Report" r LEFT JOIN "Topic" t ON t.slug = r."topicSlug" WHERE r.id = $1`,
        [id],
      );
      return r ?? null;
    },

    async markEvaluated(reportId: number, at: Date): Promise<void> {
      await prisma.report.updateMany({ where: { id: reportId }, data: { evaluatedAt: at } });
    },

    async spreadByAncestor(issueGroupId: number, unitId: number, since: Date): Promise<Map<number, { reports: number; units: number }>> {
      const rows = await raw<{ unitId: number; reports: number; units: number }>(
        `SELECT up."ancestorId" AS "unitId", count(*)::int AS reports, count(DISTINCT r."unitId")::int AS units
           FROM "UnitClosure" up
           JOIN "UnitClosure" down ON down."ancestorId" = up."ancestorId"
           JOIN "Report" r ON r."unitId" = down."descendantId"
          WHERE up."descendantId" = $1 AND r."issueGroupId" = $2 AND r."createdAt" >= $3 AND r.status <> 'withdrawn'
          GROUP BY up."ancestorId"`,
        unitId,
        issueGroupId,
        since,
      );
      return new Map(rows.map((r) => [r.unitId, { reports: r.reports, units: r.units }]));
    },

    async previousClose(issueGroupId: number, scopeUnitId: number): Promise<Date | null> {
      const a = await prisma.alert.findFirst({ where: { issueGroupId, unitId: scopeUnitId, closedAt: { not: null } }, orderBy: { closedAt: 'desc' }, select: { closedAt: true } });
      return a?.closedAt ?? null;
    },

    async coveredReports(alertIds: readonly number[]): Promise<CoveredReport[]> {
      if (alertIds.length === 0) return [];
      return raw<CoveredReport>(coverageSql(`SELECT "issueGroupId" AS g, "unitId" AS u, "reportId", "coversFrom" FROM "Alert" WHERE id = ANY($1::int[])`), [...alertIds]);
    },

    async coverageOf(a: Pick<NewAlert, 'issueGroupId' | 'unitId' | 'reportId' | 'coversFrom'>): Promise<CoveredReport[]> {
      return raw<CoveredReport>(coverageSql(`SELECT $1::int AS g, $2::int AS u, $3::int AS "reportId", $4::timestamp AS "coversFrom"`), a.issueGroupId, a.unitId, a.reportId, a.coversFrom);
    },

    async create(a: NewAlert): Promise<AlertRecord | null> {
      try {
        const row = await prisma.alert.create({
          data: {
            ...a,
            reasons: (a.reasons ?? []) as P.InputJsonValue,
            openKey: a.issueGroupId !== null ? `group-${a.issueGroupId}-unit-${a.unitId}` : null,
            currentUnitId: a.unitId,
          },
        });
        return toAlert(row);
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
    },

    get,

    async getMany(ids: readonly number[]): Promise<AlertRecord[]> {
      if (ids.length === 0) return [];
      return alertsWhere('id = ANY($1::int[])', [[...ids]]);
    },

    /** The first alert the report raised (tests and the demo). */
    async byReport(reportId: number): Promise<AlertRecord | null> {
      const a = await prisma.alert.findFirst({ where: { reportId }, orderBy: { id: 'asc' } });
      return a ? toAlert(a) : null;
    },

    async getManyInScope(ids: readonly number[], scope: Scope): Promise<AlertRecord[]> {
      if (ids.length === 0) return [];
      if (scope.kind === 'all') return store.getMany(ids);
      const cond = inScope(scope, 'a."unitId"', 2);
      const rows = await raw<{ id: number }>(`SELECT a.id FROM "Alert" a WHERE a.id = ANY($1::int[]) AND ${cond.sql}`, [...ids], ...cond.params);
      return store.getMany(rows.map((r) => r.id));
    },

    async raisedBy(reportId: number): Promise<AlertRecord[]> {
      return alertsWhere('"reportId" = $1', [reportId]);
    },

    async liveFor(issueGroupId: number, scopeUnitId: number): Promise<AlertRecord | null> {
      const a = await prisma.alert.findUnique({ where: { openKey: `group-${issueGroupId}-unit-${scopeUnitId}` } });
      return a ? toAlert(a) : null;
    },

    async liveInScope(subject: string, scope: Scope): Promise<AlertRecord[]> {
      const s = parseSubject(subject);
      if (!s) return [];
      const where = 'alertId' in s ? `a.id = $1` : `a."issueGroupId" = $1`;
      const cond = inScope(scope, 'a."unitId"', 2);
      const ids = await raw<{ id: number }>(
        `SELECT a.id FROM "Alert" a WHERE ${where} AND a.status IN ('open', 'acknowledged') AND ${cond.sql} ORDER BY a.id`,
        'alertId' in s ? s.alertId : s.issueGroupId,
        ...cond.params,
      );
      return store.getMany(ids.map((r) => r.id));
    },

    async liveCovering(issueGroupId: number, unitId: number): Promise<AlertRecord[]> {
      return alertsWhere(
        `"issueGroupId" = $1 AND status IN ('open', 'acknowledged') AND "unitId" IN (SELECT "ancestorId" FROM "UnitClosure" WHERE "descendantId" = $2)`,
        [issueGroupId, unitId],
      );
    },

    async updateStats(id: number, s: { reportCount: number; unitCount: number; latestQuote: string | null; level: 'high' | 'critical' }): Promise<void> {
      await prisma.alert.update({ where: { id }, data: s });
    },

    async changeStatus(id: number, from: AlertStatus[], to: AlertStatus, actorId: number | null, at: Date): Promise<AlertRecord | null> {
      const closing = to === 'resolved' || to === 'false_alarm';
      const data = closing
        ? { status: to, closedById: actorId, closedAt: at, openKey: null, nextEscalationAt: null, heldUntil: null }
        : { status: to, acknowledgedById: actorId, acknowledgedAt: at, nextEscalationAt: null, heldUntil: null };
      const r = await prisma.alert.updateMany({ where: { id, status: { in: from } }, data });
      return r.count === 1 ? get(id) : null;
    },

    async claimDispatch(id: number, now: Date, leaseMs: number): Promise<boolean> {
      const rows = await db.query<{ id: number }>(
        `UPDATE "Alert" SET "dispatchingUntil" = ($2::timestamptz AT TIME ZONE 'UTC')
          WHERE id = $1 AND status = 'open' AND ("dispatchingUntil" IS NULL OR "dispatchingUntil" <= ($3::timestamptz AT TIME ZONE 'UTC'))
          RETURNING id`,
        [id, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
      );
      return rows.length === 1;
    },

    async releaseDispatch(id: number): Promise<void> {
      await db.query(`UPDATE "Alert" SET "dispatchingUntil" = NULL WHERE id = $1`, [id]);
    },

    async setEscalation(id: number, s: { step: number; currentUnitId: number; nextEscalationAt: Date | null; heldUntil?: Date | null; dispatched: boolean }): Promise<void> {
      await prisma.alert.updateMany({
        where: { id, status: 'open' },
        data: {
          dispatchingUntil: null,
          escalationStep: s.step,
          currentUnitId: s.currentUnitId,
          nextEscalationAt: s.nextEscalationAt,
          ...(s.heldUntil !== undefined ? { heldUntil: s.heldUntil } : {}),
          ...(s.dispatched ? { dispatchedStep: s.step } : {}),
        },
      });
    },

    async stalled(now: Date, graceMs: number, take: number) {
      const before = new Date(now.getTime() - graceMs);
      const [undispatched, overdue] = await Promise.all([
        raw<{ id: number }>(
          `SELECT id FROM "Alert"
            WHERE status = 'open' AND ("dispatchedStep" IS NULL OR "dispatchedStep" <> "escalationStep")
              AND ("heldUntil" IS NULL OR "heldUntil" <= $1) AND "createdAt" <= $1
            ORDER BY id LIMIT $2`,
          before,
          take,
        ),
        raw<{ id: number }>(
          `SELECT id FROM "Alert" WHERE status = 'open' AND "heldUntil" IS NULL AND "nextEscalationAt" <= $1 ORDER BY "nextEscalationAt" LIMIT $2`,
          before,
          take,
        ),
      ]);
      return { undispatched: await store.getMany(undispatched.map((r) => r.id)), overdue: await store.getMany(overdue.map((r) => r.id)) };
    },

    async addRecipient(r: RecipientRecord): Promise<boolean> {
      const res = await prisma.alertRecipient.createMany({ data: [r], skipDuplicates: true });
      if (res.count === 0 && r.cardId !== null) await prisma.alertRecipient.updateMany({ where: { alertId: r.alertId, memberId: r.memberId, cardId: null }, data: { cardId: r.cardId } });
      return res.count === 1;
    },

    /** Recipients with the message of the card each holds (the demo and tests). */
    async recipientMessages(alertId: number): Promise<(RecipientRecord & { messageId: number | null })[]> {
      const rows = await prisma.alertRecipient.findMany({ where: { alertId }, orderBy: { id: 'asc' }, include: { card: { select: { messageId: true } } } });
      return rows.map(({ card, id: _id, createdAt: _c, ...r }) => ({ ...r, messageId: card?.messageId ?? null }));
    },

    async recipients(alertId: number): Promise<RecipientRecord[]> {
      return prisma.alertRecipient.findMany({ where: { alertId }, orderBy: { id: 'asc' }, select: { alertId: true, memberId: true, unitId: true, step: true, chatId: true, cardId: true } });
    },

    async alertsReachedOn(cardId: number): Promise<number[]> {
      return (await prisma.alertRecipient.findMany({ where: { cardId }, select: { alertId: true }, orderBy: { alertId: 'asc' } })).map((r) => r.alertId);
    },

    async addEvent(alertId: number, kind: string, memberId: number | null = null, data?: Record<string, unknown>, at?: Date): Promise<void> {
      await prisma.alertEvent.create({
        data: { alertId, kind, memberId, ...(data ? { data: data as P.InputJsonValue } : {}), ...(at ? { createdAt: at } : {}) },
      });
    },

    async events(alertIds: readonly number[]) {
      return prisma.alertEvent.findMany({
        where: { alertId: { in: [...alertIds] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { alertId: true, kind: true, memberId: true, data: true, createdAt: true },
      });
    },

    async liveSubjects(scope: Scope, take: number): Promise<string[]> {
      const cond = inScope(scope, 'a."unitId"', 2);
      const rows = await raw<{ subject: string }>(
        `SELECT CASE WHEN a."issueGroupId" IS NULL THEN 'alert-' || a.id ELSE 'group-' || a."issueGroupId" END AS subject
           FROM "Alert" a
          WHERE a.status IN ('open', 'acknowledged') AND ${cond.sql}
          GROUP BY 1
          ORDER BY max(CASE WHEN a.level = 'critical' THEN 1 ELSE 0 END) DESC, max(a.id) DESC
          LIMIT $1`,
        take,
        ...cond.params,
      );
      return rows.map((r) => r.subject);
    },

    /** Open and acknowledged alerts whose scope lies in the given scope, newest first (the CLI and tests). */
    async liveIn(scope: Scope, take = 10): Promise<AlertRecord[]> {
      const cond = inScope(scope, 'a."unitId"', 2);
      const ids = await raw<{ id: number }>(`SELECT a.id FROM "Alert" a WHERE a.status IN ('open', 'acknowledged') AND ${cond.sql} ORDER BY a.id DESC LIMIT $1`, take, ...cond.params);
      return (await store.getMany(ids.map((r) => r.id))).sort((a, b) => b.id - a.id);
    },
  };
  return { ...store, ...createAlertCardsRepository(prisma), ...uncoveredReports(prisma) } satisfies AlertStore & UncoveredReports;
}

/** Reports that joined a group with a live alert elsewhere and that no live alert covers (reconcile.ts). */
function uncoveredReports(prisma: PrismaClient): UncoveredReports {
  return {
    async uncoveredInLiveGroups(limit: number): Promise<number[]> {
      const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
        `SELECT DISTINCT r.id
           FROM "Alert" a
           JOIN "Report" r ON r."issueGroupId" = a."issueGroupId"
          WHERE a.status IN ('open', 'acknowledged') AND r.status = 'analysed'
            AND (a."coversFrom" IS NULL OR r."createdAt" > a."coversFrom")
            AND NOT EXISTS (SELECT 1 FROM "Alert" b JOIN "UnitClosure" c ON c."ancestorId" = b."unitId"
                             WHERE b."issueGroupId" = r."issueGroupId" AND b.status IN ('open', 'acknowledged') AND c."descendantId" = r."unitId")
          ORDER BY r.id
          LIMIT $1`,
        limit,
      );
      return rows.map((r) => r.id);
    },
    async subjectsWithLiveCards(limit: number): Promise<string[]> {
      const rows = await prisma.alertCard.findMany({ where: { liveKey: { not: null } }, distinct: ['subject'], select: { subject: true }, orderBy: { subject: 'asc' }, take: limit });
      return rows.map((r) => r.subject);
    },
  };
}
