/**
 * Reminders: a collaborator silent for N days (setting `reminderDays`, inherited down the
 * tree) gets one friendly reminder per period of silence, through the DeliveryPort (lane
 * 'reminder'), never during the unit's quiet hours (it is held until they end). The
 * idempotency key `reminder-<memberId>-<lastActivity>-<period>` makes a rerun a no-op.
 */
import type { Translate } from '../../domain/translate.js';
import type { Repositories } from '../../db/repositories/index.js';
import type { SqlExecutor } from '../../db/sql.js';
import type { DeliveryPort } from '../../delivery/port.js';
import type { Clock } from '../../domain/clock.js';
import { nextAllowedInstant, reminderKey } from '../../domain/digest/reminders.js';
import type { Settings } from '../../domain/settings.js';
import type { Language } from '../../domain/vocabulary.js';
import type { Logger } from '../../logger.js';

export interface ReminderDeps {
  sql: Pick<SqlExecutor, 'query'>;
  repos: Pick<Repositories, 'settings'>;
  clock: Clock;
  delivery: DeliveryPort;
  t: Translate;
  logger?: Logger;
}

export interface ReminderSummary {
  candidates: number;
  enqueued: number;
  duplicates: number;
}

interface Candidate {
  id: number;
  name: string;
  chat_id: string | null;
  telegram_user_id: string;
  language: string | null;
  unit_id: number;
  timezone: string;
  last_ms: number;
}

const DAY = 86_400_000;

/** Active, reachable collaborators with nothing reported in the last day (the rules decide the rest). */
async function candidates(sql: ReminderDeps['sql'], now: Date, unitId: number | null): Promise<Candidate[]> {
  return sql.query<Candidate>(
    `SELECT m.id, m."displayName" AS name, m."chatId"::text AS chat_id, m."telegramUserId"::text AS telegram_user_id,
            m.language, m."unitId" AS unit_id, u.timezone,
            (extract(epoch FROM GREATEST(m."joinedAt", (SELECT max(r."createdAt") FROM "Report" r
                WHERE r."memberId" = m.id AND r.status <> 'withdrawn'))) * 1000)::float8 AS last_ms
       FROM "Member" m JOIN "Unit" u ON u.id = m."unitId"
      WHERE m.active AND m.reachable AND m.role = 'collaborator' AND u.active
        AND ($2::int IS NULL OR m."unitId" IN (SELECT "descendantId" FROM "UnitClosure" WHERE "ancestorId" = $2::int))
        AND m."joinedAt" < ($1::timestamptz AT TIME ZONE 'UTC')
        AND NOT EXISTS (SELECT 1 FROM "Report" r WHERE r."memberId" = m.id AND r.status <> 'withdrawn'
                          AND r."createdAt" >= ($1::timestamptz AT TIME ZONE 'UTC'))
      ORDER BY m.id`,
    [new Date(now.getTime() - DAY).toISOString(), unitId],
  );
}

/** Enqueues the reminders due now (optionally only within one unit's subtree). */
export async function sendReminders(deps: ReminderDeps, opts: { unitId?: number } = {}): Promise<ReminderSummary> {
  const now = deps.clock();
  const settingsOf = new Map<number, Promise<Settings>>();
  const summary: ReminderSummary = { candidates: 0, enqueued: 0, duplicates: 0 };
  for (const c of await candidates(deps.sql, now, opts.unitId ?? null)) {
    if (!settingsOf.has(c.unit_id)) settingsOf.set(c.unit_id, deps.repos.settings.effective(c.unit_id));
    const settings = await settingsOf.get(c.unit_id)!;
    const key = reminderKey(c.id, new Date(c.last_ms), now, settings.reminderDays, c.timezone);
    if (!key) continue;
    summary.candidates += 1;
    const lang: Language = c.language === 'en' ? 'en' : 'vi';
    const days = Math.floor((now.getTime() - c.last_ms) / DAY);
    const notBefore = nextAllowedInstant(now, c.timezone, settings.quietStart, settings.quietEnd);
    const r = await deps.delivery.enqueue({
      idempotencyKey: key,
      memberId: c.id,
      chatId: BigInt(c.chat_id ?? c.telegram_user_id),
      kind: 'reminder',
      lane: 'reminder',
      method: 'sendMessage',
      payload: { text: deps.t(lang, 'digest-reminder', { name: c.name, days }) },
      ...(notBefore.getTime() > now.getTime() ? { notBefore } : {}),
    });
    if (r.duplicate) summary.duplicates += 1;
    else summary.enqueued += 1;
  }
  deps.logger?.info({ ...summary }, 'reminders checked');
  return summary;
}
