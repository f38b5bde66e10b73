// ESLint with Temporal's rules: no floating promises anywhere, and no Node built-ins (or
// I/O libraries) in workflow code, which must stay deterministic.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const untranslatedText = require('./eslint/untranslated-text.js');

module.exports = tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'coverage/', '*.js', 'web/dist/', 'web/src/api/generated/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web app: its own TypeScript project (DOM, JSX).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web app's visible words come from the language catalogues (docs/web-app.md, "Languages"),
    // on every page: none is left in English only.
    files: ['web/src/**/*.tsx'],
    plugins: { mentorflow: { rules: { 'untranslated-text': untranslatedText } } },
    rules: { 'mentorflow/untranslated-text': 'error' },
  },
  {
    // Workflow code: every process folder but its API side, its activities and its tests, and the platform's workflow parts.
    files: [
      'processes/**/*.ts',
      'platform/workflow/**/*.ts',
      'platform/outbox/**/*.ts',
      // The e-mail builders are workflow code; the renderer (render.ts) reads files and is not.
      'platform/emails/messages.ts',
      'platform/emails/platform-emails.ts',
      'test/fixtures/incompatible-workflows/**/*.ts',
      'lib/replay/value-interceptors.ts',
    ],
    ignores: ['processes/*/api/**', 'processes/*/activities/**', 'processes/*/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules,
            ...builtinModules.map((m) => `node:${m}`),
            'pg',
            'kysely',
            'nodemailer',
            'express',
          ].map((name) => ({
            name,
            message: 'Workflow code must be deterministic: no Node built-ins or I/O. Use an activity.',
          })),
          patterns: [
            {
              group: ['**/activities/*'],
              allowTypeImports: true,
              message: 'Import activities into workflows type-only.',
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
      ],
    },
  },
);
