/**
 * One desk per data folder: the desktop app and the headless host (or two hosts) must never both dial from the
 * same call history. The first takes `desk.lock`; a later one is refused with a message saying who holds it.
 *
 * A process id alone does not say who holds the lock: after a crash or a reboot the id is reused by some
 * other program, and a process killed with `kill -9` lingers as a zombie until its parent reaps it. So the
 * lock records the holder's start time too (Linux: the boot id and the start time in clock ticks from
 * /proc/<pid>/stat; macOS and the BSDs: `ps -o lstart`), and a lock is stale — taken over — when its process
 * is gone, is a zombie, or started at another time. Where no start time can be read (Windows), a live pid
 * still holds the lock and the message says how to clear it. A lock written by an earlier version (the pid
 * alone) is stale when its process started after the lock file was written.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databasePath, PRIVATE_FOLDER_MODE } from '../data-dir';
import { toStoreError } from '../store';

/** Folders locked by desks in this process (a pid check cannot tell two of our own desks apart). */
const heldHere = new Set<string>();

export class DeskLockedError extends Error {
  override name = 'DeskLockedError';
}

export interface DeskLock {
  release(): void;
}

/** What the lock file says: the holder's pid and, from this version on, when it started. */
export interface LockHolder {
  pid: number;
  /** An opaque start-time identity (see processStart); null in locks written by earlier versions. */
  started: string | null;
}

export type ProcessState =
  { state: 'running'; started: string | null } | { state: 'zombie' } | { state: 'gone' };

/** Reads /proc/<pid>/stat: the state (third field) and the start time (22nd), after the "(command)". */
export function parseProcStat(stat: string): { state: string; startTicks: string } | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks && /^\d+$/.test(startTicks) ? { state, startTicks } : null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function linuxProcess(pid: number): ProcessState {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return { state: 'gone' };
  const parsed = parseProcStat(stat);
  if (!parsed) return { state: 'running', started: null };
  // Z: zombie (killed, not yet reaped); X: dead.
  if (parsed.state === 'Z' || parsed.state === 'X') return { state: 'zombie' };
  const boot = readText('/proc/sys/kernel/random/boot_id')?.trim() ?? 'boot';
  return { state: 'running', started: `${boot}:${parsed.startTicks}` };
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function psProcess(pid: number): ProcessState {
  if (!signalable(pid)) return { state: 'gone' };
  try {
    const line = execFileSync('ps', ['-o', 'stat=', '-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (line === '') return { state: 'gone' };
    const [stat = '', ...start] = line.split(/\s+/);
    if (stat.startsWith('Z')) return { state: 'zombie' };
    return { state: 'running', started: start.join(' ') || null };
  } catch {
    return { state: 'running', started: null };
  }
}

/** Whether `pid` runs, and since when (an identity to compare, not a time to compute with). */
export function processState(pid: number, platform: NodeJS.Platform = process.platform): ProcessState {
  if (platform === 'linux') return linuxProcess(pid);
  if (platform === 'win32') return signalable(pid) ? { state: 'running', started: null } : { state: 'gone' };
  return psProcess(pid);
}

/** Linux: when `pid` started, in epoch milliseconds (boot time + start ticks at 100 Hz); null elsewhere. */
function linuxStartedAt(pid: number): number | null {
  const parsed = parseProcStat(readText(`/proc/${pid}/stat`) ?? '');
  const bootSeconds = /^btime (\d+)$/m.exec(readText('/proc/stat') ?? '')?.[1];
  if (!parsed || !bootSeconds) return null;
  return Number(bootSeconds) * 1000 + Number(parsed.startTicks) * 10;
}

export function parseLock(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), started: null };
  try {
    const parsed = JSON.parse(trimmed) as Partial<LockHolder>;
    if (Number.isInteger(parsed.pid) && (parsed.pid ?? 0) > 0) {
      return { pid: parsed.pid!, started: typeof parsed.started === 'string' ? parsed.started : null };
    }
  } catch {
    // unreadable: treated as no holder
  }
  return null;
}

function holderOf(file: string): LockHolder | null {
  const text = readText(file);
  return text === null ? null : parseLock(text);
}

/** Why the lock in `file` still holds (the holder runs), or null when it is stale. */
export function liveHolder(file: string, platform: NodeJS.Platform = process.platform): LockHolder | null {
  const holder = holderOf(file);
  if (!holder || holder.pid === process.pid) return null;
  const now = processState(holder.pid, platform);
  if (now.state !== 'running') return null;
  if (holder.started !== null && now.started !== null) {
    return holder.started === now.started ? holder : null;
  }
  if (holder.started === null && platform === 'linux') {
    // An earlier version's lock: a process that started after the lock was written cannot have written it.
    const startedAt = linuxStartedAt(holder.pid);
    const writtenAt = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (startedAt !== null && writtenAt !== undefined && startedAt > writtenAt + 1_000) return null;
  }
  return holder;
}

export function acquireDeskLock(dataDir: string, platform: NodeJS.Platform = process.platform): DeskLock {
  const folder = resolve(dataDir);
  if (heldHere.has(folder)) {
    throw new DeskLockedError(`A desk in this process is already using ${dataDir}`);
  }
  const file = join(folder, 'desk.lock');
  try {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    throw toStoreError(error, databasePath(folder)) ?? error;
  }
  const me = processState(process.pid, platform);
  const record: LockHolder = {
    pid: process.pid,
    started: me.state === 'running' ? me.started : null,
  };
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(record));
      closeSync(fd);
      heldHere.add(folder);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(folder);
          if (holderOf(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      // A folder that cannot be written (read-only, full) is said as the store would say it, naming it.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw toStoreError(error, databasePath(folder)) ?? error;
      const holder = liveHolder(file, platform);
      if (holder) {
        throw new DeskLockedError(
          `Another Auto Call Scheduler (process ${holder.pid}) is already using ${dataDir}; close it first, or give this one its own ACS_DATA_DIR` +
            (holder.started === null ? ` (if no such program runs, delete ${file})` : ''),
        );
      }
      // Left by a process that died, was reused, or is a zombie (or by an earlier desk of this process): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new DeskLockedError(`Could not lock ${dataDir}: another process keeps taking it`);
}
