/**
 * The surveys' store (src/app/surveys/ports.ts SurveyStore). Definitions through Prisma; the
 * hot and bulk paths in SQL: planning writes every recipient and delivery row with two
 * INSERT … SELECT statements in one transaction (50,000 recipients in a second or two), and an
 * answer is one UPDATE. The bookkeeping (SurveyRecipient) and the answers (SurveyResponse) are
 * written in separate transactions, and an anonymous response carries no member, no time and
 * no sequence (its id is random).
 */
import type { RecipientState, ReminderTarget, ResponseRow, SurveyStore } from '../../app/surveys/ports.js';
import type { Scope } from '../../domain/scope.js';
import type { SurveyAnswers } from '../../domain/survey-answers.js';
import { anonymityCells } from '../../domain/survey-results.js';
import type { Survey, SurveyDefinition, SurveyQuestion, SurveyStatus } from '../../domain/survey.js';
import type { Role } from '../../domain/vocabulary.js';
import type { Prisma as P, PrismaClient } from '../generated/client.js';
import { inScope } from '../scope-sql.js';
import type { SqlExecutor } from '../sql.js';
import { flushMix, minGroupSize, plan, reshuffle, submitAnonymous, submitNamed } from './survey-writes.js';

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const iso = (d: Date) => d.toISOString();

type SurveyRow = P.SurveyGetPayload<{ include: { questions: true } }>;

/** A question's own columns, the same read and written (the row's ids left out). */
function questionFields(q: SurveyQuestion): SurveyQuestion {
  return { position: q.position, kind: q.kind, text: q.text, textEn: q.textEn, options: q.options, optionsEn: q.optionsEn, required: q.required, maxLength: q.maxLength };
}

function toSurvey(r: SurveyRow): Survey {
  return {
    id: r.id,
    unitId: r.unitId,
    createdById: r.createdById,
    status: r.status as SurveyStatus,
    title: r.title,
    titleEn: r.titleEn,
    intro: r.intro,
    introEn: r.introEn,
    anonymous: r.anonymous,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    remindAt: r.remindAt,
    audienceUnitIds: r.audienceUnitIds,
    audienceRoles: r.audienceRoles as Role[],
    paidBroadcast: r.paidBroadcast,
    questions: [...r.questions]
      .sort((a, b) => a.position - b.position)
      .map(questionFields),
  };
}

