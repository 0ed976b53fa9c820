// After `tsc -p tsconfig.build.json`: copies into dist/ the files the compiled processes read at
// run time, at the same place relative to the code as in the source tree (plain Node, no tsx):
//   every other file under src/ (not .ts, not .md): the Fluent translations (src/bot/locales),
//   the committed NLP model (src/nlp/model/pulse-model.json) … → the same place under dist/src
//   prisma/migrations        → dist/prisma/migrations    (applied at start, src/compose/runtime.ts)
//   corpus/*.jsonl           → dist/corpus               (training texts of the topic model)
//   workers/thread-entry.mjs → dist/workers              (the bot threads' entry shim)
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.argv[2] ?? join(root, "dist"));
/** Files under src/ that the code reads at run time: everything but sources, docs and the generated client's .ts. */
const srcAssets = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !/\.(ts|md)$/.test(e.name))
  .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)));
const copies = [
  ...srcAssets.map((f) => [f, f]),
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
console.log(`copied ${srcAssets.length} files from src/ (locales, the NLP model), migrations (${files(join(dist, 'prisma/migrations'))}), corpus (${files(join(dist, 'corpus'))}) and the thread shim into dist/`);
