/**
 * The overview's kept days (OverviewDay/OverviewCell): the figures equal a count of the reports
 * themselves, whether the days are computed, kept or read live; a change to an old report, its
 * deletion and a change of the tree are seen at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/app/dashboard/views.js';
import type { OverviewData, Period } from '../../../src/app/dashboard/ports.js';
import { createOverviewReads } from '../../../src/db/read-models/overview.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories/index.js';
import { EVERYTHING, subtreeOf, type Scope } from '../../../src/domain/scope.js';
import { localDateOf } from '../../../src/domain/zoned-time.js';
import { createPostgresTestDatabase, type TestDatabase } from '../../support/db.js';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
const MOODS = ['worried', 'angry', 'neutral', null] as const;
const TOPICS = ['economy', 'health', 'education'] as const;

let db: TestDatabase;
let repos: Repositories;
const units: Record<string, number> = {};
beforeAll(async () => {
  db = await createPostgresTestDatabase();
  repos = createRepositories(db);
  const root = await repos.units.create({ name: 'Root' });
  const a = await repos.units.create({ name: 'A', parentId: root.id });
  const a1 = await repos.units.create({ name: 'A1', parentId: a.id });
  const b = await repos.units.create({ name: 'B', parentId: root.id });
  Object.assign(units, { root: root.id, a: a.id, a1: a1.id, b: b.id });
  const inA1 = await repos.members.create({ telegramUserId: 1n, displayName: 'a1', role: 'collaborator', unitId: a1.id });
  const inB = await repos.members.create({ telegramUserId: 2n, displayName: 'b', role: 'collaborator', unitId: b.id });
  const inA1too = await repos.members.create({ telegramUserId: 3n, displayName: 'a1b', role: 'collaborator', unitId: a1.id });
  const now = Date.now();
  for (let i = 0; i < 160; i++) {
    const m = [inA1, inB, inA1too][i % 3]!;
    const at = new Date(now - (i % 70) * DAY - ((i * 7) % 24) * 3600_000 - 60_000);
    await repos.reports.create({ memberId: m.id, unitId: m.unitId, chosenTopic: TOPICS[i % 3]!, content: `report ${i}`, proposal: null, mood: MOODS[i % 4] ?? null, spread: null, source: null }, at);
  }
});
afterAll(async () => db?.destroy());

/** The overview's figures counted straight from the reports, in JS. */
async function expected(scope: Scope, p: Period) {
  const rows = await db.sql.query<{ createdAt: Date; unitId: number; memberId: number; mood: string | null; topic: string; status: string }>(
    `SELECT r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."unitId", r."memberId", COALESCE(r."finalMood", r.mood)::text AS mood, COALESCE(r."topicSlug", r."chosenTopic", 'other') AS topic, r.status::text AS status FROM "Report" r`,
  );
  const inScope = scope.kind === 'all' ? () => true : (u: number) => (scope.unitId === units.a ? [units.a, units.a1] : [scope.unitId]).includes(u) || scope.unitId === units.root;
  const live = rows.filter((r) => r.status !== 'withdrawn' && inScope(r.unitId));
  const cur = live.filter((r) => r.createdAt >= p.from && r.createdAt < p.to);
  const prev = live.filter((r) => r.createdAt >= p.prevFrom && r.createdAt < p.from);
  const day = (d: Date) => {
    const l = localDateOf(d, TZ);
    return `${l.y}-${String(l.m).padStart(2, '0')}-${String(l.d).padStart(2, '0')}`;
  };
  const count = (list: typeof rows, key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of list) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  return {
    totals: { reports: cur.length, prevReports: prev.length, members: new Set(cur.map((r) => r.memberId)).size, prevMembers: new Set(prev.map((r) => r.memberId)).size, units: new Set(cur.map((r) => r.unitId)).size, prevUnits: new Set(prev.map((r) => r.unitId)).size },
    daily: Object.fromEntries(count(cur, (r) => `${day(r.createdAt)} ${r.mood ?? 'unknown'}`)),
    dailyTopics: Object.fromEntries(count(cur, (r) => `${day(r.createdAt)} ${r.topic}`)),
    topics: Object.fromEntries([...count(cur, (r) => r.topic)].map(([k, n]) => [k, [n, prev.filter((r) => r.topic === k).length]])),
  };
}

