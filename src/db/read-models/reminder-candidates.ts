/** The collaborators a reminder may be for (app/reminders/send-reminders.ts ReminderReads). */
import type { ReminderCandidate, ReminderReads } from '../../app/reminders/send-reminders.js';
import type { SqlExecutor } from '../sql.js';

const DAY = 86_400_000;

export function createReminderReads(sql: Pick<SqlExecutor, 'query'>): ReminderReads {
  return {
    reminderCandidates(now: Date, unitId: number | null): Promise<ReminderCandidate[]> {
      return sql.query<ReminderCandidate>(
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
    },
  };
}
