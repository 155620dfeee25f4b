/**
 * Every module of the domain loads on its own. Plain test runs never need this (a broken module fails the
 * tests that import it), but under `npm run mutate` the vitest runner counts a test file that fails to import
 * as passing; importing each module inside a test turns a mutant that breaks a module's top level (a table,
 * a regular expression) into a failing test, so Stryker sees it killed.
 */
import type { ImportGlobFunction } from 'vite/types/importGlob.d.ts';
import { describe, expect, it } from 'vitest';

// Vite expands the pattern into one import per file, so `vitest related` (which Stryker uses to pick the tests
// for a mutant) finds this file for every domain module, and a new module is covered without a new line here.
const domainModules = (import.meta as ImportMeta & { glob: ImportGlobFunction }).glob<object>(
  '../../src/main/domain/*.ts',
);

describe('the domain modules', () => {
  it('are all found', () => {
    expect(Object.keys(domainModules).length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.keys(domainModules).map((path) => path.split('/').pop()!))(
    'load %s without throwing',
    async (name) => {
      const module = await domainModules[`../../src/main/domain/${name}`]!();
      expect(Object.keys(module).length).toBeGreaterThan(0);
    },
  );
});
