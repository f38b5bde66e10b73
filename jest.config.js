// Unit tests need no services; integration tests get real ones from the global setup.
// intl-messageformat (the server's ICU messages, platform/i18n) ships as ES modules only:
// jest compiles it and its @formatjs parts to CommonJS like the project's own files.
const ESM_ONLY = ['intl-messageformat', '@formatjs'];
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180000,
  // The Temporal native runtime keeps the process alive after the last suite.
  forceExit: true,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/processes/*/test/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/workflows/**/*.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        // A process's own suites live beside it (processes/<name>/test/{integration,workflows,e2e}).
        '<rootDir>/processes/*/test/{integration,workflows,e2e}/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
