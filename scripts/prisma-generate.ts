/**
 * `npm run db:generate`: runs `prisma generate` offline. Generate never executes the schema
 * engine, but the CLI insists on finding one, so a placeholder executable is named for it.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const r = spawnSync('npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: resolve(root, 'scripts/schema-engine-placeholder'),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(r.status ?? 1);
