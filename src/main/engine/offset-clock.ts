/**
 * A wall clock set to another time: it starts at a chosen instant and then runs forward in real time. The
 * headless host's `--clock-start` uses it so a demo or a browser test can be "at 10:58 in Kolkata" (or
 * outside working hours) whatever the machine's time, with timers lasting as long as they say.
 */
import { systemClock, type Clock } from '../clock';

export function offsetClock(startAt: number, base: Clock = systemClock): Clock {
  const offset = startAt - base.now();
  return {
    now: () => base.now() + offset,
    setTimeout: (fn, ms) => base.setTimeout(fn, ms),
    sleep: (ms) => base.sleep(ms),
  };
}
