import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue, Worker } from 'bullmq';
import { syncDigestSchedulers, digestSchedulerId, type DigestJob } from '../../../src/queue/digest-scheduler.js';
import { UnrecoverableError, type Job } from 'bullmq';
import { createDigestProcessor, createDigestWorker } from '../../../src/queue/digest-worker.js';
import { digestDepsFrom } from '../../../src/compose/digests.js';
import { QUEUES } from '../../../src/queue/names.js';
import { nextFireInstant } from '../../../src/domain/digest/schedule.js';
import { silentLogger } from '../../../src/logger.js';
import { eventually, openHarness, type Harness } from '../delivery/harness.js';
import { seedOrganisation, type Seeded } from './seed.js';

describe('digest schedulers and the digests worker (PostgreSQL + Redis, real delivery path, fake Bot API)', () => {
  let h: Harness;
  let s: Seeded;
  let queue: Queue<DigestJob>;
  let berlinUnit: number;
  const workers: Worker[] = [];
  beforeAll(async () => {
    h = await openHarness();
    s = await seedOrganisation(h.db.sql, h.repos);
    const berlin = await h.repos.units.create({ name: 'Berlin office', parentId: s.units.root, timezone: 'Europe/Berlin', digestTime: '06:15' });
    await h.db.sql.query(`UPDATE "Unit" SET "createdAt" = '2026-01-01 00:00:00' WHERE id = $1`, [berlin.id]);
    berlinUnit = berlin.id;
    await h.repos.members.create({ telegramUserId: 777_001n, displayName: 'Berlin leader', role: 'leader', unitId: berlin.id, language: 'en' });
    queue = h.queues.queue<DigestJob>(QUEUES.digests);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await h?.close();
  });

  it('upserts one scheduler per unit with leaders and period, in the unit’s zone, firing when the domain says', async () => {
    const first = await syncDigestSchedulers(queue, h.db.sql);
    expect(first).toEqual({ upserted: 15, removed: 0 }); // 5 units with leaders × day/week/month
    expect(await syncDigestSchedulers(queue, h.db.sql)).toEqual(first);
    const all = await queue.getJobSchedulers(0, -1);
    const byId = new Map(all.map((j) => [j.key, j]));
    const hcm = byId.get(digestSchedulerId(s.units.a, 'day'))!;
    expect([hcm.pattern, hcm.tz]).toEqual(['30 7 * * *', 'Asia/Ho_Chi_Minh']);
    expect(hcm.next).toBe(nextFireInstant('day', new Date(), '07:30', 'Asia/Ho_Chi_Minh').getTime());
    const ber = byId.get(digestSchedulerId(berlinUnit, 'week'))!;
    expect([ber.pattern, ber.tz]).toEqual(['15 6 * * 1', 'Europe/Berlin']);
    expect(ber.next).toBe(nextFireInstant('week', new Date(), '06:15', 'Europe/Berlin').getTime());
    expect(byId.get(digestSchedulerId(s.units.root, 'month'))!.pattern).toBe('30 7 1 * *');
    expect(byId.has(digestSchedulerId(s.units.c, 'day'))).toBe(false); // no leader in C
    await h.db.sql.query(`UPDATE "Member" SET active = false WHERE id = $1`, [s.members.lb]);
    expect(await syncDigestSchedulers(queue, h.db.sql)).toEqual({ upserted: 12, removed: 3 });
    await h.db.sql.query(`UPDATE "Member" SET active = true WHERE id = $1`, [s.members.lb]);
  });

  it('a job whose payload fails the schema is unrecoverable (not retried)', async () => {
    const processor = createDigestProcessor({ ...digestDepsFrom({ sql: h.db.sql, repos: h.repos, clock: () => new Date(), t: h.t, logger: silentLogger() }, h.port), logger: silentLogger(), queue, sql: h.db.sql });
    const bad = { id: 'bad-1', data: { kind: 'digest', unitId: 'x', period: 'fortnight' } } as unknown as Job<DigestJob>;
    await expect(processor(bad, 'token')).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('a digest job goes through the real delivery path to Telegram once, even when the job runs twice', async () => {
    const now = new Date('2026-11-26T05:00:00Z');
    workers.push(
      createDigestWorker(h.queues, { ...digestDepsFrom({ sql: h.db.sql, repos: h.repos, clock: () => now, t: h.t, logger: silentLogger() }, h.port), logger: silentLogger(), queue, sql: h.db.sql }),
    );
    h.startDeliveryWorker();
    const leader = (await h.repos.members.get(s.members.la))!;
    const chat = leader.chatId!;
    await queue.add('digest', { kind: 'digest', unitId: s.units.a, period: 'day' }, { jobId: 'run-1' });
    await eventually(() => h.fake.callsOf('sendPhoto', chat).length === 1 && h.fake.callsOf('sendMessage', chat).length === 1);
    expect(h.fake.textsTo(chat)[0]).toContain('Daily digest — Đảng ủy Sở Y tế');
    await queue.add('digest', { kind: 'digest', unitId: s.units.a, period: 'day' }, { jobId: 'run-2' });
    await eventually(async () => (await queue.getJobState('run-2')) === 'completed');
    expect((await queue.getJob('run-2'))!.returnvalue).toEqual(['already_sent']);
    const rows = await h.repos.deliveries.list({ kind: 'digest', memberId: leader.id });
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual([
      `digest-${leader.id}-day-2026-11-25-chart`,
      `digest-${leader.id}-day-2026-11-25-m1`,
    ]);
    expect([h.fake.callsOf('sendMessage', chat).length, h.fake.callsOf('sendPhoto', chat).length]).toEqual([1, 1]);
  });
});
