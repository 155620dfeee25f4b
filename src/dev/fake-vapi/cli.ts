/**
 * Runs the fake VAPI on its own, for sandbox work, manual testing and tests that need it in another process
 * (tests/integration/kill-recovery.test.ts):
 *   npm run fake-vapi -- --port 4010 [--api-key KEY] [--call-seconds 45] [--latency-ms 0]
 *                        [--concurrency-limit 10] [--random-outcomes] [--seed 42]
 *                        [--clock-start YYYY-MM-DDTHH:MM] [--outcomes FILE.json]
 * `--clock-start` means what it means for the headless host (the same parsing and the same shifted clock): the
 * fake's clock starts at that Asia/Kolkata time and runs on in real time, so its calls carry the same day as
 * a host started with the same option. `--outcomes` takes the host's `--sandbox-outcomes` file.
 * Prints the base URL to point the app's VAPI setting at. `GET /__fake/placed` (test-only, see server.ts)
 * lists the calls it placed.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../main/clock';
import { offsetClock } from '../../main/engine/offset-clock';
import { DEFAULT_CALLING_SETTINGS } from '../../main/domain/settings';
import { CliError, parseClockStart } from '../../main/host/cli-options';
import { seededRandom } from './outcomes';
import { OutcomesFileError, readOutcomesFile } from './outcomes-file';
import { startFakeVapi } from './server';

const USAGE =
  'usage: npm run fake-vapi -- [--port N] [--host H] [--api-key KEY] [--call-seconds N] [--latency-ms N] ' +
  '[--concurrency-limit N] [--random-outcomes] [--seed N] [--clock-start YYYY-MM-DDTHH:MM] ' +
  '[--outcomes FILE.json]';

/** A mistake in the command line: one sentence, the usage, exit code 2 (as the host does). */
class UsageError extends Error {}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new UsageError(`--${name} needs a non-negative number, got "${value}"`);
  return parsed;
}

function outcomesOption(file: string | undefined): ReturnType<typeof readOutcomesFile> | undefined {
  if (file === undefined) return undefined;
  try {
    return readOutcomesFile(file);
  } catch (error) {
    if (error instanceof OutcomesFileError) throw new UsageError(`--outcomes: ${error.message}`);
    throw error;
  }
}

function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof UsageError ||
    error instanceof CliError ||
    (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      'call-seconds': { type: 'string' },
      'latency-ms': { type: 'string' },
      'concurrency-limit': { type: 'string' },
      'random-outcomes': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'clock-start': { type: 'string' },
      outcomes: { type: 'string' },
    },
  });
  const seed = numberOption(values.seed, 'seed');
  const clockStart = values['clock-start'];
  // Read in the desk's default zone, as the host reads its own --clock-start.
  const clock =
    clockStart === undefined
      ? systemClock
      : offsetClock(parseClockStart(clockStart, DEFAULT_CALLING_SETTINGS.timezone));
  const fake = await startFakeVapi({
    clock,
    host: values.host,
    port: numberOption(values.port, 'port'),
    apiKey: values['api-key'],
    callSeconds: numberOption(values['call-seconds'], 'call-seconds'),
    latencyMs: numberOption(values['latency-ms'], 'latency-ms'),
    concurrencyLimit: numberOption(values['concurrency-limit'], 'concurrency-limit'),
    outcomes: outcomesOption(values.outcomes),
    randomOutcomes: values['random-outcomes'],
    random: seed === undefined ? undefined : seededRandom(seed),
  });
  console.log(`Fake VAPI listening on ${fake.url}`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (!isUsageError(error)) {
    console.error(message);
    process.exit(1);
  }
  // The host's option errors (--clock-start) end with the host's usage line: keep their sentence, give ours.
  console.error(`${message.split('\n')[0]}\n${USAGE}`);
  process.exit(2);
});
