/**
 * A survey's life on the real database and queues: planning in bulk and in paced cohorts on the
 * broadcast lane, a blocked bot counted as not reached, alerts overtaking survey messages, one
 * reminder to reached non-responders only (held outside quiet hours), closing, and results
 * kept to the viewer's subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, startSurvey } from '../../../src/app/surveys/answer.js';
import { createSurvey } from '../../../src/app/surveys/create.js';
import { openSurvey, tickSurveys, type LifecycleDeps } from '../../../src/app/surveys/lifecycle.js';
import { surveyResults } from '../../../src/app/surveys/results.js';
import { surveyDigestSection } from '../../../src/app/surveys/digest-section.js';
import { surveyObserver } from '../../../src/compose/surveys.js';
import { EVERYTHING, subtreeOf } from '../../../src/domain/scope.js';
import type { Member, Unit } from '../../../src/domain/types.js';
import { buildSurveyInput, testLifecycleDeps } from '../../support/surveys.js';
import { eventually, openHarness, seedMember, type Harness } from '../delivery/harness.js';

const ONE_QUESTION = [{ kind: 'single', text: 'Có hài lòng không?', options: ['Có', 'Không'] }];

describe('survey lifecycle', () => {
  let h: Harness;
  let life: LifecycleDeps;
  const now = { value: new Date() };
  let root: Unit, a: Unit, a1: Unit, b: Unit;
  let leaderA: Member, leaderA1: Member, leaderB: Member;
  const inA: Member[] = [];
  const inA1: Member[] = [];
  let blocked: Member;

  beforeAll(async () => {
    h = await openHarness();
    life = testLifecycleDeps(h.db, h.repos, h.deliveryQueue, () => now.value);
    root = await h.repos.units.create({ name: 'Khối' });
    a = await h.repos.units.create({ name: 'Sở A', parentId: root.id });
    a1 = await h.repos.units.create({ name: 'Phòng A1', parentId: a.id });
    b = await h.repos.units.create({ name: 'Sở B', parentId: root.id });
    leaderA = await seedMember(h.repos, a.id, 'leader');
    leaderA1 = await seedMember(h.repos, a1.id, 'leader');
    leaderB = await seedMember(h.repos, b.id, 'leader');
    for (let i = 0; i < 3; i++) inA.push(await seedMember(h.repos, a.id, 'collaborator'));
    for (let i = 0; i < 3; i++) inA1.push(await seedMember(h.repos, a1.id, 'collaborator'));
    for (let i = 0; i < 2; i++) await seedMember(h.repos, b.id, 'collaborator');
    blocked = inA1[2]!;
    await h.repos.members.setReachable(blocked.id, false);
  });
  afterAll(async () => h?.close());

  const creator = (m: Member) => ({ id: m.id, role: m.role, unitId: m.unitId });
  const create = async (m: Member, over: Record<string, unknown>) => {
    const r = await createSurvey(life, creator(m), buildSurveyInput(now.value, over));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  it('lets leaders ask only their own subtree', async () => {
    const outside = await createSurvey(life, creator(leaderA), buildSurveyInput(now.value, { audience: { unitIds: [b.id] } }));
    expect(outside).toEqual({ ok: false, error: [{ path: 'audience.unitIds', code: 'outside-subtree', limit: b.id }] });
    const collaborator = await createSurvey(life, creator(inA[0]!), buildSurveyInput(now.value));
    expect(collaborator).toMatchObject({ ok: false, error: [{ code: 'not-allowed' }] });
    const inside = await createSurvey(life, creator(leaderA), buildSurveyInput(now.value, { audience: { unitIds: [a1.id] } }));
    expect(inside.ok).toBe(true);
  });

  it('plans recipients and delivery rows once, on the broadcast lane', async () => {
    const id = await create(leaderA, { audience: { roles: ['collaborator'] } });
    const plan = await openSurvey(life, id);
    expect(plan).toMatchObject({ recipients: 6, unreachable: 1, cohorts: 1 });
    expect(plan!.deliveries).toHaveLength(5);
    for (const d of plan!.deliveries) {
      const row = await h.repos.deliveries.get(d.deliveryId);
      expect(row).toMatchObject({ kind: 'survey', lane: 4, method: 'sendMessage', status: 'pending' });
      expect(row!.payload.text).toContain('Survey: Public services');
      expect(row!.memberId).not.toBe(blocked.id);
      expect((await h.deliveryQueue.getJob(`delivery-${d.deliveryId}`))!.opts).toMatchObject({ priority: 40, delay: 0 });
    }
    const again = await openSurvey(life, id);
    expect(again).toMatchObject({ recipients: 0, deliveries: [] });
    await h.deliveryQueue.obliterate({ force: true });
  });

  it('paces cohorts: each released delayed to its time, later ones only as their time comes near', async () => {
    const c = await h.repos.units.create({ name: 'Sở C', parentId: root.id });
    const leaderC = await seedMember(h.repos, c.id, 'leader');
    for (let i = 0; i < 12; i++) await seedMember(h.repos, c.id, 'collaborator');
    await h.repos.settings.set(c.id, 'surveyPerSecond', 0.2); // one invitation per 5 s cohort
    const id = await create(leaderC, { audience: { roles: ['collaborator'] } });
    const plan = await openSurvey(life, id);
    expect(plan).toMatchObject({ recipients: 12, cohorts: 12 });
    const delayOf = async (cohort: number) => {
      const d = plan!.deliveries.find((x) => x.cohort === cohort)!;
      return (await h.deliveryQueue.getJob(`delivery-${d.deliveryId}`))?.opts.delay;
    };
    // Released at the open: the cohorts due within 45 s, each delayed to its 5 s slot.
    for (let k = 0; k < 10; k++) expect(await delayOf(k)).toBe(k * 5000);
    expect(await delayOf(10)).toBeUndefined();
    expect(await delayOf(11)).toBeUndefined();
    const opened = now.value;
    now.value = new Date(opened.getTime() + 30_000);
    try {
      expect(await tickSurveys(life)).toMatchObject({ released: 2 });
      expect(await delayOf(10)).toBe(20_000);
      expect(await delayOf(11)).toBe(25_000);
      expect(await tickSurveys(life)).toMatchObject({ released: 0 });
    } finally {
      now.value = opened;
      await h.deliveryQueue.obliterate({ force: true });
    }
  });

  it('uses paid broadcasts only for surveys marked for it, and only when the setting allows', async () => {
    const marked = await create(leaderA, { audience: { roles: ['collaborator'] }, paidBroadcast: true });
    const first = await openSurvey(life, marked);
    const free = await h.repos.deliveries.get(first!.deliveries[0]!.deliveryId);
    expect(free!.payload.allow_paid_broadcast).toBeUndefined();
    await h.repos.settings.set(null, 'surveyPaidBroadcast', 1);
    try {
      const paid = await create(leaderA, { audience: { roles: ['collaborator'] }, paidBroadcast: true });
      const unmarked = await create(leaderA, { audience: { roles: ['collaborator'] } });
      const p = await openSurvey(life, paid);
      const u = await openSurvey(life, unmarked);
      expect((await h.repos.deliveries.get(p!.deliveries[0]!.deliveryId))!.payload.allow_paid_broadcast).toBe(true);
      expect((await h.repos.deliveries.get(u!.deliveries[0]!.deliveryId))!.payload.allow_paid_broadcast).toBeUndefined();
      h.startDeliveryWorker();
      await h.fake.waitFor((c) => c.method === 'sendMessage' && c.payload.allow_paid_broadcast === true);
    } finally {
      await h.repos.settings.unset(null, 'surveyPaidBroadcast');
      await Promise.all(h.workers.splice(0).map((w) => w.close()));
      await h.deliveryQueue.obliterate({ force: true });
    }
  });

  it('counts a blocked bot (403) as not reached, and alerts overtake survey messages', async () => {
    const many: Member[] = [];
    for (let i = 0; i < 30; i++) many.push(await seedMember(h.repos, b.id, 'collaborator', 'many'));
    h.fake.reset();
    h.fake.blockChat(many[0]!.chatId!);
    const id = await create(leaderB, { audience: { roles: ['collaborator'] } });
    h.startDeliveryWorker({ observers: [surveyObserver({ db: h.db, clock: () => new Date() })] });
    await openSurvey(life, id);
    await h.fake.waitFor((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Survey'));
    const alert = await h.port.enqueue({ idempotencyKey: 'survey-test-alert', memberId: leaderB.id, chatId: leaderB.chatId!, kind: 'alert', lane: 'alert', method: 'sendMessage', payload: { text: 'ALERT' } });
    await eventually(async () => (await h.repos.deliveries.get(alert.deliveryId))!.status === 'sent', 15_000);
    const surveyCalls = () => h.fake.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Survey'));
    const sentBeforeAlert = surveyCalls().length;
    const waiting = `SELECT 1 FROM "Delivery" WHERE "idempotencyKey" LIKE $1 AND status IN ('pending', 'sending')`;
    await eventually(async () => (await h.db.sql.query(waiting, [`survey-${id}-%`])).length === 0, 20_000);
    // 32 invitations were queued before the alert; it went out while most still waited.
    expect(surveyCalls().length).toBe(32);
    expect(32 - sentBeforeAlert).toBeGreaterThanOrEqual(10);
    const [rec] = await h.db.sql.query<{ reached: boolean; sentAt: Date | null }>(`SELECT reached, "sentAt" FROM "SurveyRecipient" WHERE "surveyId" = $1 AND "memberId" = $2`, [id, many[0]!.id]);
    expect(rec).toMatchObject({ reached: false, sentAt: null });
    const results = await surveyResults({ surveys: life.surveys, units: h.repos.units, settings: h.repos.settings }, id, EVERYTHING);
    expect(results!.rate).toMatchObject({ recipients: 32, reached: 31, answered: 0 });
    const sent = await h.db.sql.query(`SELECT 1 FROM "SurveyRecipient" WHERE "surveyId" = $1 AND "sentAt" IS NOT NULL`, [id]);
    expect(sent).toHaveLength(31);
  });

  it('reminds once, only reached non-responders, outside quiet hours; closes at the close time', async () => {
    // 2026-12-01 23:00 in Ho Chi Minh City is inside the default quiet hours (22:00–06:30).
    now.value = new Date('2026-12-01T09:00:00Z');
    const id = await create(leaderA, {
      questions: ONE_QUESTION,
      audience: { roles: ['collaborator'] },
      opensAt: '2026-12-01 17:00',
      remindAt: '2026-12-01 23:00',
      closesAt: '2026-12-03 17:00',
    });
    expect(await tickSurveys(life)).toMatchObject({ opened: 0 });
    now.value = new Date('2026-12-01T10:00:00Z');
    expect(await tickSurveys(life)).toMatchObject({ opened: 1, reminded: 0 });
    for (const m of [inA[0]!, inA1[0]!]) {
      await startSurvey(life, m, id);
      expect(await answerQuestion(life, m, id, 1, 0)).toMatchObject({ type: 'done' });
    }
    now.value = new Date('2026-12-01T16:00:00Z');
    expect(await tickSurveys(life)).toMatchObject({ reminded: 3 });
    expect(await tickSurveys(life)).toMatchObject({ reminded: 0 });
    const rows = await h.db.sql.query<{ memberId: number; id: number }>(`SELECT "memberId", id FROM "Delivery" WHERE "idempotencyKey" LIKE $1 ORDER BY "memberId"`, [`survey-${id}-reminder-%`]);
    expect(rows.map((r) => r.memberId)).toEqual([inA[1]!.id, inA[2]!.id, inA1[1]!.id]);
    for (const r of rows) {
      const job = await h.deliveryQueue.getJob(`delivery-${r.id}`);
      // Held until 06:30 local (23:30 UTC), 7.5 h after the reminder time.
      expect(job!.opts.delay).toBe(7.5 * 3600_000);
      expect(job!.opts.priority).toBe(30);
    }
    now.value = new Date('2026-12-03T10:00:00Z');
    expect(await tickSurveys(life)).toMatchObject({ closed: 1 });
    expect((await life.surveys.get(id))!.status).toBe('closed');
    await h.deliveryQueue.obliterate({ force: true });
    now.value = new Date();
  });

  it('shows each leader only their subtree, and groups below the minimum size are not broken down', async () => {
    const id = await create(leaderA, { questions: ONE_QUESTION, audience: { roles: ['collaborator'] } });
    await openSurvey(life, id);
    for (const m of [inA[0]!, inA[1]!, inA1[0]!]) {
      await startSurvey(life, m, id);
      await answerQuestion(life, m, id, 1, m === inA[1] ? 1 : 0);
    }
    const deps = { surveys: life.surveys, units: h.repos.units, settings: h.repos.settings };
    expect(await surveyResults(deps, id, subtreeOf(b.id))).toBeNull();
    const small = await surveyResults(deps, id, subtreeOf(a.id));
    expect(small).toMatchObject({ responses: 3, questions: null, rate: { recipients: 6, answered: 3 } });
    await h.repos.settings.set(a.id, 'surveyMinGroupSize', 2);
    try {
      const forA = await surveyResults(deps, id, subtreeOf(a.id));
      expect(forA!.questions![0]).toMatchObject({ answered: 3, counts: [2, 1] });
      const byUnit = Object.fromEntries(forA!.units.map((u) => [u.name, [u.responses, u.questions?.[0]?.counts ?? 'hidden']]));
      expect(byUnit).toEqual({ 'Sở A': [2, [1, 1]], 'Phòng A1': [1, 'hidden'] });
      const forA1 = await surveyResults(deps, id, subtreeOf(a1.id));
      expect(forA1).toMatchObject({ responses: 1, questions: null, rate: { recipients: 3, answered: 1, reached: 2 } });
      const leaderViewOfA1 = await surveyResults(deps, id, subtreeOf(leaderA1.unitId));
      expect(leaderViewOfA1!.units.map((u) => u.name)).toEqual(['Phòng A1']);
      // The leader's digest carries the survey while it is open.
      const section = surveyDigestSection({ ...deps, t: life.t });
      const text = await section(leaderA, { from: new Date(Date.now() - 86_400_000), to: new Date() }, 'en');
      expect(text).toContain('<b>Public services</b> (open): 3/6 answered (50%), 1 not reached');
      expect(text).toContain('1. Có hài lòng không?: <b>Có (67%)</b>');
      expect(await section(leaderB, { from: new Date(Date.now() - 86_400_000), to: new Date() }, 'en')).not.toContain('3/6');
      // A leader below the creator gets their own subtree's figures.
      const below = await section(leaderA1, { from: new Date(Date.now() - 86_400_000), to: new Date() }, 'en');
      expect(below).toContain('<b>Public services</b> (open): 1/3 answered (33%), 1 not reached');
      expect(below).toContain('Fewer than 2 responses in scope');
    } finally {
      await h.repos.settings.unset(a.id, 'surveyMinGroupSize');
    }
  });
});
