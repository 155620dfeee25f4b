// The vitest setup for `npm run mutate` (stryker.config.mjs): the unit tests only, which state the rules.
// Chosen here rather than with Stryker's own `testFiles` option: in 9.6.1 that option makes Stryker activate a
// mutant in a module's top level (a table, a regular expression) only after the module has loaded, so every
// such mutant "survives" whatever the tests say.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

export default defineConfig({ ...base, test: { ...base.test, include: ['tests/unit/**/*.test.ts'] } });
