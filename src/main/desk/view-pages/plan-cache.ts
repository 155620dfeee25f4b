/**
 * The Queue's and Orders' plans, made once and kept until something changes them. A kept plan is used again
 * while three things hold:
 *  - the database is as it was: SQLite's data_version moves with every commit of another connection (an
 *    import, a sync, a call starting or ending, settings, the reconciler), so no write is missed;
 *  - the calling settings are the same;
 *  - the session asked about starts in [the plan's session start, its first cooldown's or reschedule's end):
 *    planning depends on the clock only at those instants, so a plan for "now" serves every later "now"
 *    until then, and the queue for the next slot serves until the slot passes (the slot becomes "now").
 * At most two plans are kept (the next session's, and "now" for the Orders view when the two differ).
 *
 * While the desk writes all the time (a session dialling), a plan that takes long to make is made at most
 * half the time (waitBeforePlanning); meanwhile a read may be answered from the newest plan kept, a plan-time
 * old at most (`stale`), and the console, which refetches while the data changes, catches up with the next.
 */
import type { RunningSession } from '../../domain/forecast';
import type { CallingSettings } from '../../domain/settings';
import type { SqliteDatabase } from '../../store/database';
import type { SessionNumbers } from '../session-queue';
import { planDesk, type PlannedDesk } from './plan-inputs';
import { dropSnapshot, writeSnapshot, type PlanSnapshot } from './plan-snapshot';

export type Planner = (
  db: SqliteDatabase,
  settings: CallingSettings,
  sessionStart: number,
  running: RunningSession | null,
) => PlannedDesk;

/** The session dialling now, as the Queue lists it (session-queue.ts); null or absent without one. */
export type RunningNumbers = SessionNumbers | null | undefined;

/**
 * What a kept plan was made for besides the data: the settings and the session dialling now (`settings`),
 * and where that session stands (`progress`: its numbers on a line and waiting). A stale read may be served
 * a plan of the same settings and session at an earlier point of its progress.
 */
function keyOf(settings: CallingSettings, session: RunningNumbers): { settings: string; progress: string } {
  const numbers = (list: readonly { phoneE164: string }[]) => list.map((n) => n.phoneE164).join(',');
  return {
    settings: `${JSON.stringify(settings)}#${session ? `${session.sessionId}@${session.startedAt}` : ''}`,
    progress: session ? `${numbers(session.dialling)}|${numbers(session.waiting)}` : '',
  };
}

export interface PlanCacheOptions {
  /** How plans are made (planDesk by default; tests count the calls). */
  planner?: Planner;
  capacity?: number;
  /** Milliseconds, for how long planning took. */
  timer?: () => number;
}

interface Kept {
  snapshot: PlanSnapshot;
  dataVersion: number;
  key: { settings: string; progress: string };
  usedAt: number;
}

/** Plans that take at least this long are not made again sooner than their own duration after the last. */
const THROTTLE_FROM_MS = 100;

export class PlanCache {
  private kept: Kept[] = [];
  private nextId = 1;
  private uses = 0;
  private lastBuild: { endedAt: number; ms: number } | null = null;
  private readonly planner: Planner;
  private readonly capacity: number;
  private readonly timer: () => number;
  /** How many plans were made (for the benchmarks and tests). */
  builds = 0;

  constructor(
    private readonly db: SqliteDatabase,
    options: PlanCacheOptions = {},
  ) {
    this.planner = options.planner ?? planDesk;
    this.capacity = options.capacity ?? 2;
    this.timer = options.timer ?? (() => performance.now());
  }

  /** The commit counter of the other connections: it moves whenever the desk's data changes. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private find(
    dataVersion: number | 'any',
    settings: CallingSettings,
    sessionStart: number,
    session: RunningNumbers,
  ): Kept | undefined {
    const key = keyOf(settings, session);
    const fits = this.kept.filter(
      (kept) =>
        (dataVersion === 'any' || (kept.dataVersion === dataVersion && kept.key.progress === key.progress)) &&
        kept.key.settings === key.settings &&
        kept.snapshot.sessionStart <= sessionStart &&
        sessionStart < kept.snapshot.validUntil,
    );
    return fits.reduce<Kept | undefined>(
      (newest, kept) => (!newest || kept.snapshot.id > newest.snapshot.id ? kept : newest),
      undefined,
    );
  }

  /**
   * How long to wait before planning anew, so that a desk whose data changes all the time (a session
   * dialling) is planned at most half the time: 0 when a kept plan serves, or planning is cheap; else at
   * least 1, so that a read is answered from the plan kept (if any) and the new one made after it.
   */
  waitBeforePlanning(settings: CallingSettings, sessionStart: number, session?: RunningNumbers): number {
    if (this.find(this.dataVersion(), settings, sessionStart, session)) return 0;
    if (!this.lastBuild || this.lastBuild.ms < THROTTLE_FROM_MS) return 0;
    // At least a millisecond: a slow plan is never made while a reader waits if an older one can answer.
    return Math.max(1, this.lastBuild.endedAt + this.lastBuild.ms - this.timer());
  }

  /**
   * The plan for a session starting at `sessionStart`: a kept one, or a new one, made in a transaction of its
   * own begun after `dataVersion` was read, so that a plan is never older than the version it is kept under.
   * A plan that fails to be made is not kept (its tables go with the rolled-back transaction). With `stale`,
   * a kept plan of older data serves when there is one (see waitBeforePlanning). With `session` (the session
   * dialling now), the plan is the next session's as it will be once that one is done, and lists the
   * session's own numbers first (plan-snapshot.ts).
   */
  snapshot(
    dataVersion: number,
    settings: CallingSettings,
    sessionStart: number,
    options: { stale?: boolean; session?: RunningNumbers } = {},
  ): PlanSnapshot {
    this.uses += 1;
    const { session } = options;
    const found =
      this.find(dataVersion, settings, sessionStart, session) ??
      (options.stale ? this.find('any', settings, sessionStart, session) : undefined);
    if (found) {
      found.usedAt = this.uses;
      return found.snapshot;
    }
    // Plans of older data are never used again.
    for (const stale of this.kept.filter((kept) => kept.dataVersion !== dataVersion)) this.drop(stale);
    const began = this.timer();
    const id = this.nextId++;
    const running = session ? { startedAt: session.startedAt, waiting: session.waiting } : null;
    const snapshot = this.db.transaction(() =>
      writeSnapshot(this.db, id, this.planner(this.db, settings, sessionStart, running), session ?? null),
    )();
    const endedAt = this.timer();
    this.lastBuild = { endedAt, ms: endedAt - began };
    this.builds += 1;
    this.kept.push({ snapshot, dataVersion, key: keyOf(settings, session), usedAt: this.uses });
    while (this.kept.length > this.capacity) {
      this.drop(this.kept.reduce((oldest, kept) => (kept.usedAt < oldest.usedAt ? kept : oldest)));
    }
    return snapshot;
  }

  /** Whether any kept plan, of whatever data, fits these settings and this session start. */
  hasAny(settings: CallingSettings, sessionStart: number, session?: RunningNumbers): boolean {
    return this.find('any', settings, sessionStart, session) !== undefined;
  }

  /** A kept snapshot by id (a cursor's), if it is still kept. */
  byId(id: number): PlanSnapshot | undefined {
    return this.kept.find((kept) => kept.snapshot.id === id)?.snapshot;
  }

  clear(): void {
    for (const kept of [...this.kept]) this.drop(kept);
  }

  private drop(kept: Kept): void {
    dropSnapshot(this.db, kept.snapshot);
    this.kept = this.kept.filter((other) => other !== kept);
  }
}
