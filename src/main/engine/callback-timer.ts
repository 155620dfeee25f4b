/**
 * Customers who asked to be called back at a time are called at that time, not at the next slot: this timer
 * wakes the scheduler at the earliest callback a customer asked for, once per instant (a callback that cannot
 * be made then — a session still dialling, the scheduler stopped — is taken by the next session that plans).
 */
import type { Store } from '../store';
import type { Clock, TimerHandle } from '../clock';

export class CallbackTimer {
  private timer: TimerHandle | null = null;
  /** Callback instants up to here have been offered to the scheduler. */
  private handledUntil: number;

  constructor(private readonly deps: { store: Store; clock: Clock; onDue: (at: number) => void }) {
    this.handledUntil = deps.clock.now();
  }

  /** Looks for the next pending callback and sets the timer for it. */
  arm(): void {
    this.cancel();
    const next = this.deps.store.calls.nextCallbackAfter(this.handledUntil);
    if (next === null) return;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = null;
        this.handledUntil = Math.max(this.handledUntil, next);
        this.deps.onDue(next);
        this.arm();
      },
      Math.max(0, next - this.deps.clock.now()),
    );
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
