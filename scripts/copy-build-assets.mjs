// After `tsc -p tsconfig.build.json`: copies into dist/ the files the compiled processes read at
// run time, at the same place relative to the code as in the source tree (plain Node, no tsx):
//   src/bot/locales/**.ftl   → dist/src/bot/locales      (Fluent translations, src/bot/i18n.ts)
//   prisma/migrations        → dist/prisma/migrations    (applied at start, src/runtime.ts)
//   corpus/*.jsonl           → dist/corpus               (training texts of the topic model)
//   workers/thread-entry.mjs → dist/workers              (the bot threads' entry shim)
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const copies = [
  ['src/bot/locales', 'src/bot/locales'],
  ['prisma/migrations', 'prisma/migrations'],
  ['corpus', 'corpus'],
  ['workers/thread-entry.mjs', 'workers/thread-entry.mjs'],
];
if (!existsSync(join(dist, 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run tsc -p tsconfig.build.json first');
for (const [from, to] of copies) {
  mkdirSync(dirname(join(dist, to)), { recursive: true });
  cpSync(join(root, from), join(dist, to), { recursive: true });
}
const files = (dir) => readdirSync(dir, { recursive: true }).length;
console.log(`copied locales (${files(join(dist, 'src/bot/locales'))}), migrations (${files(join(dist, 'prisma/migrations'))}), corpus (${files(join(dist, 'corpus'))}) and the thread shim into dist/`);
