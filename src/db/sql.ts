/**
 * A minimal SQL executor over either PostgreSQL (pg.Pool) or embedded PGlite. Used for
 * migrations and for the few hot paths where raw SQL beats the ORM (closure-table inserts,
 * digest aggregations). Parameters use $1, $2… on both backends.
 */
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlExecutor {
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: Omit<SqlExecutor, 'transaction'>) => Promise<T>): Promise<T>;
}

/** Wraps a pg Pool. */
export function pgExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inner = {
          exec: async (sql: string) => void (await client.query(sql)),
          query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        };
        const out = await fn(inner);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
}

/** Wraps an embedded PGlite instance. */
export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await db.query(sql, params);
      return r.rows as T[];
    },
    async transaction(fn) {
      return db.transaction(async (tx) =>
        fn({
          exec: async (sql: string) => void (await tx.exec(sql)),
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query(sql, params)).rows as T[],
        }),
      );
    },
  };
}
