/**
 * A clock whose time moves only when told: the simulator and tests run a whole day in seconds with it. Timers
 * fire in time order; between timers, `advanceTo` lets real I/O (HTTP to the fake VAPI) settle first.
 */
import type { Clock, TimerHandle } from '../clock';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** The time of the next live timer, or null when none is pending. */
  nextTimerAt(): number | null {
    this.timers = this.timers.filter((timer) => !timer.cancelled);
    if (this.timers.length === 0) return null;
    return Math.min(...this.timers.map((timer) => timer.at));
  }

  /**
   * Moves time forward to `end`, firing every timer due on the way in order. Before each timer, `settle` is
   * awaited so that work started by the previous one (promises, real sockets) finishes at the same virtual
   * instant.
   */
  async advanceTo(end: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      await settle();
      const next = this.nextTimerAt();
      if (next === null || next > end) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const timer = this.timers.shift()!;
      this.current = Math.max(this.current, timer.at);
      timer.fn();
    }
    this.current = Math.max(this.current, end);
    await settle();
  }
}
