/**
 * The headless host's command line: `--port N`, `--token T`, `--clock-start YYYY-MM-DDTHH:MM` (a demo and
 * test hook: the desk's clock starts at that local time and runs on in real time), `--sandbox-call-seconds N`
 * (short fake calls), `--sandbox-outcomes FILE` (scripted fake outcomes per number, JSON), `--static DIR`,
 * and the request caps `--max-import-file-mb N` and `--max-request-kb N`.
 * Parsing is pure so it can be tested and refuse bad input with a sentence.
 */
import { MAX_IMPORT_FILE_MB } from '../../shared/contract';
import { fromLocal } from '../domain/local-time';

export interface HostCliOptions {
  port: number;
  token?: string;
  clockStart?: number;
  sandboxCallSeconds?: number;
  sandboxOutcomesFile?: string;
  staticDir?: string;
  /** The largest CSV file an import or preview may carry, in MB (the contract's maximum by default). */
  maxImportFileMb?: number;
  /** The largest request for every other method, in KB. */
  maxRequestKb?: number;
}

export const DEFAULT_PORT = 5317;

const USAGE =
  'usage: npm run serve -- [--port N] [--token T] [--clock-start YYYY-MM-DDTHH:MM] ' +
  '[--sandbox-call-seconds N] [--sandbox-outcomes FILE.json] [--static DIR] ' +
  '[--max-import-file-mb N] [--max-request-kb N]';

export class CliError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
  }
}

/** "2026-11-24T10:58" in `timezone`, or any ISO instant with an offset ("…Z", "…+05:30"). */
export function parseClockStart(text: string, timezone: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (local) {
    const [y, mo, d, h, mi] = local.slice(1, 6).map(Number) as [number, number, number, number, number];
    const second = local[6] === undefined ? 0 : Number(local[6]);
    return fromLocal({ year: y, month: mo, day: d, hour: h, minute: mi, second }, timezone);
  }
  const instant = Date.parse(text);
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) && Number.isFinite(instant)) return instant;
  throw new CliError(`--clock-start: "${text}" is not a time like 2026-11-24T10:58`);
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`${flag}: expected a whole number from ${min} to ${max}, got "${text ?? ''}"`);
  }
  return value;
}

export function parseHostArgs(argv: string[], timezone: string): HostCliOptions {
  const options: HostCliOptions = { port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = wholeNumber('--port', value(), 0, 65535);
        break;
      case '--token': {
        const token = value();
        if (!token || !/^[\w.~-]{8,200}$/.test(token))
          throw new CliError('--token: 8 or more letters, digits, - or _');
        options.token = token;
        break;
      }
      case '--clock-start':
        options.clockStart = parseClockStart(value() ?? '', timezone);
        break;
      case '--sandbox-call-seconds':
        options.sandboxCallSeconds = wholeNumber('--sandbox-call-seconds', value(), 1, 3600);
        break;
      case '--sandbox-outcomes':
        options.sandboxOutcomesFile = value();
        if (!options.sandboxOutcomesFile) throw new CliError('--sandbox-outcomes: a JSON file name');
        break;
      case '--static':
        options.staticDir = value();
        if (!options.staticDir) throw new CliError('--static: a folder');
        break;
      case '--max-import-file-mb':
        options.maxImportFileMb = wholeNumber(flag, value(), 1, MAX_IMPORT_FILE_MB);
        break;
      case '--max-request-kb':
        options.maxRequestKb = wholeNumber(flag, value(), 16, 1024);
        break;
      default:
        throw new CliError(`unknown option ${flag}`);
    }
  }
  return options;
}
