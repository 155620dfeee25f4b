/**
 * The desk's Queue, Orders and History methods: pages read by the view worker (view-pages/), given what only
 * the desk knows: the calling settings, the desk's clock, the session the queue is planned for (now when a
 * run now may start, else the next slot), the session dialling now (its numbers come first in the Queue,
 * 'in this session', and the next session is planned as if they were called) and the rest of today's
 * forecast (foresight.ts: made and kept on the main thread, shared with Today).
 */
import type { DeskApi } from '../../shared/contract';
import type { CallingSettings } from '../domain/settings';
import type { Clock } from '../clock';
import type { Scheduler } from '../engine/scheduler';
import type { Foresight } from './foresight';
import type { DeskViews } from './view-pages/view-client';
import { forecastView } from './views';

export interface ViewHandlerDeps {
  views: DeskViews;
  settings: () => CallingSettings;
  clock: Clock;
  scheduler: Pick<Scheduler, 'nextRuns'>;
  foresight: Pick<Foresight, 'runNow' | 'sessionNumbers' | 'forecast'>;
}

export function viewHandlers(deps: ViewHandlerDeps): Pick<DeskApi, 'queue' | 'orders' | 'history'> {
  const { views, clock, scheduler, foresight } = deps;
  return {
    queue: async (args) => {
      const now = clock.now();
      const plannedFor = foresight.runNow().allowed ? now : (scheduler.nextRuns(1)[0] ?? now);
      const session = foresight.sessionNumbers();
      const page = await views.queue(args, { settings: deps.settings(), plannedFor, session });
      return { ...page, forecast: forecastView(foresight.forecast()) };
    },
    orders: (args) => views.orders(args, { settings: deps.settings(), now: clock.now() }),
    history: (args) => views.history(args),
  };
}
