/**
 * Issue 10, reproduction 2: an issue group's stored title is derived from every report of the
 * group, whatever its unit, and was shown in "Top issues" and "Open alerts" of a sibling's
 * digest. A title shown to a leader now derives only from reports in their subtree; the stored
 * (or edited) title only when their subtree holds every report of the group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/app/digests/build-digest.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { digestReadDeps } from '../../../src/compose/digests.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

const AT = '2026-11-25T03:00:00Z';

describe('digest titles are scoped', () => {
  let db: TestDatabase;
  let repos: Repositories;
  let ids: { root: number; a: number; b: number; leaderA: number; leaderB: number; leaderRoot: number; group: number; alertA: number };
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    repos = createRepositories(db);
    const root = await repos.units.create({ name: 'Khối' });
    const a = await repos.units.create({ name: 'Committee A', parentId: root.id });
    const b = await repos.units.create({ name: 'Committee B', parentId: root.id });
    const member = (name: string, role: 'leader' | 'collaborator', unitId: number, tg: bigint) => repos.members.create({ telegramUserId: tg, displayName: name, role, unitId, language: 'en' });
    const [leaderA, leaderB, leaderRoot, ca, cb] = [
      await member('Leader A', 'leader', a.id, 9001n),
      await member('Leader B', 'leader', b.id, 9002n),
      await member('Leader Root', 'leader', root.id, 9003n),
      await member('Reporter A', 'collaborator', a.id, 9004n),
      await member('Reporter B', 'collaborator', b.id, 9005n),
    ];
    // the group's stored title was derived from B's report (its words name B's commune)
    const [g] = await db.sql.query<{ id: number }>(`INSERT INTO "IssueGroup" (title, "firstSeenAt", "lastSeenAt", "updatedAt") VALUES ('Dân xã Bravo kéo đến trụ sở phản đối thu hồi đất', now(), now(), now()) RETURNING id`);
    const report = async (m: number, u: number, ref: string, text: string) =>
      (await db.sql.query<{ id: number }>(
        `INSERT INTO "Report" (reference, "memberId", "unitId", content, "redactedContent", mood, "finalMood", "topicSlug", "issueGroupId", status, "createdAt", "urgencyScore", "urgencyLevel")
         VALUES ($1, $2, $3, $4, $4, 'angry', 'angry', 'governance', $5, 'analysed', $6::timestamptz AT TIME ZONE 'UTC', 92, 'critical') RETURNING id`,
        [ref, m, u, text, g!.id, AT],
      ))[0]!.id;
    const ra = await report(ca.id, a.id, 'R-2026-000901', 'Người dân xã Alpha tập trung đông trước trụ sở phường phản đối việc thu hồi đất làm dự án');
    await report(cb.id, b.id, 'R-2026-000902', 'Người dân xã Bravo kéo đến trụ sở phường phản đối thu hồi đất, đòi gặp lãnh đạo tỉnh');
    const [alert] = await db.sql.query<{ id: number }>(
      `INSERT INTO "Alert" ("issueGroupId", "openKey", "reportId", "unitId", "currentUnitId", trigger, level, "reportCount", "unitCount", "createdAt", "updatedAt")
       VALUES ($1::int, 'group-' || $1::int || '-unit-' || $2::int, $3, $2::int, $2::int, 'critical_report', 'critical', 1, 1, now(), now()) RETURNING id`,
      [g!.id, a.id, ra],
    );
    ids = { root: root.id, a: a.id, b: b.id, leaderA: leaderA.id, leaderB: leaderB.id, leaderRoot: leaderRoot.id, group: g!.id, alertA: alert!.id };
  });
  afterAll(async () => db?.destroy());

  const digestOf = (memberId: number) => buildDigest(digestReadDeps({ sql: db.sql, repos, clock: () => new Date('2026-11-26T01:00:00Z') }), { memberId, period: 'day', date: { y: 2026, m: 11, d: 25 } });

  it("A's digest titles the issue from A's report only, in Top issues and in Open alerts", async () => {
    const d = await digestOf(ids.leaderA);
    const group = d.groups.find((g) => g.id === ids.group)!;
    expect(group.count).toBe(1);
    expect(group.units).toBe(1);
    expect(group.title).toContain('Alpha');
    expect(group.title).not.toContain('Bravo');
    expect(group.quotes.map((q) => q.reference)).toEqual(['R-2026-000901']);
    expect(d.alerts).toHaveLength(1);
    expect(d.alerts[0]!.title).toContain('Alpha');
    expect(d.alerts[0]!.title).not.toContain('Bravo');
  });

  it("B's digest never shows A's alert, and titles the issue from B's report", async () => {
    const d = await digestOf(ids.leaderB);
    expect(d.alerts).toHaveLength(0);
    const group = d.groups.find((g) => g.id === ids.group)!;
    expect(group.title).toContain('Bravo');
    expect(group.title).not.toContain('Alpha');
  });

  it('the root, whose subtree holds every report of the group, sees the stored title (an edited one too)', async () => {
    await db.sql.query(`UPDATE "IssueGroup" SET title = 'Thu hồi đất: hai xã phản đối', "titleEdited" = true WHERE id = $1`, [ids.group]);
    const d = await digestOf(ids.leaderRoot);
    expect(d.groups.find((g) => g.id === ids.group)!.title).toBe('Thu hồi đất: hai xã phản đối');
    expect((await digestOf(ids.leaderA)).groups.find((g) => g.id === ids.group)!.title).not.toBe('Thu hồi đất: hai xã phản đối');
  });
});
