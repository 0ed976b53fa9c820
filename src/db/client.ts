/**
 * Database factory: PostgreSQL when a DATABASE_URL is given, embedded PGlite otherwise.
 * The same generated Prisma client runs on both through driver adapters. Returns the Prisma
 * client, a raw SQL executor for migrations and aggregations, and one `close()` that releases
 * everything (PGlite keeps the process alive until it is closed). PGlite's modules are loaded
 * only when the embedded database is opened.
 */
import { mkdirSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';
import type { ServedPglite } from './pglite-socket.js';
import { pgExecutor, pgliteExecutor, type SqlExecutor } from './sql.js';

export type Prisma = PrismaClient;

export interface Database {
  kind: 'postgres' | 'pglite';
  /** The schema the tables live in (`?schema=` of the URL; `public` otherwise). */
  schema: string;
  prisma: PrismaClient;
  sql: SqlExecutor;
  /**
   * Subscribes to a PostgreSQL NOTIFY channel on a connection of its own, reconnecting after a
   * loss. `onState(true)` is called each time the subscription is (re)established, `onState(false)`
   * when it is lost: notifications sent in between are missed, so a cache must not trust itself
   * while it is down.
   */
  listen(channel: string, onNotify: (payload: string) => void, onState?: (listening: boolean) => void): Promise<Subscription>;
  /**
   * A URL other PostgreSQL clients of this process can connect to (BullMQ's PostgreSQL backend):
   * the server's URL (without `?schema=`), or, for PGlite, a loopback socket served on first call
   * (db/pglite-socket.ts) and stopped by `close()`.
   */
  connectionUrl(): Promise<string>;
  close(): Promise<void>;
}

/** A NOTIFY subscription; `close()` ends it (and stops reconnecting). */
export interface Subscription {
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql:// URL; `?schema=name` selects a schema (search_path), as with the Prisma CLI. */
  url?: string | undefined;
  /** Folder for PGlite; `memory://` for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
}

/** Contrib extensions the migrations create (the dashboard's search); PGlite loads them at start. */
export async function pgliteExtensions() {
  const [{ unaccent }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite/contrib/unaccent'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  return { unaccent, pg_trgm };
}

/** Opens the database chosen by the options. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 10) : openPglite(opts.pgliteDir ?? 'memory://');
}

function openPostgres(url: string, max: number): Database {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const poolConfig: pg.PoolConfig = {
    connectionString: parsed.toString(),
    max,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  };
  const pool = new pg.Pool(poolConfig);
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  // A client checked out (a transaction between two statements, Prisma's adapter) when the
  // server goes away emits 'error' with no pool listener on it: unheard, that kills the process
  // (it did, in the chaos suite's PostgreSQL outage). The failure reaches the caller through its
  // next query; the broken client is dropped by the pool on release.
  pool.on('connect', (client) => void client.on('error', () => undefined));
  const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'postgres',
    schema: schema ?? 'public',
    prisma,
    sql: pgExecutor(pool),
    listen: (channel, onNotify, onState) => pgListen(poolConfig, channel, onNotify, onState),
    connectionUrl: async () => parsed.toString(),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const [{ PGlite }, { PrismaPGlite }, { servePglite }, extensions] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
    import('./pglite-socket.js'),
    pgliteExtensions(),
  ]);
  const db = new PGlite(dir, { extensions });
  await db.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  let served: Promise<ServedPglite> | null = null;
  return {
    kind: 'pglite',
    schema: 'public',
    prisma,
    sql: pgliteExecutor(db),
    async listen(channel, onNotify, onState) {
      const unlisten = await db.listen(channel, onNotify);
      onState?.(true);
      return {
        async close() {
          if (!db.closed) await unlisten();
          onState?.(false);
        },
      };
    },
    async connectionUrl() {
      served ??= servePglite(db);
      return (await served).url;
    },
    async close() {
      if (served) await (await served).stop();
      await prisma.$disconnect();
      await db.close();
    },
  };
}

/** Channel names are identifiers: only letters, digits and underscores, at most 63 characters. */
function channelName(channel: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  return channel;
}

/** LISTEN on a dedicated client; reconnects with backoff (0.5 s doubling to 30 s) until closed. */
async function pgListen(config: pg.PoolConfig, channel: string, onNotify: (payload: string) => void, onState?: (listening: boolean) => void): Promise<Subscription> {
  const name = channelName(channel);
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: config.connectionString, ...(config.options ? { options: config.options } : {}) });
    c.on('notification', (n) => {
      if (n.channel === name) onNotify(n.payload ?? '');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    await c.connect();
    await c.query(`LISTEN "${name}"`);
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    retryMs = 500;
    onState?.(true);
  };
  const lost = (c: pg.Client): void => {
    if (client !== c) return;
    client = null;
    onState?.(false);
    void c.end().catch(() => undefined);
    schedule();
  };
  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch(() => {
        retryMs = Math.min(retryMs * 2, 30_000);
        schedule();
      });
    }, retryMs);
    timer.unref();
  };

  try {
    await connect();
  } catch {
    schedule(); // PostgreSQL down at start: keep trying in the background; callers work uncached meanwhile.
  }
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        onState?.(false);
        await c.end().catch(() => undefined);
      }
    },
  };
}
