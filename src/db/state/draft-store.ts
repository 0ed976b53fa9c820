/**
 * The index of report drafts in progress in PostgreSQL (STATE_BACKEND=postgres): one `bot_draft`
 * row per chat, keyed by the store's scope (its prefix), with the time of the last activity
 * indexed so that the reaper finds idle drafts without reading the others.
 */
import type { DraftRecord, DraftStore } from '../../bot/draft-store.js';
import type { SqlExecutor } from '../sql.js';

/** The draft index over the database, under `scope` (the prefix the Redis store uses as its key). */
export function createPostgresDraftStore(sql: Pick<SqlExecutor, 'query'>, scope = 'pulse:drafts'): DraftStore {
  return {
    async touch(chatId, rec) {
      await sql.query(
        `INSERT INTO bot_draft (scope, chat_id, record, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, chat_id) DO UPDATE SET record = EXCLUDED.record, at = EXCLUDED.at`,
        [scope, chatId, JSON.stringify(rec), rec.at],
      );
    },
    async get(chatId) {
      const rows = await sql.query<{ record: string }>(`SELECT record FROM bot_draft WHERE scope = $1 AND chat_id = $2`, [scope, chatId]);
      return rows[0] ? (JSON.parse(rows[0].record) as DraftRecord) : null;
    },
    async clear(chatId) {
      await sql.query(`DELETE FROM bot_draft WHERE scope = $1 AND chat_id = $2`, [scope, chatId]);
    },
    async idleBefore(beforeMs) {
      const rows = await sql.query<{ chat_id: string | number | bigint; record: string }>(
        `SELECT chat_id, record FROM bot_draft WHERE scope = $1 AND at <= $2 ORDER BY at`,
        [scope, beforeMs],
      );
      return rows.map((r) => ({ chatId: Number(r.chat_id), rec: JSON.parse(r.record) as DraftRecord }));
    },
  };
}
