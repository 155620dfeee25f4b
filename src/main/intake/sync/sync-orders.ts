/**
 * One sync from the order source: fetch the recent orders, upsert them by AWB, then ask for the current
 * status of orders still in the queue that the date range no longer covers. Type changes are recorded by
 * the store, so an order that became Delivered or RTO leaves the queue. A failed sync is returned (and
 * logged), never thrown: the session goes on calling the orders already known.
 */
import { isCallableType, type Order } from '../../domain/order';
import type { Logger } from '../../log';
import type { Store, TypeChange, UpsertOutcome } from '../../store';
import { orderInputFromRecord, statusChangeFromRecord, type SourceRecord } from '../records';
import { OrderSourceError, type OrderSourceAdapter } from './adapter';

const DAY_MS = 24 * 60 * 60 * 1000;
const SYNC_CHUNK = 500;

export interface SyncOptions {
  now: number;
  /** Default region for phones without a country code. */
  region: string;
  /** Zone of the source's calendar dates; default Asia/Kolkata. */
  timezone?: string;
  /** How many days of orders to fetch, counting back from today; default 7. */
  lookbackDays?: number;
  logger?: Logger;
}

export interface SyncResult {
  source: string;
  fetched: number;
  added: number;
  updated: number;
  unchanged: number;
  typeChanges: TypeChange[];
  /** Set when the sync failed (wholly or in part): what the operator should know. */
  error?: string;
}

/** A source that leaves a field blank does not erase what the desk already knows (a phone from a CSV). */
function keepKnown(record: SourceRecord, stored: Order | undefined): SourceRecord {
  if (!stored) return record;
  const blank = (value: string | undefined) => value === undefined || value.trim() === '';
  return {
    ...record,
    phone: blank(record.phone) ? stored.phoneRaw : record.phone,
    customer: blank(record.customer) ? stored.customer : record.customer,
    address: blank(record.address) ? stored.address : record.address,
    city: blank(record.city) ? stored.city : record.city,
    pincode: blank(record.pincode) ? stored.pincode : record.pincode,
    codAmount: record.codAmount ?? stored.codAmount,
    orderId: record.orderId ?? stored.orderId,
    courier: record.courier ?? stored.courier,
  };
}

function add(result: SyncResult, outcome: UpsertOutcome): void {
  result.added += outcome.added.length;
  result.updated += outcome.updated.length;
  result.unchanged += outcome.unchanged.length;
  result.typeChanges.push(...outcome.typeChanges);
}

function describe(error: unknown): { message: string; detail: string } {
  if (error instanceof OrderSourceError) return { message: error.message, detail: error.detail ?? '' };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `sync failed: ${message}`, detail: error instanceof Error ? (error.stack ?? '') : '' };
}

export async function syncOrders(
  store: Store,
  adapter: OrderSourceAdapter,
  options: SyncOptions,
): Promise<SyncResult> {
  const result: SyncResult = {
    source: adapter.name,
    fetched: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    typeChanges: [],
  };
  const timezone = options.timezone ?? 'Asia/Kolkata';
  const log = (level: 'info' | 'error', message: string) =>
    options.logger?.log({ at: options.now, level, message });
  const warnings: string[] = [];
  try {
    const records = await adapter.fetchOrders(
      { from: options.now - (options.lookbackDays ?? 7) * DAY_MS, to: options.now, timezone },
      { warn: (message) => warnings.push(message) },
    );
    result.fetched = records.length;
    const byAwb = new Map<string, SourceRecord>();
    for (const record of records) if (record.awb.trim() !== '') byAwb.set(record.awb.trim(), record);
    // Written in chunks, each its own transaction, with the event loop free in between: a sync of 16,000
    // orders (a busy week) never holds up the dialler for long.
    const unique = [...byAwb.values()];
    for (let start = 0; start < unique.length; start += SYNC_CHUNK) {
      const inputs = unique
        .slice(start, start + SYNC_CHUNK)
        .map((record) =>
          orderInputFromRecord(keepKnown(record, store.orders.get(record.awb.trim())), options.region),
        );
      add(result, store.orders.upsertMany(inputs, options.now));
      await new Promise((resolve) => setImmediate(resolve));
    }

    if (adapter.fetchStatuses) {
      const older = store.orders
        .list()
        .filter((order) => isCallableType(order.type) && !byAwb.has(order.awb))
        .map((order) => order.awb);
      if (older.length > 0) {
        const statuses = await adapter.fetchStatuses(older);
        add(result, store.orders.applyStatusChanges(statuses.map(statusChangeFromRecord), options.now));
      }
    }
    log(
      'info',
      `Synced from ${adapter.name}: ${result.fetched} orders, ${result.added} new, ${result.updated} updated, ${result.typeChanges.length} changed type`,
    );
    if (warnings.length > 0) {
      // The orders fetched are stored; the sync still fails loudly, naming what may be missing.
      result.error = warnings.length === 1 ? warnings[0] : `${warnings[0]} (and ${warnings.length - 1} more)`;
      for (const warning of warnings) log('error', warning);
    }
  } catch (error) {
    const { message, detail } = describe(error);
    result.error = message;
    log('error', `Sync from ${adapter.name} failed: ${message}${detail ? ` (${detail.slice(0, 300)})` : ''}`);
  }
  return result;
}
