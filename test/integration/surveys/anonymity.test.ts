/**
 * Anonymity that holds: after people answer an anonymous survey, try to join the stored
 * responses to members through every table — ids, keys, times, transactions, physical order,
 * units — and fail.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { answerQuestion, startSurvey } from '../../../src/app/surveys/answer.js';
import { createSurvey } from '../../../src/app/surveys/create.js';
import { closeSurvey, openSurvey, type LifecycleDeps } from '../../../src/app/surveys/lifecycle.js';
import { createSurveyStore } from '../../../src/db/stores/survey-store.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import type { Member, Unit } from '../../../src/domain/types.js';
import { buildSurveyInput } from '../../support/surveys.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('anonymous survey responses', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let life: LifecycleDeps;
  const now = { value: new Date('2026-12-01T01:00:00Z') };
  let root: Unit, x: Unit, lone: Unit;
  const members: Member[] = [];
  let surveyId: number;
  const order: number[] = [];

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    const noQueue = { queueRecorded: async () => undefined };
    const noDelivery = { enqueue: async () => ({ deliveryId: 0, duplicate: false }), withdraw: async () => 0 };
    life = { surveys: createSurveyStore(db.prisma, db.sql), queue: noQueue, delivery: noDelivery, t: translator(createI18n()), clock: () => now.value, units: repos.units, settings: repos.settings };
    root = await repos.units.create({ name: 'Root' });
    x = await repos.units.create({ name: 'X', parentId: root.id });
    lone = await repos.units.create({ name: 'Lone', parentId: root.id });
    for (let i = 0; i < 8; i++) members.push(await repos.members.create({ telegramUserId: BigInt(7_000_000 + i), displayName: `m${i}`, role: 'collaborator', unitId: x.id }));
    members.push(await repos.members.create({ telegramUserId: BigInt(7_000_100), displayName: 'lone', role: 'collaborator', unitId: lone.id }));
    const leader = await repos.members.create({ telegramUserId: BigInt(7_000_200), displayName: 'leader', role: 'leader', unitId: root.id });
    const r = await createSurvey(life, { id: leader.id, role: 'leader', unitId: root.id }, buildSurveyInput(now.value, { anonymous: true, audience: { roles: ['collaborator'] } }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    surveyId = r.value;
    await openSurvey(life, surveyId);
    // Answer one by one, seven minutes apart, in a shuffled order of members.
    const who = [3, 8, 0, 6, 1, 7, 2, 5, 4];
    for (const i of who) {
      const m = members[i]!;
      now.value = new Date(now.value.getTime() + 7 * 60_000);
      await startSurvey(life, m, surveyId);
      await answerQuestion(life, m, surveyId, 1, i % 3);
      await answerQuestion(life, m, surveyId, 2, [i % 3]);
      await answerQuestion(life, m, surveyId, 3, (i % 5) + 1);
      const done = await answerQuestion(life, m, surveyId, 4, `note ${i}`);
      expect(done.type).toBe('done');
      order.push(m.id);
    }
  });
  afterAll(async () => db?.destroy());

  const stored = () =>
    db.sql.query<{ id: string; memberId: number | null; respondentKey: string; unitId: number; createdAt: Date | null; updatedAt: Date | null; xmin: string; answers: Record<string, unknown> }>(
      `SELECT id, "memberId", "respondentKey", "unitId", "createdAt", "updatedAt", xmin::text AS xmin, answers FROM "SurveyResponse" WHERE "surveyId" = $1 ORDER BY ctid`,
      [surveyId],
    );

  it('while open, responses leave the mix only in batches of the minimum group size, in one transaction each', async () => {
    const rows = await stored();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    const waiting = await db.sql.query(`SELECT 1 FROM "SurveyResponseMix" WHERE "surveyId" = $1`, [surveyId]);
    expect(waiting).toHaveLength(4);
  });

  it('after the close, no table, key, time, transaction or order joins a response to a member', async () => {
    await closeSurvey(life, surveyId);
    const rows = await stored();
    expect(rows).toHaveLength(9);
    // 1. No member and no time on a response; ids are random, not a sequence.
    for (const r of rows) {
      expect(r).toMatchObject({ memberId: null, createdAt: null, updatedAt: null });
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    // 2. No value of a response's own columns appears anywhere else, in any column of any table.
    const columns = await db.sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT IN ('SurveyResponse', '_prisma_migrations')`,
    );
    const values = rows.flatMap((r) => [r.id, r.respondentKey]);
    for (const c of columns) {
      const hits = await db.sql.query(`SELECT 1 FROM "${c.table_name}" WHERE "${c.column_name}"::text = ANY($1::text[]) LIMIT 1`, [values]);
      expect(hits, `${c.table_name}.${c.column_name}`).toHaveLength(0);
    }
    // 3. The key cannot be recomputed from (survey, member).
    const guesses = new Set(members.flatMap((m) => [`named:${surveyId}:${m.id}`, `anonymous:${surveyId}:${m.id}`, `${surveyId}:${m.id}`, `${m.id}`, `${m.telegramUserId}`].map(sha)));
    for (const r of rows) expect(guesses.has(r.respondentKey)).toBe(false);
    // 4. The bookkeeping keeps only the hour of answering, and nothing of the answers.
    const recipients = await db.sql.query<{ memberId: number; answeredAt: Date; progress: unknown; activeAt: Date | null; xmin: string }>(
      `SELECT "memberId", "answeredAt", progress, "activeAt", xmin::text AS xmin FROM "SurveyRecipient" WHERE "surveyId" = $1`,
      [surveyId],
    );
    expect(recipients).toHaveLength(9);
    for (const r of recipients) {
      expect(r.answeredAt.getUTCMinutes() + r.answeredAt.getUTCSeconds() + r.answeredAt.getUTCMilliseconds()).toBe(0);
      expect(r).toMatchObject({ progress: null, activeAt: null });
    }
    // 5. Every response was written by the close's one transaction, which wrote no bookkeeping.
    const xmins = new Set(rows.map((r) => r.xmin));
    expect(xmins.size).toBe(1);
    for (const r of recipients) expect(xmins.has(r.xmin)).toBe(false);
    // 6. The physical order of the responses is not the order of answering (9! orders; one matches).
    const answersInOrder = order.map((id) => `note ${members.findIndex((m) => m.id === id)}`);
    const storedOrder = rows.map((r) => r.answers['4']);
    expect([...storedOrder].sort()).toEqual([...answersInOrder].sort());
    expect(storedOrder).not.toEqual(answersInOrder);
    // 7. A unit with fewer recipients than the minimum group size is never named: the lone member's response is filed under the root.
    expect(new Set(rows.map((r) => r.unitId))).toEqual(new Set([x.id, root.id]));
    expect(rows.filter((r) => r.unitId === root.id)).toHaveLength(1);
    expect(rows.filter((r) => r.unitId === lone.id)).toHaveLength(0);
  });
});
