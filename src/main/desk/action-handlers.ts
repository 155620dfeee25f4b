/**
 * The desk's Needs-action methods: the open (or done) actions customers' answers raised, marking one done,
 * sending one to the courier (courier-writeback.ts) and exporting them as a CSV for the delivery team.
 */
import { DeskArgumentError, type DeskApi } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Store } from '../store';
import { actionsCsv } from './action-export';
import type { CourierWriteback } from './courier-writeback';

export interface ActionHandlerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Views showing actions refetch. */
  changed: () => void;
  writeback: CourierWriteback;
  /** The desk's time zone and phone region, for the export. */
  calling: () => { timezone: string; phoneRegion: string };
}

type ActionMethods = 'actions' | 'markActionDone' | 'sendActionToCourier' | 'exportActions';

export function actionHandlers(deps: ActionHandlerDeps): Pick<DeskApi, ActionMethods> {
  const { store, clock } = deps;
  return {
    actions: async ({ state, kind, search }) => store.actions.list({ state, kind, search }),
    markActionDone: async ({ id, note }) => {
      if (!store.actions.markDone(id, clock.now(), note?.trim() || null)) {
        const existing = store.actions.get(id);
        throw new DeskArgumentError(
          existing ? `Action ${id} is already done` : `There is no action ${id}`,
          'id',
        );
      }
      const done = store.actions.get(id)!;
      deps.logger.log({
        at: clock.now(),
        level: 'info',
        message: `Action ${id} (${done.kind}, ${done.awb}) marked done${done.doneNote ? `: ${done.doneNote}` : ''}`,
      });
      deps.changed();
      return done;
    },
    sendActionToCourier: async ({ id, phone }) => deps.writeback.send(id, phone ?? null),
    exportActions: async ({ state = 'open', kind, search }) => {
      const { timezone, phoneRegion } = deps.calling();
      const actions = store.actions.list({ state, kind, search });
      return actionsCsv(actions, { timezone, region: phoneRegion, now: clock.now(), state });
    },
  };
}
