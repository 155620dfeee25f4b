/**
 * The engine's logger: leveled lines with a time, written wherever the host wants (the Electron shell writes a
 * rotating file; the CLI and tests keep them in memory or print them). Secrets are never passed to it.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  at: number;
  level: LogLevel;
  message: string;
}

export interface Logger {
  log(entry: LogEntry): void;
}

export const silentLogger: Logger = { log: () => undefined };

/** A logger that fans one entry out to several. */
export function teeLogger(...loggers: Logger[]): Logger {
  return { log: (entry) => loggers.forEach((logger) => logger.log(entry)) };
}
