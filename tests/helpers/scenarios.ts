/**
 * Runs scenario files for the tests, and checks on every run what the issue calls "never twice" against the
 * fake VAPI's own record: each call VAPI placed is in the desk's history with the same outcome, and no phone
 * got a call after a success or within the cooldown (src/main/simulator/invariants.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseLocalIso } from '../../src/main/domain/local-time';
import { DEFAULT_CALLING_SETTINGS } from '../../src/main/domain/settings';
import { neverTwiceViolations } from '../../src/main/simulator/invariants';
import type { SimulationReport } from '../../src/main/simulator/report';
import { runScenario, type RunOptions } from '../../src/main/simulator/run-scenario';
import { parseScenario, type Scenario } from '../../src/main/simulator/scenario';

export const SHARED_SCENARIOS = join(__dirname, '..', '..', '..', 'shared', 'scenarios');
export const OWN_SCENARIOS = join(__dirname, '..', 'scenarios');

export function loadScenario(dir: string, name: string): Scenario {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  return parseScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

/** Runs the scenario on the real engine and fails the test if anyone was called twice. */
export async function simulateChecked(
  dir: string,
  name: string,
  options: RunOptions = {},
): Promise<SimulationReport> {
  const scenario = loadScenario(dir, name);
  const report = await runScenario(scenario, options);
  const cooldown = scenario.settings.cooldownMinutes ?? DEFAULT_CALLING_SETTINGS.cooldownMinutes;
  expect(neverTwiceViolations(report, cooldown, scenario.timezone, parseLocalIso)).toEqual([]);
  return report;
}
