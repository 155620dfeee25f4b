/**
 * The desk's Queue, Orders and History methods: pages read by the view worker (view-pages/), given what only
 * the desk knows: the calling settings, the desk's clock, whether a run now is refused and the next slot
 * (the queue is for now when a run now may start, else for the next slot), and the session dialling now
 * (its numbers come first in the Queue, 'in this session', and the next session is planned as if they were
 * called). The worker plans and forecasts the rest of today itself: a Queue read never plans on this thread.
 */
import type { DeskApi } from '../../shared/contract';
import type { CallingSettings } from '../domain/settings';
import type { Clock } from '../clock';
import type { Scheduler } from '../engine/scheduler';
import type { Foresight } from './foresight';
import type { DeskViews } from './view-pages/view-client';

export interface ViewHandlerDeps {
  views: DeskViews;
  settings: () => CallingSettings;
  clock: Clock;
  scheduler: Pick<Scheduler, 'nextRuns' | 'runNowRefusal' | 'running'>;
  /** Why live calls cannot be placed now (Live — incomplete), or null. */
  liveProblem: () => string | null;
  foresight: Pick<Foresight, 'sessionNumbers'>;
}

export function viewHandlers(deps: ViewHandlerDeps): Pick<DeskApi, 'queue' | 'orders' | 'history'> {
  const { views, clock, scheduler, foresight } = deps;
  return {
    queue: (args) => {
      const now = clock.now();
      const nextSlot = scheduler.nextRuns(1)[0] ?? null;
      // As run now decides (foresight.ts): refused by the scheduler or Live — incomplete, the next slot;
      // else now, if anyone is due now (the worker sees from its plan), or the next slot.
      const refused = scheduler.runNowRefusal() !== null || deps.liveProblem() !== null;
      return views.queue(args, {
        settings: deps.settings(),
        plannedFor: refused ? (nextSlot ?? now) : now,
        ...(refused ? {} : { nextSlot }),
        session: foresight.sessionNumbers(),
        forecast: { now, schedulerRunning: scheduler.running },
      });
    },
    orders: (args) => views.orders(args, { settings: deps.settings(), now: clock.now() }),
    history: (args) => views.history(args),
  };
}
