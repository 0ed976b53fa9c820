/**
 * `npm run bench`: runs every benchmark in bench/ one after another (each in its own process,
 * so one's load does not colour the next) and prints their figures. `npm run bench -- subtree`
 * runs the ones whose file name contains "subtree".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run-all.ts', 'support.ts'].includes(f))
  .filter((f) => !filter || f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}  (npx tsx bench/${f})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(dir, f)], { stdio: 'inherit', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  if (r.status !== 0) {
    failed += 1;
    console.log(`!!! ${f} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
