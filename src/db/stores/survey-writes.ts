/**
 * The surveys' write paths in SQL (survey-store.ts uses them): planning in bulk, a named
 * response, an anonymous response through the mix, and the close's reshuffle of anonymous
 * responses. Each keeps the answers apart from the bookkeeping: see survey-store.ts.
 */
import type { PlanInput, PlanOutcome, SurveyStore } from '../../app/surveys/ports.js';
import { LANES } from '../../queue/names.js';
import type { SqlExecutor } from '../sql.js';

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;
const iso = (d: Date) => d.toISOString();

/** The survey minimum group size in force for a unit (its setting, inherited; default 5). */
export async function minGroupSize(sql: SqlExecutor, unitId: number): Promise<number> {
  const rows = await sql.query<{ value: unknown }>(
    `SELECT s.value FROM "Setting" s LEFT JOIN "UnitClosure" c ON c."ancestorId" = s."unitId" AND c."descendantId" = $1
     WHERE s.key = 'surveyMinGroupSize' AND (s.scope = 'global' OR c."descendantId" IS NOT NULL)
     ORDER BY (s.scope = 'global') ASC, c.depth ASC LIMIT 1`,
    [unitId],
  );
  const v = Number(rows[0]?.value);
  return Number.isFinite(v) && v >= 1 ? v : 5;
}

type Submission = Parameters<SurveyStore['submit']>[0];
type Tx = Pick<SqlExecutor, 'query'>;

/** A named response: inserted, or its answers replaced. True when it replaced one. */
export async function submitNamed(sql: SqlExecutor, s: Submission, now: Date): Promise<boolean> {
  const rows = await sql.query<{ inserted: boolean }>(
    `INSERT INTO "SurveyResponse" (id, "surveyId", "memberId", "respondentKey", "unitId", answers, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, ${ts(7)}, ${ts(7)})
     ON CONFLICT ("surveyId", "respondentKey") DO UPDATE SET answers = EXCLUDED.answers, "updatedAt" = EXCLUDED."updatedAt"
     RETURNING (xmax = 0) AS inserted`,
    [s.responseId, s.survey.id, s.memberId, s.respondentKey, s.unitId, JSON.stringify(s.answers), iso(now)],
  );
  return rows[0]?.inserted === false;
}

/**
 * An anonymous response goes to the mix (a change takes its earlier version out of the stored
 * responses first); once `k` wait, they move into SurveyResponse together, in random order.
 */
export async function submitAnonymous(sql: SqlExecutor, s: Submission, k: number): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const old = await tx.query(`DELETE FROM "SurveyResponse" WHERE "surveyId" = $1 AND "respondentKey" = $2 RETURNING 1`, [s.survey.id, s.respondentKey]);
    const rows = await tx.query<{ inserted: boolean }>(
      `INSERT INTO "SurveyResponseMix" (id, "surveyId", "respondentKey", "unitId", answers) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT ("surveyId", "respondentKey") DO UPDATE SET answers = EXCLUDED.answers
       RETURNING (xmax = 0) AS inserted`,
      [s.responseId, s.survey.id, s.respondentKey, s.unitId, JSON.stringify(s.answers)],
    );
    const [{ n }] = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SurveyResponseMix" WHERE "surveyId" = $1`, [s.survey.id])) as [{ n: number }];
    if (n >= k) await flushMix(tx, s.survey.id);
    return old.length > 0 || rows[0]?.inserted === false;
  });
}

/** Moves a survey's waiting anonymous responses into SurveyResponse, in random order. */
export async function flushMix(tx: Tx, surveyId: number): Promise<void> {
  await tx.query(
    `WITH moved AS (DELETE FROM "SurveyResponseMix" WHERE "surveyId" = $1 RETURNING *)
     INSERT INTO "SurveyResponse" (id, "surveyId", "memberId", "respondentKey", "unitId", answers)
     SELECT id, "surveyId", NULL, "respondentKey", "unitId", answers FROM moved ORDER BY random()`,
    [surveyId],
  );
}

/**
 * At the close: every anonymous response of the survey (those waiting in the mix included) is
 * written again in one transaction, in random order, so that the last, smaller batch is not
 * told apart and no stored response keeps the transaction it came in.
 */
