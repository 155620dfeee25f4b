/**
 * `npm run serve`: the desk without Electron. Opens the desk in ACS_DATA_DIR (or the usual app-data folder),
 * serves it and the built console on 127.0.0.1, and prints the console's address (token included) as the
 * FIRST line of output, so scripts and tests can read it. The engine's log follows on later lines. Ctrl+C
 * stops the scheduler, lets calls in flight be recorded, and exits.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeOutcome } from '../../dev/fake-vapi/outcomes';
import { OutcomesFileError, readOutcomesFile } from '../../dev/fake-vapi/outcomes-file';
import { importRequestBytes } from '../../shared/contract';
import { resolveDataDir, PRIVATE_FOLDER_MODE } from '../data-dir';
import { createDesk, type DeskOptions } from '../desk';
import { DEFAULT_CALLING_SETTINGS } from '../domain/settings';
import { offsetClock } from '../engine/offset-clock';
import type { Logger } from '../log';
import { openHostSecretStore } from '../secrets';
import { redactSecrets } from '../shell/rotating-log';
import { CliError, parseHostArgs } from './cli-options';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './limits';
import { startHost } from './server';

const REPO_ROOT = resolve(__dirname, '../../..');

function readOutcomes(file: string): Record<string, FakeOutcome[]> {
  try {
    return readOutcomesFile(file);
  } catch (error) {
    if (error instanceof OutcomesFileError) throw new CliError(`--sandbox-outcomes: ${error.message}`);
    throw error;
  }
}

/** Engine log lines on stdout, held back until the console's address has been printed as the first line. */
function printLogger(): Logger & { release(): void } {
  let held: string[] | null = [];
  return {
    log(entry) {
      const line = `${new Date(entry.at).toISOString()} ${entry.level.padEnd(5)} ${entry.message}`;
      if (held) held.push(line);
      else console.log(line);
    },
    release() {
      for (const line of held ?? []) console.log(line);
      held = null;
    },
  };
}

async function main(): Promise<void> {
  // --clock-start is read in the desk's default zone: the desk's own settings are not open yet.
  const args = parseHostArgs(process.argv.slice(2), DEFAULT_CALLING_SETTINGS.timezone);
  const dataDir = resolveDataDir();
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });

  const sandbox: NonNullable<DeskOptions['sandbox']> = {};
  if (args.sandboxCallSeconds !== undefined) sandbox.callSeconds = args.sandboxCallSeconds;
  if (args.sandboxOutcomesFile) sandbox.outcomes = readOutcomes(args.sandboxOutcomesFile);
  const logger = printLogger();
  // The same store the desk would open by default, held here so answers and the log can be redacted.
  const secrets = await openHostSecretStore({
    dataDir,
    log: (level, message) => logger.log({ at: Date.now(), level, message }),
  });
  const desk = await createDesk({
    dataDir,
    logger,
    secrets,
    sandbox,
    prepareViews: true,
    ...(args.clockStart !== undefined ? { clock: offsetClock(args.clockStart) } : {}),
    // Short demo calls are followed closely, or a 3-second call would show as ringing for 3 more.
    ...(args.sandboxCallSeconds !== undefined && args.sandboxCallSeconds < 10 ? { pollIntervalMs: 500 } : {}),
  });
  const limits: HostLimits = {
    ...DEFAULT_HOST_LIMITS,
    ...(args.maxImportFileMb !== undefined
      ? { importRequestBytes: importRequestBytes(args.maxImportFileMb) }
      : {}),
    ...(args.maxRequestKb !== undefined ? { requestBytes: args.maxRequestKb * 1024 } : {}),
  };
  const host = await startHost({
    desk,
    staticDir: args.staticDir ?? join(REPO_ROOT, 'out', 'renderer'),
    port: args.port,
    token: args.token,
    limits,
    redact: (message) => redactSecrets(message, secrets.knownValues()),
    logger,
  });
  console.log(host.url);
  console.log(`Desk data in ${dataDir}. Press Ctrl+C to stop.`);
  logger.release();

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      // A second Ctrl+C: leave now. Calls still in flight are settled with VAPI at the next start.
      console.log('Stopped without waiting; calls still in flight are settled with VAPI at the next start.');
      process.exit(130);
    }
    stopping = true;
    console.log(
      'Stopping: no new calls start; calls in flight are followed to their end for a few seconds (Ctrl+C again to leave now).',
    );
    await host.close();
    await desk.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof CliError ? 2 : 1);
});
