/**
 * Call retention: history older than the kept days (Settings → answers.keepCallsDays, 180 by default) is
 * removed when the desk starts and once a day after, on the desk's clock, a batch per transaction so the
 * engine never waits long for the database. What is kept whatever its age is the store's rule
 * (store/retention.ts). The original's daily wipe of everything is deliberately not reproduced: a day's
 * calls stay until they are older than the kept days.
 */
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate } from '../domain/local-time';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log';
import type { RetentionCursor, Store } from '../store';
import type { DeskSettings } from './desk-settings';

/** The first instant kept: midnight (desk time) `keepDays` days before today, so whole days are kept. */
export function retentionCutoff(now: number, keepDays: number, timezone: string): number {
  return addLocalDays(atLocalTimeOnSameDay(now, '00:00', timezone), -keepDays, timezone);
}

export interface RetentionRun {
  /** YYYY-MM-DD: calls started before this day were looked at. */
  before: string;
  keepDays: number;
  removed: number;
  /** Old calls kept: unresolved, an open action points at them, or their order is still callable. */
  kept: number;
  sessions: number;
  skippedRuns: number;
}

export interface CallRetentionOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Read at each run: a changed setting applies at the next one. */
  keepDays: () => number;
  timezone: () => string;
  /** Calls examined per transaction. */
  batchSize?: number;
}

const CHECK_EVERY_MS = 60 * 60_000;
const BATCH_SIZE = 500;
const counts = new Intl.NumberFormat('en-IN');

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${counts.format(n)} ${n === 1 ? singular : plural}`;
}

/** Lets the event loop run between batches (timers, VAPI replies, the console), whatever clock the desk has. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class CallRetention {
  private timer: TimerHandle | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private lastDay: string | null = null;

  constructor(private readonly options: CallRetentionOptions) {}

  /** Runs now, then checks hourly and runs once per desk day. */
  start(): void {
    if (this.stopped || this.running) return;
    const { clock, timezone } = this.options;
    const today = formatLocalDate(clock.now(), timezone());
    const due = this.lastDay !== today;
    this.running = (due ? this.runNow() : Promise.resolve(null))
      .then((run) => {
        if (run) this.lastDay = today;
      })
      .catch((error: unknown) =>
        this.options.logger.log({
          at: clock.now(),
          level: 'warn',
          message: `Removing old calls failed (tried again in an hour): ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = clock.setTimeout(() => this.start(), CHECK_EVERY_MS);
      });
  }

  /** Removes what is older than the kept days now, in batches; logs what it removed. */
  async runNow(): Promise<RetentionRun> {
    const { store, clock, logger } = this.options;
    const keepDays = this.options.keepDays();
    const timezone = this.options.timezone();
    const cutoff = retentionCutoff(clock.now(), keepDays, timezone);
    const run: RetentionRun = {
      before: formatLocalDate(cutoff, timezone),
      keepDays,
      removed: 0,
      kept: 0,
      sessions: 0,
      skippedRuns: 0,
    };
    let cursor: RetentionCursor | null = null;
    do {
      const batch = store.retention.removeCallsBefore(cutoff, cursor, this.options.batchSize ?? BATCH_SIZE);
      run.removed += batch.removed;
      run.kept += batch.kept;
      cursor = batch.next;
      if (cursor) await breathe();
    } while (cursor && !this.stopped);
    const emptied = store.retention.removeEmptyDaysBefore(cutoff);
    run.sessions = emptied.sessions;
    run.skippedRuns = emptied.skippedRuns;
    if (run.removed > 0 || run.kept > 0) {
      const kept =
        run.kept > 0
          ? `; kept ${count(run.kept, 'older call')} that VAPI has not settled, an open action needs, or an order still being called needs`
          : '';
      logger.log({
        at: clock.now(),
        level: 'info',
        message: `Removed ${count(run.removed, 'call')} older than ${count(keepDays, 'day')} (before ${run.before})${kept}`,
      });
    }
    return run;
  }

  /** Stops the daily check and waits for a run in progress (the database must not close under it). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }
}

/** The desk's retention, started: kept days and time zone read from the settings at each run. */
export function startCallRetention(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: Pick<DeskSettings, 'answers' | 'calling'>;
}): CallRetention {
  const retention = new CallRetention({
    ...deps,
    keepDays: () => deps.settings.answers().keepCallsDays,
    timezone: () => deps.settings.calling().timezone,
  });
  retention.start();
  return retention;
}
