/**
 * Knows when the machine slept, so the desk can catch up the slots it missed (the decision itself is the
 * engine's: domain/schedule.ts catchUpDecision). Electron's powerMonitor reports suspend and resume, but not
 * on every Linux desktop, so a heartbeat that notices a long gap between ticks is the fallback. Each sleep is
 * reported once, whichever of the two notices it first.
 */

export const HEARTBEAT_MS = 30_000;
/** A gap this long between heartbeats means the process was frozen: the machine slept. */
export const SLEEP_GAP_MS = 3 * 60_000;

export class SleepWatch {
  private suspendedAt: number | null = null;
  private lastTick: number;

  constructor(
    now: number,
    private readonly gapMs: number = SLEEP_GAP_MS,
  ) {
    this.lastTick = now;
  }

  /** powerMonitor 'suspend'. */
  suspended(now: number): void {
    this.suspendedAt ??= now;
  }

  /** powerMonitor 'resume': when the sleep began, or null if already reported (or no sleep is known). */
  resumed(now: number): number | null {
    const sleptAt = this.suspendedAt ?? (now - this.lastTick >= this.gapMs ? this.lastTick : null);
    this.suspendedAt = null;
    this.lastTick = now;
    return sleptAt;
  }

  /** The heartbeat: when the sleep began if this tick comes after a long gap, else null. */
  tick(now: number): number | null {
    const gap = now - this.lastTick;
    this.lastTick = now;
    if (gap < this.gapMs) return null;
    const sleptAt = this.suspendedAt ?? now - gap;
    this.suspendedAt = null;
    return sleptAt;
  }
}
