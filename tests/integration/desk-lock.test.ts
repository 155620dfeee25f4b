/**
 * desk.lock names its holder by pid AND start time, so a lock whose pid now belongs to another program (pid
 * reuse after a crash or reboot) or to a zombie (killed with kill -9, not yet reaped) is stale and taken over,
 * while a lock whose holder really runs still refuses. Real processes, on Linux's /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireDeskLock,
  DeskLockedError,
  parseLock,
  parseProcStat,
  processState,
  type DeskLock,
} from '../../src/main/desk/desk-lock';
import { StoreError } from '../../src/main/store';

const onLinux = process.platform === 'linux';
const children: ChildProcess[] = [];
const locks: DeskLock[] = [];
const cleanupMounts: string[] = [];
afterEach(() => {
  for (const dir of cleanupMounts.splice(0)) spawnSync('umount', [dir]);
  locks.splice(0).forEach((lock) => lock.release());
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'acs-lock-'));
}

/** A process that keeps running until the test ends. */
function sleeper(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/**
 * A zombie: `sh` starts a background sleep, prints its pid, then becomes `sleep 60` (exec), which never reaps
 * its child. Killing that child with SIGKILL leaves it a zombie for as long as the parent lives.
 */
async function zombie(): Promise<{ pid: number; startedBefore: string | null }> {
  const parent = spawn('sh', ['-c', 'sleep 60 & echo $!; exec sleep 60'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(parent);
  const pid = await new Promise<number>((resolve) =>
    parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  const before = processState(pid);
  process.kill(pid, 'SIGKILL');
  for (let tries = 0; tries < 100 && processState(pid).state !== 'zombie'; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { pid, startedBefore: before.state === 'running' ? before.started : null };
}

function writeLock(dataDir: string, content: unknown): void {
  writeFileSync(join(dataDir, 'desk.lock'), typeof content === 'string' ? content : JSON.stringify(content));
}

describe.runIf(onLinux)('desk.lock on Linux', () => {
  it('records its own pid and start time', () => {
    const dataDir = folder();
    locks.push(acquireDeskLock(dataDir));
    const holder = parseLock(readFileSync(join(dataDir, 'desk.lock'), 'utf8'));
    const me = processState(process.pid);
    expect(holder).toEqual({ pid: process.pid, started: me.state === 'running' ? me.started : 'x' });
    expect(holder?.started).toMatch(/^[0-9a-f-]+:\d+$/);
  });

  it('still refuses while the process the lock names runs, started when the lock says', () => {
    const dataDir = folder();
    const pid = sleeper();
    const state = processState(pid);
    expect(state.state).toBe('running');
    writeLock(dataDir, { pid, started: state.state === 'running' ? state.started : null });
    expect(() => acquireDeskLock(dataDir)).toThrow(DeskLockedError);
    expect(() => acquireDeskLock(dataDir)).toThrow(new RegExp(`process ${pid}\\) is already using`));
  });

  it('takes over a lock whose pid was reused by another program (a different start time)', () => {
    const dataDir = folder();
    const pid = sleeper();
    writeLock(dataDir, { pid, started: 'an-earlier-boot:12345' });
    const lock = acquireDeskLock(dataDir);
    locks.push(lock);
    expect(parseLock(readFileSync(join(dataDir, 'desk.lock'), 'utf8'))?.pid).toBe(process.pid);
  });

  it('takes over a lock held by a zombie right after kill -9', async () => {
    const dataDir = folder();
    const { pid, startedBefore } = await zombie();
    expect(processState(pid)).toEqual({ state: 'zombie' });
    // process.kill(pid, 0) still succeeds on a zombie: the pid check alone would have refused.
    expect(() => process.kill(pid, 0)).not.toThrow();
    writeLock(dataDir, { pid, started: startedBefore });
    locks.push(acquireDeskLock(dataDir));
  });

  it("takes over an earlier version's pid-only lock when that pid started after the lock was written", () => {
    const dataDir = folder();
    const pid = sleeper();
    writeLock(dataDir, String(pid));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dataDir, 'desk.lock'), anHourAgo, anHourAgo);
    locks.push(acquireDeskLock(dataDir));
  });

  it("keeps an earlier version's pid-only lock whose process was already running when it was written", () => {
    const dataDir = folder();
    writeLock(dataDir, String(process.ppid));
    expect(() => acquireDeskLock(dataDir)).toThrow(/if no such program runs, delete .*desk\.lock/);
  });

  it('takes over a lock naming a process that is gone', () => {
    const dataDir = folder();
    writeLock(dataDir, { pid: 2 ** 22 + 17, started: 'x:1' });
    locks.push(acquireDeskLock(dataDir));
  });
});

describe('a data folder the lock cannot be written in', () => {
  it('is refused as read-only, naming the folder (a read-only mount as root, chmod otherwise)', (context) => {
    const dataDir = folder();
    if (process.getuid?.() === 0) {
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dataDir]).status !== 0)
        context.skip();
      cleanupMounts.push(dataDir);
    } else {
      chmodSync(dataDir, 0o555);
    }
    expect(() => acquireDeskLock(dataDir)).toThrow(StoreError);
    expect(() => acquireDeskLock(dataDir)).toThrow(
      new RegExp(`the file or its folder ${dataDir} is read-only for this user`),
    );
  });
});

describe('reading locks and /proc', () => {
  it('reads a command name with spaces and parentheses in /proc/<pid>/stat', () => {
    const stat = '4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10';
    expect(parseProcStat(stat)).toEqual({ state: 'S', startTicks: '987654' });
    expect(parseProcStat('4242 (x) Z 1 2 3')).toBeNull();
  });

  it('reads both lock formats and ignores garbage', () => {
    expect(parseLock('1234\n')).toEqual({ pid: 1234, started: null });
    expect(parseLock('{"pid":1234,"started":"b:9"}')).toEqual({ pid: 1234, started: 'b:9' });
    expect(parseLock('{"pid":-1}')).toBeNull();
    expect(parseLock('garbage')).toBeNull();
  });

  it('falls back to the pid alone where no start time can be read (Windows)', () => {
    expect(processState(process.pid, 'win32')).toEqual({ state: 'running', started: null });
    expect(processState(2 ** 22 + 17, 'win32')).toEqual({ state: 'gone' });
  });
});
