/**
 * The survey store's definition cache: many answers arriving at once share one read of the
 * survey (1,000 people answering made one query each on every expiry), a closed survey is read
 * fresh, and a failed read is not kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../src/db/generated/client.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { createSurvey } from '../../../src/app/surveys/create.js';
import { createSurveyStore } from '../../../src/db/stores/survey-store.js';
import { createRepositories } from '../../../src/db/repositories/index.js';
import { buildSurveyInput } from '../../support/surveys.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

describe('survey store: definition cache', () => {
  let db: TestDatabase;
  let surveyId: number;
  let reads = 0;
  let failNext = false;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    const repos = createRepositories(db);
    const root = await repos.units.create({ name: 'Root' });
    const leader = await repos.members.create({ telegramUserId: 8_100_001n, displayName: 'leader', role: 'leader', unitId: root.id });
    const life = {
      surveys: createSurveyStore(db.prisma, db.sql),
      queue: { queueRecorded: async () => undefined },
      delivery: { enqueue: async () => ({ deliveryId: 0, duplicate: false }), withdraw: async () => 0 },
      t: translator(createI18n()),
      clock: () => new Date(),
      units: repos.units,
      settings: repos.settings,
    };
    const r = await createSurvey(life, { id: leader.id, role: 'leader', unitId: root.id }, buildSurveyInput(new Date()));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    surveyId = r.value;
    // count (and on demand fail) the store's reads of a survey definition
    const survey = new Proxy(db.prisma.survey, {
      get(target, prop, receiver) {
        if (prop !== 'findUnique') return Reflect.get(target, prop, receiver);
        return (args: never) => {
          reads += 1;
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('connection lost'));
          }
          return target.findUnique(args);
        };
      },
    });
    prisma = new Proxy(db.prisma, { get: (target, prop, receiver) => (prop === 'survey' ? survey : Reflect.get(target, prop, receiver)) });
  });
  afterAll(async () => db?.destroy());

  it('answers arriving at once share one read of the survey', async () => {
    const store = createSurveyStore(prisma, db.sql);
    reads = 0;
    const all = await Promise.all(Array.from({ length: 200 }, () => store.get(surveyId)));
    expect(reads).toBe(1);
    expect(new Set(all.map((s) => s?.id))).toEqual(new Set([surveyId]));
    expect(all[0]?.questions.length).toBeGreaterThan(0);
    await store.get(surveyId);
    expect(reads).toBe(1);
  });

  it('a status change is read fresh, and a failed read is not kept', async () => {
    const store = createSurveyStore(prisma, db.sql);
    reads = 0;
    expect((await store.get(surveyId))?.status).toBe('scheduled');
    await store.setStatus(surveyId, 'open', new Date());
    expect((await store.get(surveyId))?.status).toBe('open');
    expect(reads).toBe(2);
    await store.setStatus(surveyId, 'closed', new Date());
    failNext = true;
    await expect(store.get(surveyId)).rejects.toThrow('connection lost');
    expect((await store.get(surveyId))?.status).toBe('closed');
    expect(reads).toBe(4);
  });

  it('an unknown survey is not remembered as missing', async () => {
    const store = createSurveyStore(prisma, db.sql);
    reads = 0;
    expect(await store.get(999_999)).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(await store.get(999_999)).toBeNull();
    expect(reads).toBe(2);
  });
});
