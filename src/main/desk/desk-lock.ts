/**
 * One desk per data folder: the desktop app and the headless host (or two hosts) must never both dial from the
 * same call history. The first takes `desk.lock` (its pid); a later one is refused with a message saying who
 * holds it. A lock left by a process that no longer runs is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders locked by desks in this process (a pid check cannot tell two of our own desks apart). */
const heldHere = new Set<string>();

export class DeskLockedError extends Error {
  override name = 'DeskLockedError';
}

export interface DeskLock {
  release(): void;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function acquireDeskLock(dataDir: string): DeskLock {
  const folder = resolve(dataDir);
  if (heldHere.has(folder)) {
    throw new DeskLockedError(`A desk in this process is already using ${dataDir}`);
  }
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'desk.lock');
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(folder);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(folder);
          if (holderOf(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      if (holder !== null && holder !== process.pid && processIsRunning(holder)) {
        throw new DeskLockedError(
          `Another Auto Call Scheduler (process ${holder}) is already using ${dataDir}; close it first, or give this one its own ACS_DATA_DIR`,
        );
      }
      // Left behind by a process that died (or by an earlier desk of this process that never closed): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new DeskLockedError(`Could not lock ${dataDir}: another process keeps taking it`);
}
