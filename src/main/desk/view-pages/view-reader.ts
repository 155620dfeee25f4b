/**
 * The console's long lists (Queue, Orders, History) read page by page from a connection of their own: the
 * view worker's (view-worker.ts), or the command line's. Each page is read in one transaction, so its rows and
 * counts come from one state of the database (the plan and the search matches it pages may be made just
 * before it, each in one statement or transaction of its own, so a failed page never leaves half of one). The connection must not be the one the desk writes with:
 * the kept plans notice writes by other connections only (plan-cache.ts).
 */
import Database from 'better-sqlite3';
import type { DeskArgs } from '../../../shared/contract';
import type { HistoryPage, OrdersPage, QueuePage } from '../../../shared/desk-types';
import type { CallingSettings } from '../../domain/settings';
import type { SqliteDatabase } from '../../store/database';
import { HistoryCounter, historyPage } from './history-pages';
import { ordersPage } from './order-pages';
import { ForecastCache } from './forecast-cache';
import { PlanCache, type PlanCacheOptions, type RunningNumbers } from './plan-cache';
import { ensureCustomerIndexes } from './plan-snapshot';
import { queuePage } from './queue-pages';
import { registerSearchFunctions, SearchMatches } from './search';

export interface QueueContext {
  settings: CallingSettings;
  /**
   * The session the queue is planned for: now when one may start now, else the next slot. With `nextSlot`,
   * `plannedFor` is now and a run now is not refused: the queue is for now if anyone is due now, else for
   * `nextSlot` (null: none, so now), as the desk's run now decides.
   */
  plannedFor: number;
  nextSlot?: number | null;
  /** The session dialling now (its numbers on a line and waiting), if one is. */
  session?: RunningNumbers;
  /** Add the rest of today's forecast to the page (forecast-cache.ts). */
  forecast?: { now: number; schedulerRunning: boolean };
}

export interface OrdersContext {
  settings: CallingSettings;
  /** Each order's state is where it stands for a session starting now. */
  now: number;
}

/** How long one read may wait for the desk's writer to finish committing (it never blocks the writer). */
const BUSY_TIMEOUT_MS = 2_000;
/** The page caches of the view connection: a page reads a few hundred rows, planning streams the tables. */
const CACHE_KIB = 8_000;

/** A read-only connection to the desk's file for the views (WAL mode is the desk's, set when it opened it). */
export function openViewConnection(file: string, nativeBinding?: string): SqliteDatabase {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma(`temp.cache_size = -${CACHE_KIB}`);
  return db;
}

function sessionStartOf(context: QueueContext | OrdersContext): number {
  return 'plannedFor' in context ? context.plannedFor : context.now;
}

function sessionOf(context: QueueContext | OrdersContext): RunningNumbers {
  return 'session' in context ? context.session : null;
}

export class ViewReader {
  readonly plans: PlanCache;
  private readonly forecasts: ForecastCache;
  private readonly counter = new HistoryCounter();
  private readonly searches: SearchMatches;

  constructor(
    private readonly db: SqliteDatabase,
    options: PlanCacheOptions = {},
  ) {
    registerSearchFunctions(db);
    this.plans = new PlanCache(db, options);
    this.forecasts = new ForecastCache(db);
    this.searches = new SearchMatches(db);
  }

  /** `stale`: a plan kept from older data may serve (plan-cache.ts). */
  queue(args: DeskArgs<'queue'>, context: QueueContext, options: { stale?: boolean } = {}): QueuePage {
    const version = this.plans.dataVersion();
    const plannedFor = this.plannedFor(version, context, options);
    const plan = this.plans.snapshot(version, context.settings, plannedFor, {
      ...options,
      session: context.session,
    });
    const search = this.searches.find(args.search, version);
    const page = this.read(() => queuePage(this.db, plan, args, search, { ...context, plannedFor }));
    if (!context.forecast) return page;
    return { ...page, forecast: this.forecastFor(version, context, options) };
  }

  private forecastFor(version: number, context: QueueContext, options: { stale?: boolean }) {
    if (!context.forecast) return undefined;
    const forecastContext = { settings: context.settings, session: context.session, ...context.forecast };
    return this.forecasts.forecast(version, forecastContext, options);
  }

  /** Now when anyone is due now (the plan for now calls someone), else the next slot (see QueueContext). */
  private plannedFor(version: number, context: QueueContext, options: { stale?: boolean }): number {
    if (context.nextSlot === undefined || context.nextSlot === null) return context.plannedFor;
    const now = this.plans.snapshot(version, context.settings, context.plannedFor, options);
    return now.queueCounts.calls > 0 ? context.plannedFor : context.nextSlot;
  }

  orders(args: DeskArgs<'orders'>, context: OrdersContext, options: { stale?: boolean } = {}): OrdersPage {
    const version = this.plans.dataVersion();
    const plan = this.plans.snapshot(version, context.settings, context.now, options);
    if (args.sort === 'customer') ensureCustomerIndexes(this.db, plan);
    const search = this.searches.find(args.search, version);
    return this.read(() => ordersPage(this.db, plan, args, search));
  }

  history(args: DeskArgs<'history'>): HistoryPage {
    const version = this.plans.dataVersion();
    const search = this.searches.find(args.search, version);
    return this.read(() => historyPage(this.db, args, search, this.counter, version));
  }

  /** Milliseconds a Queue or Orders read should wait before it would plan anew (plan-cache.ts). */
  waitBeforePlanning(context: QueueContext | OrdersContext): number {
    return this.plans.waitBeforePlanning(context.settings, sessionStartOf(context), sessionOf(context));
  }

  /** Whether a plan is kept for this context, of any data (so that a stale read has one to serve). */
  hasPlanFor(context: QueueContext | OrdersContext): boolean {
    return this.plans.hasAny(context.settings, sessionStartOf(context), sessionOf(context));
  }

  /** Makes the plan for this context now, if the one kept is not of the current data. */
  prepare(context: QueueContext | OrdersContext): void {
    const version = this.plans.dataVersion();
    this.plans.snapshot(version, context.settings, sessionStartOf(context), { session: sessionOf(context) });
    if ('plannedFor' in context) this.forecastFor(version, context, {});
  }

  private read<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
