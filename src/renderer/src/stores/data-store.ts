/**
 * The console's query results. `today` and `settings` are fetched whole. The long lists (queue, orders,
 * history) are paged by the desk: a list holds the pages fetched so far for its query (tab, search, sort), and
 * fetches the next page as the operator scrolls to the end (the virtualised table asks). Each view says it is
 * showing a resource or list; when the desk reports changed data, shown ones refetch (at most once a second,
 * so a busy session does not flood the console) and hidden ones are marked stale and refetch when next shown.
 * A list refetches from its first page as far as the operator had scrolled (up to REFRESH_ROWS), so what is
 * on screen is current; rows further down stay until scrolled to again.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { MAX_PAGE_ROWS, type DeskArgs } from '../../../shared/contract';
import type {
  HistoryPage,
  OrdersPage,
  QueuePage,
  SettingsView,
  TodaySummary,
} from '../../../shared/desk-types';
import { desk, transport } from '../transport';

export interface Resources {
  today: TodaySummary;
  settings: SettingsView;
}
export type ResourceName = keyof Resources;

export interface ListPages {
  queue: QueuePage;
  orders: OrdersPage;
  history: HistoryPage;
}
export type ListName = keyof ListPages;
/** What a list shows (its tab, search, sort): every page of it is asked with these. */
export interface ListQueries {
  queue: Omit<DeskArgs<'queue'>, 'cursor' | 'limit'>;
  orders: Omit<DeskArgs<'orders'>, 'cursor' | 'limit' | 'awb'>;
  history: Omit<DeskArgs<'history'>, 'cursor' | 'limit' | 'awb' | 'sessionId'>;
}
export type ListRow<L extends ListName> = ListPages[L]['rows'][number];
/** The latest page without its rows: counts, and the queue's plan. */
export type ListHead<L extends ListName> = Omit<ListPages[L], 'rows' | 'nextCursor'>;

interface Slot<T> {
  data: T | null;
  error: string | null;
  stale: boolean;
  watchers: number;
}

export interface PagedList<L extends ListName> {
  query: ListQueries[L];
  head: ListHead<L> | null;
  rows: ListRow<L>[];
  nextCursor: string | null;
  /** A page is being fetched (the first, the next, or a refresh). */
  loading: boolean;
  error: string | null;
  stale: boolean;
  watchers: number;
}

type DataState = { [R in ResourceName]: Slot<Resources[R]> } & {
  lists: { [L in ListName]: PagedList<L> };
};

/** Rows of a list's first page (a few screens, quick to show); the pages after it are as large as may be. */
export const PAGE_ROWS = 100;
/** A refresh refetches the list from its top as far as this many rows. */
const REFRESH_ROWS = 1000;

const empty = <T>(): Slot<T> => ({ data: null, error: null, stale: true, watchers: 0 });
function emptyList<L extends ListName>(query: ListQueries[L]): PagedList<L> {
  return {
    query,
    head: null,
    rows: [],
    nextCursor: null,
    loading: false,
    error: null,
    stale: true,
    watchers: 0,
  };
}

export const useDataStore = create<DataState>(() => ({
  today: empty(),
  settings: empty(),
  lists: {
    queue: emptyList<'queue'>({ tab: 'calls' }),
    orders: emptyList<'orders'>({ tab: 'all', sort: 'oldest' }),
    history: emptyList<'history'>({}),
  },
}));

const fetchers: { [K in ResourceName]: () => Promise<Resources[K]> } = {
  today: () => desk('today', {}),
  settings: () => desk('settings', {}),
};

const inFlight = new Map<ResourceName, Promise<void>>();
const again = new Set<ResourceName>();

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Refetches one resource; a request made while one is in flight runs once after it. */
export function refresh(name: ResourceName): Promise<void> {
  const running = inFlight.get(name);
  if (running) {
    again.add(name);
    return running;
  }
  const run = fetchers[name]()
    .then(
      (data) => useDataStore.setState((s) => ({ [name]: { ...s[name], data, error: null, stale: false } })),
      (error: unknown) => useDataStore.setState((s) => ({ [name]: { ...s[name], error: message(error) } })),
    )
    .finally(() => {
      inFlight.delete(name);
      if (again.delete(name)) void refresh(name);
    });
  inFlight.set(name, run);
  return run;
}

