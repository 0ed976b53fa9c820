/**
 * `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
 * SQL that takes the committed migrations to the current prisma/schema.prisma. Works offline:
 * the wasm schema engine replays the migrations on an in-memory PGlite shadow database.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pgliteExtensions } from '../src/db/client.js';
import { readMigrations } from '../src/db/migrate.js';
import { diffSql, loadSchemaEngine } from '../src/db/schema-engine.js';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'prisma', 'migrations');
const name = (process.argv[2] ?? 'change').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
const schema = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');

const shadow = new PGlite({ extensions: await pgliteExtensions() });
// The adapter's own shadow database is a bare PGlite: give it the contrib extensions the migrations create.
const factory = new PrismaPGlite(shadow);
const replay = new PGlite({ extensions: await pgliteExtensions() });
factory.connectToShadowDb = () => new PrismaPGlite(replay).connect();
const engine = await loadSchemaEngine(schema, factory);
const existing = readMigrations(dir).map((m) => ({ path: m.name, sql: m.sql }));
let sql = await diffSql(engine, schema, dir, existing);
await shadow.close();
await replay.close();
// Migrations must apply inside whatever schema the connection's search_path names (tests use one per file).
sql = sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, '');
if (sql === '') {
  console.log('schema.prisma and prisma/migrations are in sync: nothing to write');
} else {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const target = join(dir, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'migration.sql'), sql);
  writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  console.log(`wrote ${target}/migration.sql (${sql.split('\n').length} lines)`);
}
