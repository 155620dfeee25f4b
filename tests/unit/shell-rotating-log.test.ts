import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RotatingFileLogger,
  formatLogLine,
  redactSecrets,
  redactingLogger,
} from '../../src/main/shell/rotating-log';
import type { LogEntry } from '../../src/main/log';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'acs-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const at = Date.parse('2026-11-24T04:30:00.000Z');
const entry = (message: string, level: LogEntry['level'] = 'info'): LogEntry => ({ at, level, message });

describe('rotating log file', () => {
  it('writes one line per entry with its time and level', () => {
    const dir = tempDir();
    const logger = new RotatingFileLogger({ dir });
    logger.log(entry('Scheduler started'));
    logger.log(entry('VAPI said 503\nretrying', 'warn'));
    expect(readFileSync(join(dir, 'acs.log'), 'utf8')).toBe(
      '2026-11-24T04:30:00.000Z INFO  Scheduler started\n' +
        '2026-11-24T04:30:00.000Z WARN  VAPI said 503 ⏎ retrying\n',
    );
  });

  it('rotates by size and keeps only the newest files', () => {
    const dir = tempDir();
    const lineBytes = Buffer.byteLength(formatLogLine(entry('line 0')));
    const logger = new RotatingFileLogger({ dir, maxBytes: lineBytes * 2, keepFiles: 3 });
    for (let index = 0; index < 7; index += 1) logger.log(entry(`line ${index}`));
    const read = (name: string) =>
      readFileSync(join(dir, name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.slice(31));
    expect(read('acs.log')).toEqual(['line 6']);
    expect(read('acs.1.log')).toEqual(['line 4', 'line 5']);
    expect(read('acs.2.log')).toEqual(['line 2', 'line 3']);
    expect(logger.files()).toEqual([join(dir, 'acs.log'), join(dir, 'acs.1.log'), join(dir, 'acs.2.log')]);
  });

  it('counts a file left by the previous run towards the size limit', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'acs.log'), 'x'.repeat(100));
    const logger = new RotatingFileLogger({ dir, maxBytes: 120, keepFiles: 2 });
    logger.log(entry('after restart'));
    expect(readFileSync(join(dir, 'acs.1.log'), 'utf8')).toBe('x'.repeat(100));
    expect(readFileSync(join(dir, 'acs.log'), 'utf8')).toContain('after restart');
  });

  it('reports a failed write instead of throwing', () => {
    const dir = tempDir();
    const errors: unknown[] = [];
    const logger = new RotatingFileLogger({ dir, onWriteError: (error) => errors.push(error) });
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'now a file, not a folder');
    expect(() => logger.log(entry('lost'))).not.toThrow();
    expect(errors).toHaveLength(1);
    rmSync(dir);
  });
});

describe('secret redaction', () => {
  it('blanks out known secrets and authorization headers', () => {
    const key = 'sk-live-1234567890abcdef';
    expect(redactSecrets(`POST /call failed; key ${key} rejected`, [key])).toBe(
      'POST /call failed; key [redacted] rejected',
    );
    expect(redactSecrets('headers: {"Authorization": "Bearer abcdefghijk123"}', [])).toBe(
      'headers: {"Authorization": "Bearer [redacted]"}',
    );
    expect(redactSecrets('authorization=tok_abcdefgh1234', [])).toBe('authorization=[redacted]');
  });

  it('leaves short values alone so ordinary words survive', () => {
    expect(redactSecrets('call ended', ['call', null, ''])).toBe('call ended');
  });

  it('redacts every line before it reaches the file', () => {
    const seen: string[] = [];
    const logger = redactingLogger({ log: (line) => seen.push(line.message) }, () => ['hunter22']);
    logger.log(entry('password hunter22 refused by the order API'));
    expect(seen).toEqual(['password [redacted] refused by the order API']);
  });
});
