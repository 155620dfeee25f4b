/**
 * The desk's Queue, Orders and History methods: pages read by the view worker (view-pages/), given what only
 * the desk knows: the calling settings, the desk's clock, and the session the queue is planned for (now when
 * a session may start now, else the next slot).
 */
import type { DeskApi } from '../../shared/contract';
import type { CallingSettings } from '../domain/settings';
import type { Clock } from '../engine/clock';
import type { Scheduler } from '../engine/scheduler';
import type { DeskViews } from './view-pages/view-client';

export interface ViewHandlerDeps {
  views: DeskViews;
  settings: () => CallingSettings;
  clock: Clock;
  scheduler: Pick<Scheduler, 'runNowRefusal' | 'nextRuns'>;
}

export function viewHandlers(deps: ViewHandlerDeps): Pick<DeskApi, 'queue' | 'orders' | 'history'> {
  const { views, clock, scheduler } = deps;
  const plannedFor = () => {
    const now = clock.now();
    return scheduler.runNowRefusal() === null ? now : (scheduler.nextRuns(1)[0] ?? now);
  };
  return {
    queue: (args) => views.queue(args, { settings: deps.settings(), plannedFor: plannedFor() }),
    orders: (args) => views.orders(args, { settings: deps.settings(), now: clock.now() }),
    history: (args) => views.history(args),
  };
}
