/** A leader's scheduled digest carries the Surveys section while a survey of their scope is open (one more message, sent once). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledDigest, type SendDigestDeps } from '../../../src/app/digests/send-digest.js';
import { surveyDigestSection } from '../../../src/app/surveys/digest-section.js';
import { createSurvey } from '../../../src/app/surveys/create.js';
import { openSurvey, type LifecycleDeps } from '../../../src/app/surveys/lifecycle.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { digestDepsFrom } from '../../../src/compose/digests.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { createSurveyStore } from '../../../src/db/stores/survey-store.js';
import { silentLogger } from '../../../src/logger.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeDelivery } from '../../support/fake-delivery.js';
import { buildSurveyInput } from '../../support/surveys.js';
import { seedOrganisation, type Seeded } from '../digests/seed.js';

const t = translator(createI18n());

describe('surveys in the digest', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let s: Seeded;
  const now = new Date('2026-11-26T01:00:00Z');
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    s = await seedOrganisation(db.sql, repos);
  });
  afterAll(async () => db?.destroy());

  it('adds one Surveys message to the digest of a leader whose scope has an open survey', async () => {
    const surveys = createSurveyStore(db.prisma, db.sql);
    const life: LifecycleDeps = {
      surveys,
      queue: { queueRecorded: async () => undefined },
      delivery: createFakeDelivery(),
      t,
      clock: () => now,
      units: repos.units,
      settings: repos.settings,
    };
    const created = await createSurvey(life, { id: s.members.la, role: 'leader', unitId: s.units.a }, buildSurveyInput(now, { audience: { roles: ['collaborator'] } }));
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await openSurvey(life, created.value);
    const delivery = createFakeDelivery();
    const deps: SendDigestDeps = {
      ...digestDepsFrom({ sql: db.sql, repos, clock: () => now, t, logger: silentLogger() }, delivery),
      surveySection: surveyDigestSection({ surveys, units: repos.units, settings: repos.settings, t }),
    };
    await runScheduledDigest(deps, s.units.a, 'day');
    const section = delivery.messages.find((m) => m.idempotencyKey === `digest-${s.members.la}-day-2026-11-25-surveys`);
    expect(section?.payload.text).toContain('<b>Public services</b> (open): 0/3 answered (0%), 0 not reached');
    expect(section?.payload.text).toContain('Fewer than 5 responses in scope');
    await runScheduledDigest(deps, s.units.b, 'day');
    expect(delivery.messages.some((m) => m.idempotencyKey === `digest-${s.members.lb}-day-2026-11-25-m1`)).toBe(true);
    expect(delivery.messages.some((m) => m.idempotencyKey === `digest-${s.members.lb}-day-2026-11-25-surveys`)).toBe(false);
  });
});
