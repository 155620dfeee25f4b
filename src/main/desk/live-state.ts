/**
 * The desk's memory of the day beyond the store: recent log lines (the live view), the problems that need the
 * operator's attention, and the last sync's result.
 */
import type { LogLine, SyncStatus } from '../../shared/desk-types';
import type { LogEntry, Logger } from '../log';

const LOG_LINES_KEPT = 200;
const ATTENTION_KEPT = 20;

export class LiveState implements Logger {
  private readonly lines: LogLine[] = [];
  private readonly problems: LogLine[] = [];
  lastSync: SyncStatus | null = null;

  constructor(private readonly onLine: (line: LogLine) => void = () => undefined) {}

  log(entry: LogEntry): void {
    const line: LogLine = { at: entry.at, level: entry.level, message: entry.message };
    this.lines.push(line);
    if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
    if (entry.level === 'error') {
      this.problems.unshift(line);
      if (this.problems.length > ATTENTION_KEPT) this.problems.pop();
    }
    this.onLine(line);
  }

  recentLog(count = 50): LogLine[] {
    return this.lines.slice(-count);
  }

  attention(): LogLine[] {
    return [...this.problems];
  }

  clearAttention(): void {
    this.problems.length = 0;
  }
}