/** Marks a resource as shown by the calling view for as long as it is mounted. */
export function useResource<R extends ResourceName>(name: R): Slot<Resources[R]> {
  useEffect(() => {
    useDataStore.setState((s) => ({ [name]: { ...s[name], watchers: s[name].watchers + 1 } }));
    // One on its way (asked for as the console started) brings what the view needs.
    if (useDataStore.getState()[name].stale && !inFlight.has(name)) void refresh(name);
    return () => useDataStore.setState((s) => ({ [name]: { ...s[name], watchers: s[name].watchers - 1 } }));
  }, [name]);
  return useDataStore((s) => s[name]) as Slot<Resources[R]>;
}

// ---- paged lists ---------------------------------------------------------------------------------------

function getList<L extends ListName>(name: L): PagedList<L> {
  return useDataStore.getState().lists[name] as PagedList<L>;
}

function setList<L extends ListName>(name: L, change: (list: PagedList<L>) => Partial<PagedList<L>>): void {
  useDataStore.setState((s) => {
    const list = s.lists[name] as PagedList<L>;
    return { lists: { ...s.lists, [name]: { ...list, ...change(list) } } };
  });
}

function page<L extends ListName>(name: L, query: ListQueries[L], cursor: string | null, limit: number) {
  const args = { ...query, limit, ...(cursor ? { cursor } : {}) };
  return desk(name, args as DeskArgs<L>) as Promise<ListPages[L]>;
}

/** What identifies a row across pages (a number to call by its phone, an order by AWB, a call by id). */
function rowKey(row: ListRow<ListName>): string {
  if ('id' in row) return `call:${row.id}`;
  if ('position' in row) return `phone:${row.phoneE164}`;
  return `order:${row.awb}`;
}

function headOf<L extends ListName>(fetched: ListPages[L]): ListHead<L> {
  const { rows: _rows, nextCursor: _next, ...head } = fetched;
  return head as ListHead<L>;
}

/**
 * Each list's fetches are numbered: a page that comes back after the query changed (a new search, another
 * tab) is dropped, and a refresh asked for while one runs runs once after it.
 */
const generation: Record<ListName, number> = { queue: 0, orders: 0, history: 0 };
const refreshing = new Map<ListName, Promise<void>>();
const refreshAgain = new Set<ListName>();

/** Shows the list for `query` from its first page (the last counts stay shown until the page comes). */
export function setListQuery<L extends ListName>(name: L, query: ListQueries[L]): Promise<void> {
  setList(name, () => ({ query, rows: [], nextCursor: null, loading: true, error: null }));
  return refreshList(name, true);
}

/** Fetches the list's next page (the table reached its end); does nothing while a page is on its way. */
export async function loadMore(name: ListName): Promise<void> {
  const list = getList(name);
  if (list.loading || list.nextCursor === null) return;
  const mine = generation[name];
  setList(name, () => ({ loading: true }));
  try {
    const fetched = await page(name, list.query, list.nextCursor, MAX_PAGE_ROWS);
    if (mine !== generation[name]) return;
    setList(name, (current) => {
      const seen = new Set(current.rows.map(rowKey));
      const added = (fetched.rows as ListRow<ListName>[]).filter((row) => !seen.has(rowKey(row)));
      return {
        rows: [...current.rows, ...added] as ListRow<typeof name>[],
        nextCursor: fetched.nextCursor,
        head: headOf(fetched),
        loading: false,
        error: null,
      };
    });
  } catch (error) {
    if (mine === generation[name]) setList(name, () => ({ loading: false, error: message(error) }));
  }
}

/**
 * Refetches the list from its first page, as far as it had been scrolled (at least one page, at most
 * REFRESH_ROWS); rows below that are kept after the refetched ones, without duplicates.
 */
