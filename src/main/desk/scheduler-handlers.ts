/**
 * The desk's scheduler methods: start and stop the scheduler (the operator's wish is kept across restarts),
 * run a session now (refused with the reason, and recorded like the scheduler's own refusals, when the desk
 * knows nobody is due or VAPI is not ready), and stop the running session.
 */
import type { DeskApi } from '../../shared/contract';
import type { DeskStatus } from '../../shared/desk-types';
import type { Clock } from '../clock';
import type { Scheduler } from '../engine/scheduler';
import type { Logger } from '../log';
import type { Store } from '../store';
import type { DeskSettings } from './desk-settings';
import type { Foresight } from './foresight';
import type { StoreHealth } from './store-health';

export interface SchedulerHandlerDeps {
  scheduler: Scheduler;
  settings: Pick<DeskSettings, 'setSchedulerWanted'>;
  health: Pick<StoreHealth, 'reset'>;
  foresight: Pick<Foresight, 'runNow'>;
  store: Store;
  clock: Clock;
  logger: Logger;
  changed: () => void;
  status: () => DeskStatus;
}

type SchedulerMethods = 'startScheduler' | 'stopScheduler' | 'runNow' | 'stopSession';

export function schedulerHandlers(deps: SchedulerHandlerDeps): Pick<DeskApi, SchedulerMethods> {
  const { scheduler, settings, clock } = deps;
  return {
    startScheduler: async () => {
      // Starting again is the operator's answer to a store alert: a recurrence may alert again.
      deps.health.reset();
      settings.setSchedulerWanted(true);
      scheduler.start();
      return deps.status();
    },
    stopScheduler: async () => {
      settings.setSchedulerWanted(false);
      scheduler.stop();
      return deps.status();
    },
    runNow: async () => {
      // The desk's own refusals (Live — incomplete, nobody due) are recorded like the scheduler's.
      const decision = deps.foresight.runNow();
      if (decision.allowed || !decision.byDesk) return scheduler.runNow();
      const reason = decision.reason!;
      deps.store.sessions.recordSkippedRun({ at: clock.now(), trigger: 'manual', reason });
      deps.logger.log({ at: clock.now(), level: 'warn', message: `Run now refused: ${reason}` });
      deps.changed();
      return { started: false as const, reason };
    },
    stopSession: async () => {
      scheduler.stopSession();
      return deps.status();
    },
  };
}
