// Mutation testing of the domain rules (`npm run mutate`; not part of `npm test`). StrykerJS changes one
// operator, condition or string at a time in src/main/domain and runs the unit tests that cover it; a
// change no test notices ("survived") is a rule nobody checks. One file: `npm run mutate -- --mutate <file>`.
// Blind spot: the vitest runner counts a test file that fails to import as passing. tests/unit/domain-modules
// .test.ts imports each domain module inside a test so that a mutant breaking a module's top level still fails
// a test; check any survivor in a module's top level (a table, a regular expression) by hand all the same.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The unit tests state the rules; vitest.mutate.config.mts says why they are chosen there.
  vitest: { configFile: 'vitest.mutate.config.mts' },
  mutate: ['src/main/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  // The machine is shared: one worker by default, `-- --concurrency 2` when it is quiet.
  concurrency: 1,
  // A busy machine slows the tests down; do not mistake that for a mutant's endless loop.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html'],
  clearTextReporter: { allowColor: false, logTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // Inside the already ignored .tmp/, so ESLint, Prettier and git never see the sandbox copies.
  tempDirName: '.tmp/stryker',
  thresholds: { high: 95, low: 90, break: 90 },
};
