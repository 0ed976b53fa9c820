import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportIntake, createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import type { NewReport } from '../../../src/domain/types.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

let db: TestDatabase;
let repos: Repositories;
beforeAll(async () => {
  db = await createPostgresTestDatabase();
  repos = createRepositories(db);
});
afterAll(async () => {
  await db?.destroy();
});

describe('report intake (raw SQL write path)', () => {
  it('stores a report like reports.create, idempotent on submissionKey, racing double taps store once', async () => {
    const unit = await repos.units.create({ name: 'U' });
    const m = await repos.members.create({ telegramUserId: 42n, displayName: 'x', role: 'collaborator', unitId: unit.id });
    const intake = createReportIntake(db.sql);
    const now = new Date('2026-11-26T08:00:00Z');
    const input: NewReport = {
      memberId: m.id, unitId: unit.id, submissionKey: 'k1', chosenTopic: 'economy', content: 'Giá xăng tăng', proposal: null,
      mood: 'worried', spread: 'local', source: 'press', attachmentFileId: 'AgAC', attachmentKind: 'photo', quick: false,
    };
    const [a, b] = await Promise.all([intake.create(input, now), intake.create(input, now)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.report).toEqual(b.report);
    expect(a.report.reference).toBe(`R-2026-${String(a.report.id).padStart(6, '0')}`);
    const stored = await repos.reports.get(a.report.id);
    expect(stored).toMatchObject({ status: 'received', mood: 'worried', spread: 'local', source: 'press', chosenTopic: 'economy', attachmentKind: 'photo', createdAt: now });
    expect((await repos.members.get(m.id))?.lastReportAt).toEqual(now);
    const quick = await intake.create({ ...input, submissionKey: 'k2', mood: null, spread: null, source: null, chosenTopic: null, quick: true }, now);
    expect(quick.created).toBe(true);
    expect(await intake.countByMemberSince(m.id, new Date(now.getTime() - 1))).toBe(2);
    expect(await intake.countByMemberSince(m.id, new Date(now.getTime() + 1))).toBe(0);
  });
});
