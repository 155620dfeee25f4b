/**
 * What the desk's main thread and the view worker say to each other: a Queue, Orders or History page asked
 * for with the desk's arguments (already validated by the contract) and what the worker cannot know by
 * itself (the calling settings, the session the queue is for, the desk's clock), and the page, or an error by
 * name, message and field.
 */
import type { DeskArgs } from '../../../shared/contract';
import type { HistoryPage, OrdersPage, QueuePage } from '../../../shared/desk-types';
import type { OrdersContext, QueueContext } from './view-reader';

export interface ViewWorkerData {
  /** The desk's SQLite file: the worker opens its own read-only connection to it. */
  databaseFile: string;
  /** better-sqlite3's addon for this runtime (Electron's own build). */
  nativeBinding?: string;
}

export type ViewRequest =
  | { id: number; method: 'queue'; args: DeskArgs<'queue'>; context: QueueContext }
  | { id: number; method: 'orders'; args: DeskArgs<'orders'>; context: OrdersContext }
  | { id: number; method: 'history'; args: DeskArgs<'history'> }
  | { id: number; method: 'close' };

export type ViewMethod = Exclude<ViewRequest['method'], 'close'>;

export interface ViewResults {
  queue: QueuePage;
  orders: OrdersPage;
  history: HistoryPage;
}

export type ViewReply =
  | { id: number; ok: true; value: QueuePage | OrdersPage | HistoryPage }
  | { id: number; ok: false; error: { name: string; message: string; field?: string } };
