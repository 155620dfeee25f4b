/**
 * Any order source that serves JSON over HTTP: a shop's own endpoint, a spreadsheet-to-API bridge, an
 * aggregator without a dedicated adapter. A field mapping names where each order field sits in one order
 * object (dot paths such as 'customer.phone' or 'shipments.0.awb'); the list of orders is found at
 * `ordersPath`, or is the answer itself when that is an array. The date range goes in the query string.
 */
import { formatLocalDate } from '../../domain/local-time';
import { parseCodAmount } from '../amount';
import type { SourceRecord } from '../records';
import { OrderSourceError, type OrderSourceAdapter, type SourceRange } from './adapter';
import { isRecord, readPath, requestJson, textOf } from './http';

export const GENERIC_FIELDS = [
  'awb',
  'customer',
  'phone',
  'type',
  'address',
  'city',
  'pincode',
  'codAmount',
  'orderId',
  'courier',
] as const;
export type GenericField = (typeof GENERIC_FIELDS)[number];

/** Order field → dot path inside one order object. */
export type GenericFieldMapping = Record<GenericField, string>;

export const DEFAULT_GENERIC_FIELDS: GenericFieldMapping = {
  awb: 'awb',
  customer: 'customer',
  phone: 'phone',
  type: 'status',
  address: 'address',
  city: 'city',
  pincode: 'pincode',
  codAmount: 'codAmount',
  orderId: 'orderId',
  courier: 'courier',
};

export interface GenericJsonOptions {
  url: string;
  /** Sent with every request, e.g. { Authorization: 'Bearer …' }. */
  headers?: Record<string, string>;
  fields?: Partial<GenericFieldMapping>;
  /** Where the orders array is in the answer ('data.orders'); by default the answer itself, or its
   * 'orders' or 'data'. An object of orders keyed by id is read as its values. */
  ordersPath?: string;
  /** Query parameter names for the range's first and last calendar day; default 'from' and 'to'. */
  query?: { from?: string; to?: string };
  timeoutMs?: number;
  /** The origins the credentials (headers) were saved for; a request anywhere else is refused unsent. */
  credentialOrigins?: readonly string[];
}

function sourceName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export class GenericJsonAdapter implements OrderSourceAdapter {
  readonly name: string;
  private readonly fields: GenericFieldMapping;

  constructor(private readonly options: GenericJsonOptions) {
    this.name = sourceName(options.url);
    this.fields = { ...DEFAULT_GENERIC_FIELDS, ...options.fields };
  }

  private ordersIn(body: unknown): unknown[] {
    const path = this.options.ordersPath;
    const found = path
      ? readPath(body, path)
      : Array.isArray(body)
        ? body
        : (readPath(body, 'orders') ?? readPath(body, 'data'));
    if (Array.isArray(found)) return found;
    if (isRecord(found)) return Object.values(found);
    throw new OrderSourceError(
      `${this.name}: no list of orders at "${path ?? 'orders'}" in the answer — check the orders path in Settings`,
      JSON.stringify(body).slice(0, 500),
    );
  }

  private record(order: unknown): SourceRecord | null {
    const field = (name: GenericField) => readPath(order, this.fields[name]);
    const awb = textOf(field('awb')).trim();
    if (awb === '') return null;
    const cod = field('codAmount');
    const amount = parseCodAmount(typeof cod === 'number' ? cod : textOf(cod));
    return {
      awb,
      customer: textOf(field('customer')),
      phone: textOf(field('phone')),
      type: textOf(field('type')),
      address: textOf(field('address')),
      city: textOf(field('city')),
      pincode: textOf(field('pincode')),
      codAmount: amount.ok ? amount.amount : null,
      orderId: textOf(field('orderId')) || null,
      courier: textOf(field('courier')) || null,
    };
  }

  async fetchOrders(range: SourceRange): Promise<SourceRecord[]> {
    let url: URL;
    try {
      url = new URL(this.options.url);
    } catch {
      throw new OrderSourceError(
        `"${this.options.url}" is not a web address — fix it in Settings → Order source`,
      );
    }
    url.searchParams.set(this.options.query?.from ?? 'from', formatLocalDate(range.from, range.timezone));
    url.searchParams.set(this.options.query?.to ?? 'to', formatLocalDate(range.to, range.timezone));
    const body = await requestJson(this.name, {
      url: url.toString(),
      headers: this.options.headers,
      timeoutMs: this.options.timeoutMs,
      credentialOrigins: this.options.credentialOrigins,
    });
    return this.ordersIn(body)
      .map((order) => this.record(order))
      .filter((record): record is SourceRecord => record !== null);
  }
}
