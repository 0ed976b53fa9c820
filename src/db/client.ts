/**
 * Database factory: PostgreSQL when a DATABASE_URL is given, embedded PGlite otherwise.
 * The same generated Prisma client runs on both through driver adapters. Returns the Prisma
 * client, a raw SQL executor for migrations and aggregations, and one `close()` that releases
 * everything (PGlite keeps the process alive until it is closed).
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';
import { pgExecutor, pgliteExecutor, type SqlExecutor } from './sql.js';

export type Prisma = PrismaClient;

export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  sql: SqlExecutor;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql:// URL; `?schema=name` selects a schema (search_path), as with the Prisma CLI. */
  url?: string | undefined;
  /** Folder for PGlite; `memory://` for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
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
  const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'postgres',
    prisma,
    sql: pgExecutor(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const db = new PGlite(dir);
  await db.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteExecutor(db),
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
