/**
 * The dependency rule of STYLE.md, enforced: imports point inward.
 * domain/ is pure; only nlp/ imports `natural`; only db/ touches Prisma; no cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing but src/domain: no I/O libraries, no node builtins, not even types of the adapters.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'only-nlp-imports-natural',
      severity: 'error',
      from: { pathNot: '^src/nlp/' },
      to: { path: 'node_modules/natural/' },
    },
    {
      name: 'nlp-depends-on-domain-only',
      severity: 'error',
      from: { path: '^src/nlp/' },
      to: { path: '^src/(?!nlp/|domain/)' },
    },
    {
      name: 'prisma-stays-in-db',
      comment: 'Generated Prisma types and the client stay behind repositories.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/db/' },
      to: { path: '^src/db/generated/|node_modules/@prisma/client' },
    },
    {
      name: 'app-is-not-an-adapter-of-telegram-or-http',
      severity: 'error',
      comment: 'Use cases may name Telegram types (type-only) but never call the bot or HTTP layers.',
      from: { path: '^src/app/' },
      to: { path: '^src/(bot|web)/|node_modules/(grammy|@grammyjs|fastify)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-entry-points-imported',
      comment: 'src/main.ts and workers/*.ts are entry points: only the part registry (src/parts.ts) and the demo import workers/.',
      severity: 'error',
      from: { pathNot: '^(src/parts\\.ts|src/demo/)' },
      to: { path: '^(src/main\\.ts|workers/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/db/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