export function refreshList(name: ListName, fromTop = false): Promise<void> {
  const running = refreshing.get(name);
  if (running && !fromTop) {
    refreshAgain.add(name);
    return running;
  }
  const mine = ++generation[name];
  const run = (async () => {
    const before = getList(name);
    const wanted = fromTop ? PAGE_ROWS : Math.min(REFRESH_ROWS, Math.max(PAGE_ROWS, before.rows.length));
    setList(name, () => ({ loading: true }));
    try {
      const rows: ListRow<ListName>[] = [];
      let fetched = await page(name, before.query, null, Math.min(wanted, MAX_PAGE_ROWS));
      rows.push(...(fetched.rows as ListRow<ListName>[]));
      while (fetched.nextCursor !== null && rows.length < wanted && mine === generation[name]) {
        fetched = await page(name, before.query, fetched.nextCursor, MAX_PAGE_ROWS);
        rows.push(...(fetched.rows as ListRow<ListName>[]));
      }
      if (mine !== generation[name]) return;
      const last = fetched;
      setList(name, (current) => {
        const seen = new Set(rows.map(rowKey));
        const beyond = current.rows.slice(rows.length).filter((row) => !seen.has(rowKey(row)));
        const keepTail = last.nextCursor !== null && beyond.length > 0;
        return {
          rows: (keepTail ? [...rows, ...beyond] : rows) as ListRow<typeof name>[],
          nextCursor: keepTail ? current.nextCursor : last.nextCursor,
          head: headOf(last),
          loading: false,
          error: null,
          stale: false,
        };
      });
    } catch (error) {
      if (mine === generation[name]) setList(name, () => ({ loading: false, error: message(error) }));
    }
  })().finally(() => {
    if (refreshing.get(name) === run) refreshing.delete(name);
    if (refreshAgain.delete(name)) void refreshList(name);
  });
  refreshing.set(name, run);
  return run;
}

/**
 * Asks for what the first view will show as the console starts, before React has rendered anything: the
 * request waits in the bridge and goes as soon as the socket opens, instead of after the first render (which
 * would hold it back by that render). The view, once mounted, finds it on its way and does not ask again.
 */
export function prefetch(name: ResourceName | ListName): void {
  if (name === 'today' || name === 'settings') {
    if (!inFlight.has(name)) void refresh(name);
  } else if (!refreshing.has(name)) {
    void refreshList(name);
  }
}

/** Marks a list as shown by the calling view for as long as it is mounted. */
export function useList<L extends ListName>(name: L): PagedList<L> {
  useEffect(() => {
    setList(name, (list) => ({ watchers: list.watchers + 1 }));
    // One on its way (asked for as the console started) brings what the view needs.
    if (getList(name).stale && !refreshing.has(name)) void refreshList(name);
    return () => setList(name, (list) => ({ watchers: list.watchers - 1 }));
  }, [name]);
  return useDataStore((s) => s.lists[name]) as PagedList<L>;
}

// ---- following the desk ------------------------------------------------------------------------------------

const THROTTLE_MS = 1000;
let pendingTimer: ReturnType<typeof setTimeout> | null = null;
let lastRun = 0;

/**
 * Refetches what is shown and marks the rest stale, also after every (re)connect, the first one included.
 * A list or resource on its way (the first view's, asked for as the console started, before its view is
 * mounted) counts as shown: it is read once more after that first answer. Without that second read the
 * browser tests saw first pages come back empty right after an import, under load (a desk-side race, not
 * yet understood), and nothing corrected them.
 */
function refreshShown(): void {
  const state = useDataStore.getState();
  for (const name of ['today', 'settings'] as const) {
    if (state[name].watchers > 0 || inFlight.has(name)) void refresh(name);
    else useDataStore.setState((s) => ({ [name]: { ...s[name], stale: true } }));
  }
  for (const name of ['queue', 'orders', 'history'] as const) {
    if (state.lists[name].watchers > 0 || refreshing.has(name)) void refreshList(name);
    else setList(name, () => ({ stale: true }));
  }
  lastRun = Date.now();
}

/** Follows the desk's `dataChanged` events (and reconnects) for every resource and list. */
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
