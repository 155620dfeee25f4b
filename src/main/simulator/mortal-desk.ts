/**
 * What a `kill -9` does to a desk, on the simulator's virtual clock: the desk's timers never fire again, its
 * requests to VAPI never come back to it and its store connection closes, without any shutdown code running.
 * VAPI (the fake) and the SQLite file live on, as they would.
 */
import type { Clock, TimerHandle } from '../clock';
import type { CallProvider } from '../engine/provider';

/** A clock whose timers all die with the desk that owns them. */
export class MortalClock implements Clock {
  private readonly timers = new Set<TimerHandle>();
  private dead = false;

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    if (this.dead) return { cancel: () => undefined };
    const handle = this.base.setTimeout(() => {
      this.timers.delete(handle);
      if (!this.dead) fn();
    }, ms);
    this.timers.add(handle);
    return {
      cancel: () => {
        handle.cancel();
        this.timers.delete(handle);
      },
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  kill(): void {
    this.dead = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }
}

/** A provider whose answers stop reaching the desk once it is dead: its awaits never resume. */
export function mortalProvider(inner: CallProvider): CallProvider & { kill(): void } {
  let dead = false;
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      new Promise<R>((resolve, reject) => {
        if (dead) return;
        method(...args).then(
          (value) => {
            if (!dead) resolve(value);
          },
          (error: unknown) => {
            if (!dead) reject(error);
          },
        );
      });
  return {
    createCall: guard((request, options) => inner.createCall(request, options)),
    getCall: guard((id) => inner.getCall(id)),
    listCalls: guard((query) => inner.listCalls(query)),
    kill: () => {
      dead = true;
    },
  };
}
