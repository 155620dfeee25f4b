/**
 * Needs action: the actions the view shows (with its filters: state, kind, search) and the count of open ones
 * for the tab's label, which shows whatever view is open. Both follow the desk's `dataChanged` events (at most
 * once a second) and reconnects; the list is fetched only while the view watches it.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { DeskArgs } from '../../../shared/contract';
import type { ActionView } from '../../../shared/desk-types';
import { desk, transport } from '../transport';

export type ActionFilter = Required<Pick<DeskArgs<'actions'>, 'state'>> &
  Pick<DeskArgs<'actions'>, 'kind'> & { search: string };

interface ActionsState {
  filter: ActionFilter;
  list: ActionView[] | null;
  error: string | null;
  /** Open actions, whatever the filter. */
  openCount: number | null;
  watchers: number;
}

export const useActionsStore = create<ActionsState>(() => ({
  filter: { state: 'open', search: '' },
  list: null,
  error: null,
  openCount: null,
  watchers: 0,
}));

/** The filter as the desk takes it (no empty search). */
export function filterArgs(filter: ActionFilter): DeskArgs<'actions'> {
  const search = filter.search.trim();
  return {
    state: filter.state,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(search ? { search } : {}),
  };
}

function showsAllOpen(filter: ActionFilter): boolean {
  return filter.state === 'open' && !filter.kind && filter.search.trim() === '';
}

let running: Promise<void> | null = null;
let again = false;

/** Refetches the count (and the list while the view is shown); a request during one runs once after it. */
export function refreshActions(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    const { filter, watchers } = useActionsStore.getState();
    try {
      if (watchers > 0) {
        const list = await desk('actions', filterArgs(filter));
        const openCount = showsAllOpen(filter) ? list.length : (await desk('actions', {})).length;
        // A filter changed while asking: the answer is for the old one, and the run after this one fetches anew.
        if (useActionsStore.getState().filter === filter)
          useActionsStore.setState({ list, openCount, error: null });
      } else {
        useActionsStore.setState({ openCount: (await desk('actions', {})).length });
      }
    } catch (error) {
      useActionsStore.setState({ error: error instanceof Error ? error.message : String(error) });
    }
  })().finally(() => {
    running = null;
    if (again) {
      again = false;
      void refreshActions();
    }
  });
  return running;
}

export function setActionFilter(change: Partial<ActionFilter>): void {
  useActionsStore.setState((s) => ({ filter: { ...s.filter, ...change } }));
  void refreshActions();
}

const THROTTLE_MS = 1000;
let connected = false;

/** Follows the desk's changes; done once, by the first component that shows actions or their count. */
function connect(): void {
  if (connected) return;
  connected = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRun = 0;
  const onChange = () => {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = null;
        lastRun = Date.now();
        void refreshActions();
      },
      Math.max(0, lastRun + THROTTLE_MS - Date.now()),
    );
  };
  transport.bridge.on('dataChanged', onChange);
  transport.onConnection((state) => {
    if (state === 'open') onChange();
  });
}

/** The open count, for the tab's label. */
export function useOpenActionCount(): number | null {
  useEffect(connect, []);
  return useActionsStore((s) => s.openCount);
}

/** Marks the list as shown for as long as the calling view is mounted. */
export function useActionList(): Pick<ActionsState, 'list' | 'error' | 'filter'> {
  useEffect(() => {
    connect();
    useActionsStore.setState((s) => ({ watchers: s.watchers + 1 }));
    void refreshActions();
    return () => useActionsStore.setState((s) => ({ watchers: s.watchers - 1 }));
  }, []);
  const list = useActionsStore((s) => s.list);
  const error = useActionsStore((s) => s.error);
  const filter = useActionsStore((s) => s.filter);
  return { list, error, filter };
}
