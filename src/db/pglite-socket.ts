/**
 * Serves the embedded database (PGlite) to PostgreSQL clients of this same process over a
 * loopback socket (@electric-sql/pglite-socket), so that BullMQ's PostgreSQL backend, which
 * speaks to a `pg` pool, can keep its queues in it. PGlite is one session: the socket server
 * runs one statement at a time and keeps a client's transaction to itself, but session state
 * does not carry (`search_path`, LISTEN: STACK-NOTES), so BullMQ uses schema `public` and polls.
 *
 * The process also queries PGlite directly (Prisma, raw SQL). A direct transaction holds
 * PGlite's transaction lock; the socket server takes only the query lock, so its statements
 * could land inside a direct transaction. They are made to wait for that lock too (the same
 * pair of locks PGlite's own `query()` takes), so each side's transactions stay their own.
 */
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The served database: a connection URL for `pg`, and `stop()`. */
export interface ServedPglite {
  url: string;
  stop(): Promise<void>;
}

type WithTransactionLock = PGlite & { _runExclusiveTransaction?<T>(fn: () => Promise<T>): Promise<T> };

/** The PGlite instance as the socket server sees it: `runExclusive` also waits for direct transactions. */
function transactionAware(db: PGlite): PGlite {
  const locked = db as WithTransactionLock;
  if (typeof locked._runExclusiveTransaction !== 'function') return db;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'runExclusive') return <T>(fn: () => Promise<T>) => locked._runExclusiveTransaction!(() => target.runExclusive(fn));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Starts the socket server on a free loopback port. */
export async function servePglite(db: PGlite, maxConnections = 64): Promise<ServedPglite> {
  const server = new PGLiteSocketServer({ db: transactionAware(db), host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres`,
    stop: () => server.stop(),
  };
}
