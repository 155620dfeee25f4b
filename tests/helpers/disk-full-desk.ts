/**
 * A desk in a child process, for tests/integration/desk-disk-full.test.ts. `prepare` imports orders and closes;
 * `run` runs a session and prints every log line as JSON, then the desk's status: started under `ulimit -f`
 * (the database's files cannot grow past a size), or with `--fill`, which fills the data folder's disk to
 * its last 48 KB once the desk is open (a tmpfs: a disk that fills up mid-session).
 */
import { statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDesk } from '../../src/main/desk';
import { systemClock } from '../../src/main/clock';
import { offsetClock } from '../../src/main/engine/offset-clock';
import { local } from './engine-harness';

async function main(): Promise<void> {
  const [dataDir, phase, fill] = process.argv.slice(2);
  const desk = await createDesk({
    dataDir: dataDir!,
    clock: offsetClock(local('2026-11-24T11:00'), systemClock),
    sandbox: { callSeconds: 2 },
    pollIntervalMs: 20,
    logger: { log: (entry) => console.log(JSON.stringify({ log: entry })) },
  });
  if (phase === 'prepare') {
    const rows = Array.from(
      { length: 40 },
      (_, index) =>
        `AWB${1000 + index},Customer ${index},98765${String(index).padStart(5, '0')},Out for delivery`,
    );
    const csv = ['AWB,Name,Phone,Status', ...rows].join('\n');
    await desk.importCsv({ fileName: 'ofd.csv', contentBase64: Buffer.from(csv).toString('base64') });
    await desk.saveSettings({ calling: { concurrency: 20 } });
  } else {
    if (fill === '--fill') {
      const stats = statfsSync(dataDir!);
      writeFileSync(join(dataDir!, 'filler'), Buffer.alloc(stats.bavail * stats.bsize - 48 * 1024));
    }
    await desk.runNow({});
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const status = await desk.status({});
    console.log(
      JSON.stringify({ status: { schedulerRunning: status.schedulerRunning, attention: status.attention } }),
    );
  }
  await desk.close().catch(() => undefined);
  process.exit(0);
}

void main();
