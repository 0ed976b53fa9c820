import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDepsFrom } from '../../../src/compose/digests.js';
import { silentLogger } from '../../../src/logger.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { sendReminders, type ReminderDeps } from '../../../src/app/reminders/send-reminders.js';
import { createI18n, translator } from '../../../src/bot/i18n.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeDelivery, type FakeDelivery } from '../../support/fake-delivery.js';
import { seedOrganisation, type Seeded } from './seed.js';

const t = translator(createI18n());

describe('reminders for silent collaborators (PostgreSQL)', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let s: Seeded;
  const deps = (delivery: FakeDelivery, now: string): ReminderDeps => digestDepsFrom({ sql: db.sql, repos, clock: () => new Date(now), t, logger: silentLogger() }, delivery);
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    s = await seedOrganisation(db.sql, repos);
  });
  afterAll(async () => db?.destroy());

  it('reminds only collaborators silent for 7 days, once per period, in their language', async () => {
    const delivery = createFakeDelivery();
    const noon = '2026-11-26T05:00:00Z';
    expect(await sendReminders(deps(delivery, noon))).toEqual({ candidates: 2, enqueued: 2, duplicates: 0 });
    expect(delivery.messages.map((m) => [m.memberId, m.idempotencyKey, m.lane, m.notBefore])).toEqual([
      [s.members.cb2, `reminder-${s.members.cb2}-2026-11-05-3`, 'reminder', undefined],
      [s.members.cc, `reminder-${s.members.cc}-2026-10-01-8`, 'reminder', undefined],
    ]);
    expect(String(delivery.messages[0]!.payload.text)).toContain('Cộng tác viên Én');
    expect(String(delivery.messages[0]!.payload.text)).toContain('20 ngày');
    // later the same day: the same period, nothing new
    expect(await sendReminders(deps(delivery, '2026-11-26T09:00:00Z'))).toEqual({ candidates: 2, enqueued: 0, duplicates: 2 });
    expect(delivery.messages).toHaveLength(2);
  });

  it('holds a reminder due in quiet hours until they end, and follows the inherited setting', async () => {
    await repos.settings.set(s.units.b, 'reminderDays', 30);
    const delivery = createFakeDelivery();
    const late = '2026-11-26T16:00:00Z'; // 23:00 in Ho Chi Minh City
    expect(await sendReminders(deps(delivery, late))).toEqual({ candidates: 1, enqueued: 1, duplicates: 0 });
    expect(delivery.messages.map((m) => [m.memberId, m.notBefore?.toISOString()])).toEqual([[s.members.cc, '2026-11-26T23:30:00.000Z']]);
  });
});
