/**
 * Store failures at run time, seen by the operator once. A full disk mid-session used to log "database or disk
 * is full" hundreds of times a second (every call follower, every poll); now the first failure of each kind
 * becomes ONE attention alert naming the folder and what to do, `onFatal(kind)` is called once (the desk stops
 * the scheduler: nothing should dial while nothing can be recorded), and later log lines repeating a failure
 * already alerted are dropped (counted in `suppressed`). A busy database is worth a warning, not a stop.
 * `reset()` (the operator starts the scheduler again) lets a recurrence alert again.
 */
import type { Logger } from '../log';
import { classifyStoreError, toStoreError, type StoreErrorKind } from '../store';

/** Kinds after which the desk cannot go on recording calls. */
const FATAL: ReadonlySet<StoreErrorKind> = new Set(['disk-full', 'read-only', 'corrupt', 'io']);

export interface StoreHealthOptions {
  /** The database file (named in an alert when the error does not name it). */
  file: string;
  /** Where the one alert per kind goes: an error line is an attention item in the console and the tray. */
  logger: Logger;
  now: () => number;
  onFatal: (kind: StoreErrorKind) => void;
}

export class StoreHealth {
  /** kind → the message alerted for it; a later line containing it is a repeat. */
  private readonly alerted = new Map<StoreErrorKind, string>();
  private dropped = 0;

  constructor(private readonly options: StoreHealthOptions) {}

  /** Takes note of a failure; returns its kind, or null when `error` is not a store failure. */
  report(error: unknown): StoreErrorKind | null {
    const kind = classifyStoreError(error);
    if (!kind || this.alerted.has(kind)) return kind;
    // A StoreError already names the file and the fix; anything else (a backup's error) is made into one.
    const message = toStoreError(error, this.options.file)?.message ?? String(error);
    const fatal = FATAL.has(kind);
    this.alerted.set(kind, message);
    this.options.logger.log({
      at: this.options.now(),
      level: fatal ? 'error' : 'warn',
      message: fatal ? `${message} The scheduler has been stopped.` : message,
    });
    if (fatal) this.options.onFatal(kind);
    return kind;
  }

  /** `inner` without the lines that repeat a store failure already alerted. */
  quiet(inner: Logger): Logger {
    return {
      log: (entry) => {
        if (this.repeats(entry.message)) this.dropped += 1;
        else inner.log(entry);
      },
    };
  }

  /** Store failures alerted since the start (or the last reset). */
  problems(): StoreErrorKind[] {
    return [...this.alerted.keys()];
  }

  /** How many log lines were dropped as repeats. */
  get suppressed(): number {
    return this.dropped;
  }

  /** The operator acted (started the scheduler again): the next failure alerts again. */
  reset(): void {
    this.alerted.clear();
  }

  private repeats(message: string): boolean {
    if (this.alerted.size === 0) return false;
    for (const alerted of this.alerted.values()) if (message.includes(alerted)) return true;
    const kind = classifyStoreError(message);
    return kind !== null && this.alerted.has(kind);
  }
}
