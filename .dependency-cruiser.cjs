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
      name: 'app-imports-only-app-domain-nlp',
      comment: 'README "Architecture": use cases in src/app import only src/app, src/domain, src/nlp and node builtins; everything else reaches them through the ports they declare.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: '^src/(app|domain|nlp)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'only-composition-roots-import-composition-roots',
      comment: 'README "Architecture": real objects are built only in the composition roots (src/main.ts, src/cli/main.ts, src/compose/, src/demo/, workers/); no other module imports them.',
      severity: 'error',
      from: { pathNot: '^(src/main\\.ts|src/cli/main\\.ts|src/compose/|src/demo/|workers/)' },
      to: { path: '^(src/main\\.ts|src/cli/main\\.ts|src/compose/|src/demo/|workers/)' },
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
