/**
 * What fires the scheduled sessions. In the app, node-schedule jobs with the desk's time zone; on a virtual
 * clock (simulator, tests), the same slot instants computed by the domain's `nextSlots` and armed on that
 * clock. The scheduler is the same either way.
 */
import schedule from 'node-schedule';
import { parseHhMm } from '../domain/local-time';
import { nextSlots } from '../domain/schedule';
import type { Clock, TimerHandle } from '../clock';

export interface SlotPlan {
  slots: string[];
  timezone: string;
}

export interface ArmedSlots {
  cancel(): void;
}

export interface SlotTimer {
  /** Calls `onSlot(slotInstant)` at every slot until cancelled. */
  arm(plan: SlotPlan, onSlot: (slotInstant: number) => void): ArmedSlots;
}

/** node-schedule: one recurring job per slot, in the desk's time zone. */
export const nodeScheduleSlotTimer: SlotTimer = {
  arm(plan, onSlot) {
    const jobs = plan.slots.map((slot) => {
      const minutes = parseHhMm(slot);
      if (minutes === null) throw new Error(`slots: "${slot}" is not a time of day in HH:MM`);
      const rule = new schedule.RecurrenceRule();
      rule.hour = Math.floor(minutes / 60);
      rule.minute = minutes % 60;
      rule.second = 0;
      rule.tz = plan.timezone;
      return schedule.scheduleJob(rule, (fireDate: Date) => onSlot(fireDate.getTime()));
    });
    return { cancel: () => jobs.forEach((job) => job?.cancel()) };
  },
};

/** The slots armed one at a time on an injected clock (virtual in the simulator). */
export function clockSlotTimer(clock: Clock): SlotTimer {
  return {
    arm(plan, onSlot) {
      let timer: TimerHandle | null = null;
      let cancelled = false;
      const armNext = (after: number) => {
        const [next] = nextSlots(after, plan, 1);
        if (next === undefined || cancelled) return;
        timer = clock.setTimeout(() => {
          armNext(next);
          onSlot(next);
        }, next - clock.now());
      };
      armNext(clock.now());
      return {
        cancel: () => {
          cancelled = true;
          timer?.cancel();
        },
      };
    },
  };
}