const shape = (o: OverviewData) => ({
  totals: o.totals,
  daily: Object.fromEntries(o.daily.map((d) => [`${d.day} ${d.mood}`, d.n])),
  dailyTopics: Object.fromEntries(o.dailyTopics.map((d) => [`${d.day} ${d.topic}`, d.n])),
  topics: Object.fromEntries(o.topics.filter((t) => t.n > 0).map((t) => [t.topic, [t.n, t.prev]])),
});

const kept = async () => ((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OverviewDay"`))[0]!).n;

describe('the overview with kept days', () => {
  const reads = () => createOverviewReads(db.sql);
  const silentSince = new Date(Date.now() - 14 * DAY);
  const scopes: [string, () => Scope][] = [
    ['every unit', () => EVERYTHING],
    ['the root', () => subtreeOf(units.root!)],
    ['a committee', () => subtreeOf(units.a!)],
    ['a branch', () => subtreeOf(units.b!)],
  ];

  it.each(scopes)('%s: the same figures computed, kept and read again, by day', async (_name, scope) => {
    const p = periodOf(new Date(), 30, TZ);
    const want = await expected(scope(), p);
    const first = await reads().overview(scope(), p, silentSince);
    expect(shape(first)).toEqual(want);
    expect(await kept()).toBeGreaterThan(0);
    expect(shape(await reads().overview(scope(), p, silentSince))).toEqual(want);
  });

  it('by week (90 days): buckets of kept and live days add up', async () => {
    const p = periodOf(new Date(), 90, TZ);
    const o = await reads().overview(EVERYTHING, p, silentSince);
    const want = await expected(EVERYTHING, p);
    expect(o.totals).toEqual(want.totals);
    expect(o.daily.reduce((a, d) => a + d.n, 0)).toBe(want.totals.reports);
    expect(new Set(o.daily.map((d) => d.day)).size).toBeLessThanOrEqual(14);
  });

  it('a change to an old report, and its deletion, are seen at once', async () => {
    const p = periodOf(new Date(), 30, TZ);
    await reads().overview(EVERYTHING, p, silentSince);
    const before = await kept();
    const [old] = await db.sql.query<{ id: number }>(`SELECT id FROM "Report" WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - interval '10 days' AND "createdAt" > (now() AT TIME ZONE 'UTC') - interval '20 days' ORDER BY id LIMIT 1`);
    await db.sql.query(`UPDATE "Report" SET "finalMood" = 'supportive', "topicSlug" = 'health' WHERE id = $1`, [old!.id]);
    expect(await kept()).toBeLessThan(before);
    expect(shape(await reads().overview(EVERYTHING, p, silentSince))).toEqual(await expected(EVERYTHING, p));
    await db.sql.query(`UPDATE "Report" SET status = 'withdrawn' WHERE id = $1`, [old!.id]);
    expect(shape(await reads().overview(EVERYTHING, p, silentSince))).toEqual(await expected(EVERYTHING, p));
    await db.sql.query(`DELETE FROM "Report" WHERE id = $1`, [old!.id]);
    expect(shape(await reads().overview(EVERYTHING, p, silentSince))).toEqual(await expected(EVERYTHING, p));
  });

  it('a report of today does not touch the kept days', async () => {
    const p = periodOf(new Date(), 30, TZ);
    await reads().overview(EVERYTHING, p, silentSince);
    const before = await kept();
    const [m] = await db.sql.query<{ id: number; unitId: number }>(`SELECT id, "unitId" FROM "Member" ORDER BY id LIMIT 1`);
    const r = await repos.reports.create({ memberId: m!.id, unitId: m!.unitId, chosenTopic: 'economy', content: 'today', proposal: null, mood: 'angry', spread: null, source: null }, new Date());
    await db.sql.query(`UPDATE "Report" SET "finalMood" = 'worried' WHERE id = $1`, [r.report.id]);
    expect(await kept()).toBe(before);
    expect(shape(await reads().overview(EVERYTHING, p, silentSince))).toEqual(await expected(EVERYTHING, p));
  });

  it('a change of the tree drops every kept day', async () => {
    const p = periodOf(new Date(), 30, TZ);
    await reads().overview(subtreeOf(units.a!), p, silentSince);
    expect(await kept()).toBeGreaterThan(0);
    await repos.units.create({ name: 'A2', parentId: units.a! });
    expect(await kept()).toBe(0);
  });
});
