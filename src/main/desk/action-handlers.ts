/**
 * The desk's Needs-action methods: the open (or done) actions customers' answers raised, and marking one done.
 * Sending an action to the courier and exporting them are added beside these (write-back, export).
 */
import { DeskArgumentError, type DeskApi } from '../../shared/contract';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Store } from '../store';

export interface ActionHandlerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Views showing actions refetch. */
  changed: () => void;
}

export function actionHandlers(deps: ActionHandlerDeps): Pick<DeskApi, 'actions' | 'markActionDone'> {
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
  };
}
