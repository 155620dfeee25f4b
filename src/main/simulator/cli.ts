/**
 * `npm run simulate -- <scenario.json> [--json]`: runs a scenario day on the real engine and prints a table
 * (or the JSON report). A bad file or scenario gets one line naming the problem and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioError } from './scenario';
import { runScenario } from './run-scenario';
import { formatReportTable } from './report-table';
import { neverTwiceViolations } from './invariants';
import { parseLocalIso } from '../domain/local-time';
import { DEFAULT_CALLING_SETTINGS } from '../domain/settings';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) {
    process.stderr.write('usage: npm run simulate -- <scenario.json> [--json]\n');
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`${file} is not valid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const scenario = parseScenario(parsed);
    const report = await runScenario(scenario);
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const violations = neverTwiceViolations(
      report,
      scenario.settings.cooldownMinutes ?? DEFAULT_CALLING_SETTINGS.cooldownMinutes,
      scenario.timezone,
      parseLocalIso,
    );
    process.stdout.write(formatReportTable(report));
    process.stdout.write(
      violations.length === 0
        ? `Never twice: every one of VAPI's ${report.providerCalls.length} calls is in the history; none repeated within the cooldown or after a success\n`
        : `Never twice: ${violations.length} violation(s)\n${violations.map((line) => `  ${line}`).join('\n')}\n`,
    );
    return violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof ScenarioError) {
      process.stderr.write(`${file}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simulation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
