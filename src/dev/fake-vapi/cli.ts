/**
 * Runs the fake VAPI on the wall clock for sandbox mode and manual testing:
 *   npm run fake-vapi -- --port 4010 [--api-key KEY] [--call-seconds 45] [--latency-ms 0]
 *                        [--concurrency-limit 10] [--random-outcomes] [--seed 42]
 * Prints the base URL to point the app's VAPI setting at.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../main/engine/clock';
import { seededRandom } from './outcomes';
import { startFakeVapi } from './server';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${name} needs a non-negative number, got "${value}"`);
  return parsed;
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
    },
  });
  const seed = numberOption(values.seed, 'seed');
  const fake = await startFakeVapi({
    clock: systemClock,
    host: values.host,
    port: numberOption(values.port, 'port'),
    apiKey: values['api-key'],
    callSeconds: numberOption(values['call-seconds'], 'call-seconds'),
    latencyMs: numberOption(values['latency-ms'], 'latency-ms'),
    concurrencyLimit: numberOption(values['concurrency-limit'], 'concurrency-limit'),
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