/** The store over Prisma (definitions) and SQL (bulk and hot paths). */
export function createSurveyStore(prisma: PrismaClient, sql: SqlExecutor): SurveyStore {
  // A survey's definition, kept 2 s per process; the read itself is shared (one query however
  // many answers arrive while it runs: 1,000 people answering at once made one each on every
  // expiry, 6,000 of the run's 68,000 statements).
  const surveys = new Map<number, { at: number; survey: Promise<Survey | null> }>();
  const cells = new Map<number, Map<number, number>>();
  const get = (id: number): Promise<Survey | null> => {
    const cached = surveys.get(id);
    if (cached && Date.now() - cached.at < 2000) return cached.survey;
    const survey = prisma.survey.findUnique({ where: { id }, include: { questions: true } }).then((r) => (r ? toSurvey(r) : null));
    const entry = { at: Date.now(), survey };
    surveys.set(id, entry);
    // a failed or empty read is not kept: the next call asks again
    survey.then(
      (s) => void (s === null && surveys.get(id) === entry && surveys.delete(id)),
      () => void (surveys.get(id) === entry && surveys.delete(id)),
    );
    return survey;
  };
  const cellsOf = async (surveyId: number, rootId: number, k: number): Promise<Map<number, number>> => {
    const known = cells.get(surveyId);
    if (known) return known;
    const counts = await sql.query<{ unitId: number; n: number }>(`SELECT "unitId", count(*)::int AS n FROM "SurveyRecipient" WHERE "surveyId" = $1 GROUP BY 1`, [surveyId]);
    const units = await sql.query<{ id: number; parentId: number | null }>(
      `SELECT u.id, u."parentId" FROM "Unit" u JOIN "UnitClosure" c ON c."descendantId" = u.id WHERE c."ancestorId" = $1`,
      [rootId],
    );
    const m = anonymityCells(new Map(counts.map((c) => [c.unitId, c.n])), new Map(units.map((u) => [u.id, u.parentId])), rootId, k);
    cells.set(surveyId, m);
    return m;
  };
  return {
    get,
    async create(unitId, createdById, def: SurveyDefinition) {
      const r = await prisma.survey.create({
        data: {
          unitId,
          createdById,
          title: def.title,
          titleEn: def.titleEn,
          intro: def.intro,
          introEn: def.introEn,
          anonymous: def.anonymous,
          opensAt: def.opensAt,
          closesAt: def.closesAt,
          remindAt: def.remindAt,
          audienceUnitIds: def.audienceUnitIds,
          audienceRoles: def.audienceRoles,
          paidBroadcast: def.paidBroadcast,
          questions: {
            create: def.questions.map(questionFields),
          },
        },
      });
      return r.id;
    },
    async setStatus(id, status, at) {
      await prisma.survey.update({ where: { id }, data: { status, ...(status === 'closed' ? { closedAt: at } : {}) } });
      if (status === 'closed') await sql.transaction((tx) => reshuffle(tx, id));
      surveys.delete(id);
    },
    async schedule(id, opensAt) {
      const r = await prisma.survey.updateMany({ where: { id, status: { in: ['draft', 'scheduled'] } }, data: { status: 'scheduled', opensAt } });
      surveys.delete(id);
      return r.count === 1;
    },
    async unitsOutside(rootId, ids) {
      if (ids.length === 0) return [];
      const inside = await sql.query<{ id: number }>(`SELECT "descendantId" AS id FROM "UnitClosure" WHERE "ancestorId" = $1 AND "descendantId" = ANY($2::int[])`, [rootId, [...ids]]);
      const set = new Set(inside.map((r) => r.id));
      return ids.filter((i) => !set.has(i));
    },
    plan: (input, now) => plan(sql, input, now),
    async cohortState(id) {
      const [r] = await sql.query<{ planned_ms: string | null; cohorts: number; cohortMs: number; released: number }>(
        `SELECT (extract(epoch FROM "plannedAt") * 1000)::bigint::text AS planned_ms, cohorts, "cohortMs", "releasedCohorts" AS released FROM "Survey" WHERE id = $1`,
        [id],
      );
      return r && r.planned_ms !== null ? { plannedAt: new Date(Number(r.planned_ms)), cohorts: r.cohorts, cohortMs: r.cohortMs, released: r.released } : null;
    },
    async cohortDeliveries(id, from, to) {
      return sql.query<{ deliveryId: number; cohort: number }>(
        `SELECT d.id AS "deliveryId", r.cohort FROM "SurveyRecipient" r
         JOIN "Delivery" d ON d."idempotencyKey" = 'survey-' || r."surveyId" || '-m' || r."memberId"
         WHERE r."surveyId" = $1 AND r.reached AND r.cohort BETWEEN $2 AND $3 AND d.status = 'pending' ORDER BY d.id`,
        [id, from, to],
      );
    },
    async markReleased(id, from, upTo) {
      const rows = await sql.query(`UPDATE "Survey" SET "releasedCohorts" = $3 WHERE id = $1 AND "releasedCohorts" = $2 RETURNING id`, [id, from, upTo]);
      return rows.length === 1;
    },
    releasing: async () =>
      (await sql.query<{ id: number }>(`SELECT id FROM "Survey" WHERE status = 'open' AND "releasedCohorts" < cohorts ORDER BY id`)).map((r) => r.id),
    dueToOpen: async (now) =>
      (await sql.query<{ id: number }>(`SELECT id FROM "Survey" WHERE status = 'scheduled' AND "opensAt" <= ${ts(1)} ORDER BY id`, [iso(now)])).map((r) => r.id),
    dueToClose: async (now) =>
      (await sql.query<{ id: number }>(`SELECT id FROM "Survey" WHERE status IN ('open', 'scheduled') AND "closesAt" <= ${ts(1)} ORDER BY id`, [iso(now)])).map((r) => r.id),
    dueReminders: async (now) =>
      (
        await sql.query<{ id: number }>(
          `SELECT id FROM "Survey" WHERE status = 'open' AND "remindAt" <= ${ts(1)} AND "remindedAt" IS NULL AND "closesAt" > ${ts(1)} ORDER BY id`,
          [iso(now)],
        )
      ).map((r) => r.id),
    async claimReminders(id, now) {
      const rows = await sql.query(`UPDATE "Survey" SET "remindedAt" = ${ts(2)} WHERE id = $1 AND "remindedAt" IS NULL RETURNING id`, [id, iso(now)]);
      return rows.length === 1;
    },
    async reminderTargets(id) {
      const rows = await sql.query<{ memberId: number; chat: string; language: string | null; timezone: string; unitId: number }>(
        `SELECT r."memberId", COALESCE(m."chatId", m."telegramUserId")::text AS chat, m.language, u.timezone, r."unitId"
         FROM "SurveyRecipient" r JOIN "Member" m ON m.id = r."memberId" JOIN "Unit" u ON u.id = r."unitId"
         WHERE r."surveyId" = $1 AND r.reached AND r."answeredAt" IS NULL AND m.active AND m.reachable ORDER BY r."memberId"`,
        [id],
      );
      return rows.map((r): ReminderTarget => ({ memberId: r.memberId, chatId: BigInt(r.chat), language: r.language === 'en' ? 'en' : 'vi', timezone: r.timezone, unitId: r.unitId }));
    },
    async recipient(surveyId, memberId) {
      const [r] = await sql.query<{ unitId: number; answered: boolean; position: number | null; progress: SurveyAnswers | null }>(
        `SELECT "unitId", "answeredAt" IS NOT NULL AS answered, position, progress FROM "SurveyRecipient" WHERE "surveyId" = $1 AND "memberId" = $2`,
        [surveyId, memberId],
      );
      return r ? ({ surveyId, memberId, ...r } satisfies RecipientState) : null;
    },
    async saveProgress(surveyId, memberId, position, progress, now) {
      await sql.query(`UPDATE "SurveyRecipient" SET position = $3, progress = $4::jsonb, "activeAt" = ${ts(5)} WHERE "surveyId" = $1 AND "memberId" = $2`, [
        surveyId,
        memberId,
        position,
        progress === null ? null : JSON.stringify(progress),
        iso(now),
      ]);
    },
    async inProgress(memberId, now) {
      const [r] = await sql.query<{ id: number }>(
        `SELECT r."surveyId" AS id FROM "SurveyRecipient" r JOIN "Survey" s ON s.id = r."surveyId"
         WHERE r."memberId" = $1 AND r.position IS NOT NULL AND s.status = 'open' AND s."closesAt" > ${ts(2)}
         ORDER BY r."activeAt" DESC NULLS LAST LIMIT 1`,
        [memberId, iso(now)],
      );
      return r?.id ?? null;
    },
    async answering(memberId, now) {
      const [r] = await sql.query<{ surveyId: number; unitId: number; answered: boolean; position: number | null; progress: SurveyAnswers | null; open: boolean }>(
        `SELECT r."surveyId", r."unitId", r."answeredAt" IS NOT NULL AS answered, r.position, r.progress,
                (s.status = 'open' AND s."closesAt" > ${ts(2)}) AS open
         FROM "SurveyRecipient" r JOIN "Survey" s ON s.id = r."surveyId"
         WHERE r."memberId" = $1 AND r.position IS NOT NULL
         ORDER BY 6 DESC, r."activeAt" DESC NULLS LAST LIMIT 1`,
        [memberId, iso(now)],
      );
      if (!r) return null;
      const { open, ...state } = r;
      if (open) return { type: 'open', state: { memberId, ...state } };
      await sql.query(`UPDATE "SurveyRecipient" SET position = NULL, progress = NULL WHERE "surveyId" = $1 AND "memberId" = $2`, [r.surveyId, memberId]);
      return { type: 'closed', surveyId: r.surveyId };
    },
    async openFor(memberId, now) {
      const rows = await sql.query<{ id: number; answered: boolean }>(
        `SELECT s.id, r."answeredAt" IS NOT NULL AS answered FROM "SurveyRecipient" r JOIN "Survey" s ON s.id = r."surveyId"
         WHERE r."memberId" = $1 AND s.status = 'open' AND s."closesAt" > ${ts(2)} ORDER BY s."closesAt", s.id`,
        [memberId, iso(now)],
      );
      const out: { survey: Survey; answered: boolean }[] = [];
      for (const r of rows) {
        const s = await get(r.id);
        if (s) out.push({ survey: s, answered: r.answered });
      }
      return out;
    },
    async submit(s, now) {
      const replaced = s.survey.anonymous ? await submitAnonymous(sql, s, await minGroupSize(sql, s.survey.unitId)) : await submitNamed(sql, s, now);
      // Apart from the answers (its own statement and transaction); anonymous: only the hour.
      await sql.query(
        `UPDATE "SurveyRecipient" SET position = NULL, progress = NULL, "activeAt" = NULL,
           "answeredAt" = COALESCE("answeredAt", ${s.survey.anonymous ? `date_trunc('hour', ${ts(3)})` : ts(3)})
         WHERE "surveyId" = $1 AND "memberId" = $2`,
        [s.survey.id, s.memberId, iso(now)],
      );
      return { replaced };
    },
    async flushMix(surveyId) {
      await sql.transaction((tx) => flushMix(tx, surveyId));
    },
    async responseExists(surveyId, respondentKey) {
      const rows = await sql.query(
        `SELECT 1 FROM "SurveyResponse" WHERE "surveyId" = $1 AND "respondentKey" = $2
         UNION ALL SELECT 1 FROM "SurveyResponseMix" WHERE "surveyId" = $1 AND "respondentKey" = $2`,
        [surveyId, respondentKey],
      );
      return rows.length > 0;
    },
    async cellOf(surveyId, memberId, known) {
      const s = await get(surveyId);
      const unitId =
        known ?? (await sql.query<{ unitId: number }>(`SELECT "unitId" FROM "SurveyRecipient" WHERE "surveyId" = $1 AND "memberId" = $2`, [surveyId, memberId]))[0]?.unitId;
      if (!s || unitId === undefined) return null;
      if (!s.anonymous) return unitId;
      const k = await minGroupSize(sql, s.unitId);
      return (await cellsOf(surveyId, s.unitId, k)).get(unitId) ?? s.unitId;
    },
    async markSent(surveyId, memberId, at) {
      await sql.query(`UPDATE "SurveyRecipient" SET "sentAt" = COALESCE("sentAt", ${ts(3)}) WHERE "surveyId" = $1 AND "memberId" = $2`, [surveyId, memberId, iso(at)]);
    },
    async markUnreached(surveyId, memberId) {
      await sql.query(`UPDATE "SurveyRecipient" SET reached = false WHERE "surveyId" = $1 AND "memberId" = $2`, [surveyId, memberId]);
    },
    async responses(surveyId, scope: Scope) {
      const w = inScope(scope, `"unitId"`, 2);
      return sql.query<ResponseRow>(`SELECT "unitId", answers FROM "SurveyResponse" WHERE "surveyId" = $1 AND ${w.sql} ORDER BY id`, [surveyId, ...w.params]);
    },
    async participation(surveyId, scope) {
      const w = inScope(scope, `"unitId"`, 2);
      return sql.query(
        `SELECT "unitId", count(*)::int AS recipients, count(*) FILTER (WHERE NOT reached)::int AS unreached, count("answeredAt")::int AS answered
         FROM "SurveyRecipient" WHERE "surveyId" = $1 AND ${w.sql} GROUP BY 1 ORDER BY 1`,
        [surveyId, ...w.params],
      );
    },
    async answersOverTime(surveyId, scope) {
      const w = inScope(scope, `"unitId"`, 2);
      const rows = await sql.query<{ hour_ms: string; answered: number }>(
        `SELECT (extract(epoch FROM date_trunc('hour', "answeredAt")) * 1000)::bigint::text AS hour_ms, count(*)::int AS answered
         FROM "SurveyRecipient" WHERE "surveyId" = $1 AND "answeredAt" IS NOT NULL AND ${w.sql} GROUP BY 1 ORDER BY 1`,
        [surveyId, ...w.params],
      );
      return rows.map((r) => ({ hour: new Date(Number(r.hour_ms)), answered: r.answered }));
    },
    async list(scope) {
      // Made inside the scope, or by a unit above it (whose audience may cover the scope).
      const where =
        scope.kind === 'all'
          ? {}
          : { OR: [{ unit: { ancestors: { some: { ancestorId: scope.unitId } } } }, { unit: { descendants: { some: { descendantId: scope.unitId } } } }] };
      const rows = await prisma.survey.findMany({ where, include: { questions: true }, orderBy: { id: 'desc' }, take: 200 });
      return rows.map(toSurvey);
    },
  };
}
