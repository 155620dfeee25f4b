/**
 * Writes that record what VAPI did must not be lost to a passing lock: another process (a backup tool, a
 * second connection importing a file) may hold the SQLite file for a few seconds. Such a write is retried on
 * the engine's clock with backoff until it lands; any other store error is thrown at once (a full disk or a
 * read-only file does not pass by waiting). The caller keeps the truth in memory meanwhile and never turns a
 * failed write into "nobody was dialled".
 */
import type { Logger } from '../log';
import type { Clock } from '../clock';

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);
const FIRST_WAIT_MS = 50;
const LONGEST_WAIT_MS = 2_000;
/** Past this, the lock is not passing: the write fails and the caller's fallback (the reconciler) takes over. */
const GIVE_UP_AFTER_MS = 10 * 60_000;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, ...), SQLITE_LOCKED likewise. */
export function isBusyError(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return BUSY_CODES.has(code) || [...BUSY_CODES].some((busy) => code.startsWith(`${busy}_`));
}

export interface DurableWriteDeps {
  clock: Clock;
  logger: Logger;
}

export async function durableWrite<T>(deps: DurableWriteDeps, what: string, write: () => T): Promise<T> {
  const started = deps.clock.now();
  let wait = FIRST_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      const result = write();
      if (told) {
        deps.logger.log({
          at: deps.clock.now(),
          level: 'info',
          message: `The database is free again: ${what}`,
        });
      }
      return result;
    } catch (error) {
      if (!isBusyError(error) || deps.clock.now() - started >= GIVE_UP_AFTER_MS) throw error;
      if (!told) {
        told = true;
        deps.logger.log({
          at: deps.clock.now(),
          level: 'warn',
          message: `The database is locked by another program; waiting to record: ${what}`,
        });
      }
      await deps.clock.sleep(wait);
      wait = Math.min(LONGEST_WAIT_MS, wait * 2);
    }
  }
}

/** What one item of a batch write came to: its value, or the error that failed it alone. */
export type EachWritten<T> = { value: T } | { error: unknown };

/**
 * Writes the items of a batch in ONE transaction (one commit: the rows of a round's calls, the results one
 * read saw), durably as durableWrite does. An item that cannot be written fails alone; a lock fails them all,
 * and the whole transaction is tried again.
 */
export function durableWriteEach<Item, T>(
  deps: DurableWriteDeps & { store: { transaction<R>(work: () => R): R } },
  what: string,
  items: readonly Item[],
  write: (item: Item) => T,
): Promise<EachWritten<T>[]> {
  return durableWrite(deps, what, () =>
    deps.store.transaction(() =>
      items.map((item): EachWritten<T> => {
        try {
          return { value: write(item) };
        } catch (error) {
          if (isBusyError(error)) throw error;
          return { error };
        }
      }),
    ),
  );
}
