/**
 * `npm run desk -- <command>`: the desk from a terminal, for automation and headless machines.
 *   import <file.csv|file.xlsx> [--json] [--mapping field=Header,...] [--region IN]
 *   orders [--json] [--state queued|cooldown|maxAttempts|...] [--search AWB/name/phone]
 *   report [<YYYY-MM-DD>] [--json]
 *   backups [--json]
 *   restore-backup [<file>] [--force] [--json]
 *   actions [--json]
 * It opens the store in the desk's data folder (ACS_DATA_DIR, or the app-data folder). Any error is one
 * line on stderr and exit code 2; no stack traces.
 */
import { readFileSync } from 'node:fs';
import { ORDER_TABS } from '../../shared/contract';
import type { OrderTab } from '../../shared/desk-types';
import { databasePath, resolveDataDir } from '../data-dir';
import { CsvImportError } from '../intake/csv';
import { openStore, type Store } from '../store';
import { formatActions, listOpenActions } from './action-commands';
import { formatBackups, formatRestore, listDeskBackups, restoreDeskBackup } from './backup-commands';
import { formatImport, formatOrders, importFile, listOrders } from './desk-commands';
import { dailyReportOf, formatDailyReport } from './report-command';

const USAGE =
  'usage: npm run desk -- import <file.csv|.xlsx> [--json] [--mapping field=Header,...] [--region IN]\n' +
  `       npm run desk -- orders [--json] [--state ${ORDER_TABS.join('|')}] [--search text]\n` +
  '       npm run desk -- report [<YYYY-MM-DD>] [--json]   (today when no day is given)\n' +
  '       npm run desk -- backups [--json]\n' +
  '       npm run desk -- restore-backup [<file>] [--force] [--json]\n' +
  '       npm run desk -- actions [--json]';

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--mapping', '--region', '--state', '--search']);
const BOOLEAN_FLAGS = new Set(['--json', '--force']);

function parseArgs(argv: readonly string[]): Parsed {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s, 2) as [string, string?]) : [arg];
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? rest[++index];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { command, positional, flags };
}

/** "awb=Ref,phone=Tel 1,courier=" → { awb: 'Ref', phone: 'Tel 1', courier: null } */
function parseMapping(text: string): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const pair of text.split(',')) {
    const [field, header] = pair.split(/=(.*)/s, 2);
    if (!field?.trim() || header === undefined)
      throw new UsageError(`--mapping wants field=Header pairs, got "${pair}"`);
    mapping[field.trim()] = header.trim() === '' ? null : header.trim();
  }
  return mapping;
}

async function withStore<T>(use: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(databasePath(resolveDataDir()));
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

async function run(argv: readonly string[]): Promise<string> {
  const { command, positional, flags } = parseArgs(argv);
  const json = flags.has('--json');
  const now = Date.now();
  if (command === 'import') {
    if (positional.length !== 1) throw new UsageError('import takes exactly one file');
    const file = positional[0]!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
    }
    const mappingFlag = flags.get('--mapping');
    const regionFlag = flags.get('--region');
    const summary = await withStore((store) =>
      importFile(store, bytes, {
        fileName: file,
        now,
        mapping: typeof mappingFlag === 'string' ? parseMapping(mappingFlag) : undefined,
        region: typeof regionFlag === 'string' ? regionFlag.toUpperCase() : undefined,
      }),
    );
    return json ? `${JSON.stringify(summary, null, 2)}\n` : formatImport(summary);
  }
  if (command === 'orders') {
    if (positional.length > 0) throw new UsageError('orders takes no arguments');
    const state = flags.get('--state');
    if (state !== undefined && !(ORDER_TABS as readonly unknown[]).includes(state)) {
      throw new UsageError(`--state must be one of ${ORDER_TABS.join(', ')}`);
    }
    const search = flags.get('--search');
    const orders = await withStore((store) =>
      listOrders(store, now, {
        state: state as OrderTab | undefined,
        search: typeof search === 'string' ? search : undefined,
      }),
    );
    return json ? `${JSON.stringify(orders, null, 2)}\n` : formatOrders(orders);
  }
  if (command === 'report') {
    if (positional.length > 1) throw new UsageError('report takes at most one day (YYYY-MM-DD)');
    const report = await withStore((store) => dailyReportOf(store, positional[0], now));
    return json ? `${JSON.stringify(report, null, 2)}\n` : formatDailyReport(report);
  }
  if (command === 'backups') {
    if (positional.length > 0) throw new UsageError('backups takes no arguments');
    const listing = listDeskBackups(resolveDataDir());
    return json ? `${JSON.stringify(listing, null, 2)}\n` : formatBackups(listing);
  }
  if (command === 'restore-backup') {
    if (positional.length > 1) throw new UsageError('restore-backup takes at most one backup');
    const dataDir = resolveDataDir();
    const outcome = restoreDeskBackup(dataDir, positional[0], { force: flags.has('--force'), now });
    return json ? `${JSON.stringify(outcome, null, 2)}\n` : formatRestore(outcome, dataDir);
  }
  if (command === 'actions') {
    if (positional.length > 0) throw new UsageError('actions takes no arguments');
    return withStore((store) => {
      const actions = listOpenActions(store);
      return json ? `${JSON.stringify(actions, null, 2)}\n` : formatActions(actions, store);
    });
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
}

run(process.argv.slice(2)).then(
  (output) => process.stdout.write(output),
  (error: unknown) => {
    let message = error instanceof Error ? error.message : String(error);
    if (error instanceof CsvImportError && /column/.test(message)) {
      message += ' — name them with --mapping field=Header,...';
    }
    process.stderr.write(error instanceof UsageError ? `${message}\n${USAGE}\n` : `${message}\n`);
    process.exitCode = 2;
  },
);
