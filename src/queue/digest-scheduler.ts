/**
 * BullMQ job schedulers for digests and reminders. One scheduler per (unit with leaders,
 * period): daily at the unit's digest time in its zone, weekly on Monday, monthly on the 1st
 * (`upsertJobScheduler(id, { pattern, tz }, template)` — upserting the same id twice is a
 * no-op, so every process may sync at start-up). Reminders run hourly; a sync job every hour
 * picks up new units, leaders and changed digest times.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { SqlExecutor } from '../db/sql.js';
import { SCHEDULED_PERIODS, type ScheduledPeriod } from '../domain/digest/periods.js';
import { cronPattern } from '../domain/digest/schedule.js';
import { jobIds, parseDigestSchedulerId } from './names.js';

/** The jobs of the `digests` queue. */
export type DigestJob =
  | { kind: 'digest'; unitId: number; period: ScheduledPeriod }
  | { kind: 'catch-up' }
  | { kind: 'reminders' }
  | { kind: 'sync' };

/** Scheduler id of a unit's digest for a period (no ':' — BullMQ rejects it in ids). */
export const digestSchedulerId: (unitId: number, period: ScheduledPeriod) => string = jobIds.digestScheduler;
export const REMINDERS_SCHEDULER_ID = 'reminders-hourly';
export const SYNC_SCHEDULER_ID = 'digest-sync-hourly';

interface ScheduledUnit {
  id: number;
  timezone: string;
  digest_time: string;
}

/** Active units with at least one active leader, with their zone and digest time. */
async function scheduledUnits(sql: Pick<SqlExecutor, 'query'>): Promise<ScheduledUnit[]> {
  return sql.query<ScheduledUnit>(
    `SELECT u.id, u.timezone, u."digestTime" AS digest_time FROM "Unit" u
      WHERE u.active AND EXISTS (SELECT 1 FROM "Member" m WHERE m."unitId" = u.id AND m.active AND m.role = 'leader')
      ORDER BY u.id`,
  );
}

/** Upserts every wanted scheduler and removes digest schedulers of units that no longer need one. */
export async function syncDigestSchedulers(queue: Queue<DigestJob>, sql: Pick<SqlExecutor, 'query'>): Promise<{ upserted: number; removed: number }> {
  const wanted = new Set<string>();
  for (const unit of await scheduledUnits(sql)) {
    for (const period of SCHEDULED_PERIODS) {
      const id = digestSchedulerId(unit.id, period);
      wanted.add(id);
      await queue.upsertJobScheduler(
        id,
        { pattern: cronPattern(period, unit.digest_time), tz: unit.timezone },
        { name: 'digest', data: { kind: 'digest', unitId: unit.id, period }, opts: { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 1000, removeOnFail: 5000 } },
      );
    }
  }
  await queue.upsertJobScheduler(REMINDERS_SCHEDULER_ID, { pattern: '0 * * * *' }, { name: 'reminders', data: { kind: 'reminders' }, opts: { removeOnComplete: 100, removeOnFail: 1000 } });
  await queue.upsertJobScheduler(SYNC_SCHEDULER_ID, { pattern: '5 * * * *' }, { name: 'sync', data: { kind: 'sync' }, opts: { removeOnComplete: 100, removeOnFail: 1000 } });
  let removed = 0;
  for (const s of await queue.getJobSchedulers(0, -1)) {
    const id = s.key;
    if (parseDigestSchedulerId(id) && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed += 1;
    }
  }
  return { upserted: wanted.size, removed };
}

/** Queues the start-up catch-up once per boot; returns its job id. */
export async function enqueueCatchUp(queue: Queue<DigestJob>, at: Date): Promise<string> {
  const jobId = jobIds.digestCatchUp(at.getTime(), randomUUID().slice(0, 8));
  await queue.add('catch-up', { kind: 'catch-up' }, { jobId, removeOnComplete: 100, removeOnFail: 1000 });
  return jobId;
}
