/**
 * The app's log file: `acs.log` in the user-data folder, rotated by size (acs.log → acs.1.log → … keeping a
 * fixed number), so a desk left running for months never fills the disk. Plain synchronous appends: log
 * volume is a few lines a minute, and a line written just before a crash must not be lost in a buffer.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, Logger } from '../log';
import { PRIVATE_FOLDER_MODE } from '../data-dir';

export interface RotatingLogOptions {
  dir: string;
  /** Rotate when the current file would grow past this many bytes. */
  maxBytes?: number;
  /** How many files to keep in all, the current one included. */
  keepFiles?: number;
  /** Called (never with the secret) when the disk refuses a write; logging must never crash the app. */
  onWriteError?: (error: unknown) => void;
}

export const LOG_FILE_NAME = 'acs.log';

export function formatLogLine(entry: LogEntry): string {
  // One entry, one line: a multi-line message (a stack) would break grep and tail -f.
  const message = entry.message.replace(/\r?\n/g, ' ⏎ ');
  return `${new Date(entry.at).toISOString()} ${entry.level.toUpperCase().padEnd(5)} ${message}\n`;
}

export class RotatingFileLogger implements Logger {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private size: number;

  constructor(private readonly options: RotatingLogOptions) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keepFiles = Math.max(1, options.keepFiles ?? 5);
    this.file = join(options.dir, LOG_FILE_NAME);
    mkdirSync(options.dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  /** acs.log, acs.1.log, … acs.(keep-1).log: the files that may exist, newest first. */
  files(): string[] {
    const names = [this.file];
    for (let index = 1; index < this.keepFiles; index += 1) names.push(this.rotated(index));
    return names.filter((name) => existsSync(name));
  }

  log(entry: LogEntry): void {
    const line = formatLogLine(entry);
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line);
      this.size += bytes;
    } catch (error) {
      this.options.onWriteError?.(error);
    }
  }

  private rotated(index: number): string {
    return join(this.options.dir, LOG_FILE_NAME.replace(/\.log$/, `.${index}.log`));
  }

  private rotate(): void {
    if (this.keepFiles === 1) {
      rmSync(this.file, { force: true });
    } else {
      rmSync(this.rotated(this.keepFiles - 1), { force: true });
      for (let index = this.keepFiles - 2; index >= 1; index -= 1) {
        if (existsSync(this.rotated(index))) renameSync(this.rotated(index), this.rotated(index + 1));
      }
      if (existsSync(this.file)) renameSync(this.file, this.rotated(1));
    }
    this.size = 0;
  }
}

/**
 * A logger that blanks out secrets before passing lines on: the engine never logs a key on purpose, but an
 * error message from a library might echo a header or a request body back.
 */
export function redactingLogger(inner: Logger, secrets: () => readonly (string | null)[]): Logger {
  return {
    log(entry) {
      inner.log({ ...entry, message: redactSecrets(entry.message, secrets()) });
    },
  };
}

/** Short values (4 characters or fewer) are not redacted: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 5;

export function redactSecrets(message: string, secrets: readonly (string | null)[]): string {
  let result = message.replace(
    /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;]+/gi,
    '$1$2[redacted]',
  );
  result = result.replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]');
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    result = result.split(secret).join('[redacted]');
  }
  return result;
}
