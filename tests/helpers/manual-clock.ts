/**
 * A test clock that moves only when told. By default `sleep` moves time forward itself and resolves at once
 * (so code that backs off finishes immediately while the waits are recorded); with `autoAdvanceSleeps: false`
 * sleeps wait like timers until `advance` passes them.
 */
import type { Clock, TimerHandle } from '../../src/main/clock';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class ManualClock implements Clock {
  /** Every `sleep` duration asked for, in order. */
  readonly sleeps: number[] = [];
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly autoAdvanceSleeps: boolean;

  constructor(start = Date.UTC(2026, 10, 24, 4, 30), options: { autoAdvanceSleeps?: boolean } = {}) {
    this.current = start;
    this.autoAdvanceSleeps = options.autoAdvanceSleeps ?? true;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (this.autoAdvanceSleeps) {
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Timers (and, without auto-advance, sleeps) not yet fired. */
  get pendingTimers(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }

  /** Moves time forward by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(end: number): void {
    for (;;) {
      this.timers = this.timers.filter((timer) => !timer.cancelled);
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, end);
  }
}