export async function reshuffle(tx: Tx, surveyId: number): Promise<void> {
  await tx.query(
    `WITH stored AS (DELETE FROM "SurveyResponse" WHERE "surveyId" = $1 AND "memberId" IS NULL RETURNING id, "surveyId", "respondentKey", "unitId", answers),
          waiting AS (DELETE FROM "SurveyResponseMix" WHERE "surveyId" = $1 RETURNING id, "surveyId", "respondentKey", "unitId", answers)
     INSERT INTO "SurveyResponse" (id, "surveyId", "memberId", "respondentKey", "unitId", answers)
     SELECT id, "surveyId", NULL, "respondentKey", "unitId", answers FROM (SELECT * FROM stored UNION ALL SELECT * FROM waiting) r ORDER BY random()`,
    [surveyId],
  );
}

export async function plan(sql: SqlExecutor, input: PlanInput, now: Date): Promise<PlanOutcome> {
  const s = input.survey;
  const roots = s.audienceUnitIds.length > 0 ? s.audienceUnitIds : [s.unitId];
  return sql.transaction(async (tx) => {
    // One planning at a time per survey; a second one finds the rows and plans nothing.
    await tx.query(`SELECT id FROM "Survey" WHERE id = $1 FOR UPDATE`, [s.id]);
    await tx.query(`UPDATE "Survey" SET "plannedAt" = COALESCE("plannedAt", ${ts(2)}) WHERE id = $1`, [s.id, iso(now)]);
    const [{ planned }] = (await tx.query<{ planned: boolean }>(`SELECT EXISTS (SELECT 1 FROM "SurveyRecipient" WHERE "surveyId" = $1) AS planned`, [s.id])) as [{ planned: boolean }];
    if (planned) return { recipients: 0, unreachable: 0, cohorts: 0, deliveries: [] };
    const recipients = await tx.query<{ memberId: number; cohort: number; reached: boolean }>(
      `INSERT INTO "SurveyRecipient" ("surveyId", "memberId", "unitId", cohort, reached)
       SELECT $1, m.id, m."unitId",
              CASE WHEN m.reachable THEN ((row_number() OVER (PARTITION BY m.reachable ORDER BY m.id) - 1) / $4)::int ELSE 0 END,
              m.reachable
       FROM "Member" m
       WHERE m.active
         AND m."unitId" IN (SELECT DISTINCT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = ANY($2::int[]))
         AND (cardinality($3::text[]) = 0 OR m.role::text = ANY($3::text[]))
       ON CONFLICT DO NOTHING
       RETURNING "memberId", cohort, reached`,
      [s.id, roots, s.audienceRoles, input.cohortSize],
    );
    // A later cohort's row carries its release time as updatedAt, so the reconciler leaves it alone until then.
    const deliveries = await tx.query<{ id: number; cohort: number }>(
      `INSERT INTO "Delivery" ("idempotencyKey", "memberId", "chatId", kind, lane, method, payload, "updatedAt")
       SELECT 'survey-' || r."surveyId" || '-m' || m.id, m.id, COALESCE(m."chatId", m."telegramUserId"), 'survey', $2, 'sendMessage',
              CASE WHEN m.language = 'en' THEN $4::jsonb ELSE $3::jsonb END, ${ts(5)} + make_interval(secs => r.cohort * $6::int / 1000.0)
       FROM "SurveyRecipient" r JOIN "Member" m ON m.id = r."memberId"
       WHERE r."surveyId" = $1::int AND r.reached
       ON CONFLICT ("idempotencyKey") DO NOTHING
       RETURNING id, round(extract(epoch FROM "updatedAt" - ${ts(5)}) * 1000 / $6::int)::int AS cohort`,
      [s.id, LANES.broadcast, JSON.stringify(input.payloads.vi), JSON.stringify(input.payloads.en), iso(now), input.cohortMs],
    );
    const cohorts = new Set(recipients.filter((r) => r.reached).map((r) => r.cohort));
    if (recipients.length > 0) {
      await tx.query(`UPDATE "Survey" SET cohorts = $2, "cohortMs" = $3, "releasedCohorts" = 0 WHERE id = $1`, [s.id, cohorts.size, input.cohortMs]);
    }
    return {
      recipients: recipients.length,
      unreachable: recipients.filter((r) => !r.reached).length,
      cohorts: cohorts.size,
      deliveries: deliveries.map((d) => ({ deliveryId: d.id, cohort: d.cohort })).sort((a, b) => a.deliveryId - b.deliveryId),
    };
  });
}
