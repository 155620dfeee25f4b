/**
 * `npm run bench`: runs every benchmark in bench/ (each file but this one), one process each so that each
 * reports its own peak memory. Benchmarks measure; they do not pass or fail.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { machineLine } from './report-line';

const here = __dirname;
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const only = process.argv.slice(2);
const benchmarks = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== basename(__filename) && file !== 'report-line.ts')
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

console.log(machineLine());
let failed = 0;
for (const file of benchmarks) {
  process.stdout.write(`\n== ${file}\n`);
  const result = spawnSync(tsx, [join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
