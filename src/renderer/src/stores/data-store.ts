/**
 * The console's query results (today, queue, orders, history, settings). Each view says it is showing a
 * resource; when the desk reports changed data, shown resources refetch (at most once a second, so a busy
 * session does not flood the console with 10,000-row reloads) and hidden ones are marked stale and refetch
 * when next shown.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type {
  HistoryItem,
  OrderView,
  QueueView,
  SettingsView,
  TodaySummary,
} from '../../../shared/desk-types';
import { desk, transport } from '../transport';

export interface Resources {
  today: TodaySummary;
  queue: QueueView;
  orders: OrderView[];
  history: HistoryItem[];
  settings: SettingsView;
}
export type ResourceName = keyof Resources;

interface Slot<T> {
  data: T | null;
  error: string | null;
  stale: boolean;
  watchers: number;
}

type DataState = { [R in ResourceName]: Slot<Resources[R]> } & {
  ordersSearch: string;
  historySearch: string;
};

const empty = <T>(): Slot<T> => ({ data: null, error: null, stale: true, watchers: 0 });

export const useDataStore = create<DataState>(() => ({
  today: empty(),
  queue: empty(),
  orders: empty(),
  history: empty(),
  settings: empty(),
  ordersSearch: '',
  historySearch: '',
}));

export const HISTORY_PAGE = 1000;

function fetchResource<R extends ResourceName>(name: R): Promise<Resources[R]> {
  const state = useDataStore.getState();
  const fetchers: { [K in ResourceName]: () => Promise<Resources[K]> } = {
    today: () => desk('today', {}),
    queue: () => desk('queue', {}),
    orders: () => desk('orders', state.ordersSearch ? { search: state.ordersSearch } : {}),
    history: () =>
      desk('history', {
        limit: HISTORY_PAGE,
        ...(state.historySearch ? { search: state.historySearch } : {}),
      }),
    settings: () => desk('settings', {}),
  };
  return fetchers[name]() as Promise<Resources[R]>;
}

const inFlight = new Map<ResourceName, Promise<void>>();
const again = new Set<ResourceName>();

/** Refetches one resource; a request made while one is in flight runs once after it. */
export function refresh(name: ResourceName): Promise<void> {
  const running = inFlight.get(name);
  if (running) {
    again.add(name);
    return running;
  }
  const run = fetchResource(name)
    .then(
      (data) => useDataStore.setState((s) => ({ [name]: { ...s[name], data, error: null, stale: false } })),
      (error: unknown) =>
        useDataStore.setState((s) => ({
          [name]: { ...s[name], error: error instanceof Error ? error.message : String(error) },
        })),
    )
    .finally(() => {
      inFlight.delete(name);
      if (again.delete(name)) void refresh(name);
    });
  inFlight.set(name, run);
  return run;
}

/** Extends the history with its next page (for the virtualised list's infinite scroll). */
export async function loadMoreHistory(): Promise<void> {
  const state = useDataStore.getState();
  const loaded = state.history.data ?? [];
  const more = await desk('history', {
    limit: HISTORY_PAGE,
    offset: loaded.length,
    ...(state.historySearch ? { search: state.historySearch } : {}),
  });
  useDataStore.setState((s) => ({ history: { ...s.history, data: [...(s.history.data ?? []), ...more] } }));
}

/** Marks a resource as shown by the calling view for as long as it is mounted. */
export function useResource<R extends ResourceName>(name: R): Slot<Resources[R]> {
  useEffect(() => {
    useDataStore.setState((s) => ({ [name]: { ...s[name], watchers: s[name].watchers + 1 } }));
    if (useDataStore.getState()[name].stale) void refresh(name);
    return () => useDataStore.setState((s) => ({ [name]: { ...s[name], watchers: s[name].watchers - 1 } }));
  }, [name]);
  return useDataStore((s) => s[name]) as Slot<Resources[R]>;
}

const THROTTLE_MS = 1000;
let pendingTimer: ReturnType<typeof setTimeout> | null = null;
let lastRun = 0;

function refreshShown(): void {
  const state = useDataStore.getState();
  const names: ResourceName[] = ['today', 'queue', 'orders', 'history', 'settings'];
  for (const name of names) {
    if (state[name].watchers > 0) void refresh(name);
    else useDataStore.setState((s) => ({ [name]: { ...s[name], stale: true } }));
  }
  lastRun = Date.now();
}

/** Follows the desk's `dataChanged` events (and reconnects) for every resource. */
export function connectData(): void {
  const onChange = () => {
    if (pendingTimer) return;
    const wait = Math.max(0, lastRun + THROTTLE_MS - Date.now());
    pendingTimer = setTimeout(() => {
      pendingTimer = null;
      refreshShown();
    }, wait);
  };
  transport.bridge.on('dataChanged', onChange);
  transport.onConnection((state) => {
    if (state === 'open') onChange();
  });
}
