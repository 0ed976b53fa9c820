/**
 * Loads Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`, pinned).
 * The Prisma CLI downloads a native engine and fails offline; the wasm engine driven through a
 * driver adapter computes migration SQL without any download. Used only by `npm run db:diff`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

export interface MigrationDirectoryInput {
  path: string;
  sql: string;
}

interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

export interface SchemaEngineLike {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
}

/** Instantiates the wasm schema engine bound to a migration-aware adapter factory. */
export async function loadSchemaEngine(
  schema: string,
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngineLike> {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Record<string, unknown> & {
    __wbg_set_wasm(exports: unknown): void;
    SchemaEngine: { new: (o: unknown, cb: (l: string) => void, a: unknown) => Promise<SchemaEngineLike> };
  };
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { instance } = await wasm.instantiate(readFileSync(join(pkgDir, 'schema_engine_bg.wasm')), {
    './schema_engine_bg.js': bg,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg.SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/** SQL that takes a database from `migrations` (or empty) to `schema`; empty string when in sync. */
export async function diffSql(
  engine: SchemaEngineLike,
  schema: string,
  baseDir: string,
  migrations: MigrationDirectoryInput[],
): Promise<string> {
  const from =
    migrations.length === 0
      ? { tag: 'empty' }
      : {
          tag: 'migrations',
          baseDir,
          lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
          shadowDbInitScript: '',
          migrationDirectories: migrations.map((m) => ({
            path: m.path,
            migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
          })),
        };
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
}
