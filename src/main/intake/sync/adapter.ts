/**
 * What an order source (a courier aggregator's API, a shop's own endpoint) must offer the desk: the orders
 * of a date range as source records, and optionally the current status of given AWBs, so orders booked
 * before the range still leave the queue when they are delivered.
 */
import type { SourceRecord } from '../records';

export interface SourceRange {
  /** Epoch milliseconds, inclusive. */
  from: number;
  to: number;
  /** IANA zone the source's calendar dates are in. */
  timezone: string;
}

export interface SourceStatus {
  awb: string;
  /** The status text as the source wrote it. */
  type: string;
}

/** What an adapter tells the sync besides the orders: a part it could not fetch, for the operator. */
export interface FetchNotes {
  warn(message: string): void;
}

export interface OrderSourceAdapter {
  /** Shown to the operator: 'iThink Logistics', 'orders.example.com'. */
  readonly name: string;
  fetchOrders(range: SourceRange, notes?: FetchNotes): Promise<SourceRecord[]>;
  /** Current statuses of these AWBs (unknown AWBs are left out). */
  fetchStatuses?(awbs: readonly string[]): Promise<SourceStatus[]>;
}

/** A failure the operator can act on; `detail` is for the log. */
export class OrderSourceError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'OrderSourceError';
  }
}
