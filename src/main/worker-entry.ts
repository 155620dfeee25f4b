/**
 * Where a worker thread's code is, for the desk's workers (intake, lists). electron-vite builds each as its
 * own entry (`out/main/<name>.js`, see electron.vite.config.ts); from the sources (tsx for `npm run serve`
 * and the CLI, vitest for the tests) the TypeScript file is loaded through tsx's require hook.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `dir`: the calling module's `__dirname`; `name`: the worker's file name without extension. */
export function workerEntry(dir: string, name: string): { entry: string; eval: boolean } {
  for (const built of [join(dir, `${name}.js`), join(dir, '..', `${name}.js`)]) {
    if (existsSync(built)) return { entry: built, eval: false };
  }
  const source = join(dir, `${name}.ts`);
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return { entry: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}
