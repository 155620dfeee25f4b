// The one test command (README: `npm test`): static checks, the Node suites (vitest) and the browser and
// Electron suites (Playwright), ending with a single `N passed, N failed, N skipped` line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join('test-results', 'summary');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A check that is one pass or one failure: the type checker, the linter, the formatter. */
function check(name, command, args) {
  if (run(command, args) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(name);
  }
}

function vitestSuite() {
  const report = join(resultsDir, 'vitest.json');
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  if (!existsSync(report)) {
    totals.failed += 1;
    failures.push('vitest (no report)');
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  totals.failed += brokenFiles.length;
  if (status !== 0) failures.push('vitest');
}

function countPlaywright(suite, counts) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const outcome = test.status ?? test.outcome;
      if (outcome === 'skipped') counts.skipped += 1;
      else if (outcome === 'expected' || outcome === 'flaky') counts.passed += 1;
      else counts.failed += 1;
    }
  }
  for (const child of suite.suites ?? []) countPlaywright(child, counts);
}

function playwrightSuite(name, config) {
  if (!existsSync(config)) return;
  const report = join(resultsDir, `${name}.json`);
  const status = run('npx', ['playwright', 'test', '--config', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (!existsSync(report)) {
    totals.failed += 1;
    failures.push(`${name} (no report)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const suite of json.suites ?? []) countPlaywright(suite, counts);
  counts.failed += (json.errors ?? []).length;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0) failures.push(name);
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('format', 'npm', ['run', '--silent', 'format:check']);
vitestSuite();
playwrightSuite('e2e', 'playwright.config.ts');
playwrightSuite('electron', 'playwright.electron.config.ts');

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
