// Lint: typescript-eslint recommended rules (no type information: fast on 2 cores), plus the
// purity of src/domain. Import boundaries and cycles are checked by dependency-cruiser.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'tmp/', 'src/db/generated/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'focused tests skip the rest of the suite' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ takes configuration as arguments' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass a Clock into domain/' },
        { object: 'Math', property: 'random', message: 'pass an Rng into domain/' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass a Clock into domain/' }],
    },
  },
);
