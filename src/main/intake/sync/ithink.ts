/**
 * iThink Logistics as an order source (docs.ithinklogistics.com, API v3). Every call is a POST of
 * `{ data: { access_token, secret_key, ... } }`:
 *  - order details, /api_v3/order/get_details.json, by date range (start_date / end_date, awb_number_list
 *    empty) or by AWBs (awb_number_list comma-separated, dates empty): `data` is an object of orders keyed by
 *    iThink's own id, each with awb_no, order, customer_name, customer_phone, customer_address…,
 *    customer_city, customer_pincode, payment_mode, total_amount, logistic and latest_courier_status. The docs
 *    say "maximum 500 AWB details in one request", so a request is never trusted to hold more: the date range
 *    is asked one calendar day at a time, a day that comes back full (500) is asked again in halves with
 *    times ('YYYY-MM-DD HH:MM:SS', the form of iThink's own order_date), and AWBs are asked 500 at a time. A
 *    window still full at 15 minutes, or one the service answers the same whatever its times, is reported:
 *    the sync says which orders may be missing instead of losing them silently;
 *  - track, /api_v3/order/track.json, at most 10 AWBs a request (awb_number_list comma-separated): `data`
 *    keyed by AWB, each with message 'success', current_status and customer_details (customer_mobile /
 *    customer_phone). It fills in phones the order details left blank and refreshes older orders' status.
 * The production hosts differ (my.ithinklogistics.com for orders, api.ithinklogistics.com for tracking);
 * one configured base URL (a staging host or a fake server) serves both.
 */
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate, formatLocalIso } from '../../domain/local-time';
import type { SourceRecord } from '../records';
import {
  OrderSourceError,
  type FetchNotes,
  type OrderSourceAdapter,
  type SourceRange,
  type SourceStatus,
} from './adapter';
import { isRecord, readPath, requestJson, textOf } from './http';

export const ITHINK_ORDERS_URL = 'https://my.ithinklogistics.com';
export const ITHINK_TRACK_URL = 'https://api.ithinklogistics.com';
/** The track API's documented limit. */
export const ITHINK_TRACK_BATCH = 10;
/** The order details API's documented limit, per request, whether asked by dates or by AWBs. */
export const ITHINK_DETAILS_LIMIT = 500;
/** A full window is not halved below this. */
const MIN_WINDOW_MS = 15 * 60_000;

export interface IThinkCredentials {
  accessToken: string;
  secretKey: string;
}

export interface IThinkOptions {
  credentials: IThinkCredentials;
  /** One host for both APIs (staging, a fake); when absent the production hosts are used. */
  baseUrl?: string;
  timeoutMs?: number;
  /** The origins the credentials were saved for; a request anywhere else is refused unsent. */
  credentialOrigins?: readonly string[];
}

const NAME = 'iThink Logistics';

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** iThink reports its own failures with HTTP 200 and status 'error' plus a message. */
function checkEnvelope(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new OrderSourceError(`${NAME} answered with something other than an object`);
  const status = textOf(body.status).toLowerCase();
  if (status !== '' && status !== 'success') {
    const message = textOf(body.html_message) || textOf(body.message) || 'no reason given';
    const credentials = /token|secret|auth|invalid key/i.test(message);
    throw new OrderSourceError(
      credentials
        ? `${NAME} refused the access token or secret key (${message}) — check them in Settings → Order source`
        : `${NAME} reported an error: ${message}`,
      JSON.stringify(body).slice(0, 500),
    );
  }
  return body;
}

function entries(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.filter(isRecord);
  if (isRecord(data)) return Object.values(data).filter(isRecord);
  return [];
}

function joinAddress(row: Record<string, unknown>): string {
  return ['customer_address', 'customer_address1', 'customer_address2', 'customer_address3', 'customer_city']
    .map((field) => textOf(row[field]).trim())
    .filter(Boolean)
    .join(', ');
}

/** COD orders collect the order total; prepaid ones nothing. */
function codAmount(row: Record<string, unknown>): number | null {
  const mode = textOf(row.payment_mode).trim().toLowerCase();
  if (mode === 'prepaid') return 0;
  if (mode !== 'cod') return null;
  const amount = Number(textOf(row.cod_amount) || textOf(row.total_amount));
  return Number.isFinite(amount) ? amount : null;
}

function orderRecord(row: Record<string, unknown>): SourceRecord {
  return {
    awb: textOf(row.awb_no).trim(),
    customer: textOf(row.customer_name),
    phone: textOf(row.customer_phone) || textOf(row.customer_mobile) || textOf(row.billing_phone),
    type: textOf(row.latest_courier_status) || textOf(row.current_status),
    address: joinAddress(row),
    city: textOf(row.customer_city),
    pincode: textOf(row.customer_pincode),
    codAmount: codAmount(row),
    orderId: textOf(row.order) || null,
    courier: textOf(row.logistic) || null,
  };
}

interface Answer {
  records: SourceRecord[];
  /** The answer holds as many orders as one request may: there may be more. */
  full: boolean;
}

function sameAwbs(a: Answer, b: Answer): boolean {
  const awbs = new Set(b.records.map((record) => record.awb));
  return a.records.length === b.records.length && a.records.every((record) => awbs.has(record.awb));
}

interface Tracked {
  awb: string;
  status: string;
  phone: string;
}

export class IThinkAdapter implements OrderSourceAdapter {
  readonly name = NAME;

  constructor(private readonly options: IThinkOptions) {}

  private async post(
    host: string,
    path: string,
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { accessToken, secretKey } = this.options.credentials;
    const body = await requestJson(NAME, {
      url: joinUrl(this.options.baseUrl || host, path),
      method: 'POST',
      body: { data: { ...data, access_token: accessToken, secret_key: secretKey } },
      timeoutMs: this.options.timeoutMs,
      credentialOrigins: this.options.credentialOrigins,
    });
    return checkEnvelope(body);
  }

  async fetchOrders(range: SourceRange, notes?: FetchNotes): Promise<SourceRecord[]> {
    const byAwb = new Map<string, SourceRecord>();
    for (let day = atLocalTimeOnSameDay(range.from, '00:00', range.timezone); day <= range.to;) {
      const next = addLocalDays(day, 1, range.timezone);
      for (const record of await this.ordersOfDay({ from: day, to: next }, range.timezone, notes))
        byAwb.set(record.awb, record);
      day = next;
    }
    const records = [...byAwb.values()];
    const phoneless = records.filter((record) => record.phone.trim() === '').map((record) => record.awb);
    if (phoneless.length > 0) {
      const tracked = new Map((await this.track(phoneless)).map((entry) => [entry.awb, entry]));
      for (const record of records) {
        const found = tracked.get(record.awb);
        if (!found) continue;
        if (record.phone.trim() === '') record.phone = found.phone;
        if (found.status) record.type = found.status;
      }
    }
    return records;
  }

  /** The current status of each AWB from order details, 500 AWBs a request. */
  async fetchStatuses(awbs: readonly string[]): Promise<SourceStatus[]> {
    const found: SourceStatus[] = [];
    for (let start = 0; start < awbs.length; start += ITHINK_DETAILS_LIMIT) {
      const batch = awbs.slice(start, start + ITHINK_DETAILS_LIMIT);
      const rows = await this.details({ awb_number_list: batch.join(','), start_date: '', end_date: '' });
      for (const record of rows.map(orderRecord)) {
        if (record.awb !== '' && record.type !== '') found.push({ awb: record.awb, type: record.type });
      }
    }
    return found;
  }

  /** The orders of one calendar day, asked by its date and then, when the answer is full, by times. */
  private async ordersOfDay(
    day: { from: number; to: number },
    timezone: string,
    notes: FetchNotes | undefined,
  ): Promise<SourceRecord[]> {
    const date = formatLocalDate(day.from, timezone);
    const answer = await this.ask(date, date);
    return this.narrow(day, answer, timezone, notes);
  }

  /**
   * A full answer for the window [from, to) may hide more orders: the window is asked again in halves,
   * down to MIN_WINDOW_MS. Halves that both come back exactly as the whole did mean the service ignores
   * times; then no narrower window can help, and the operator is told.
   */
  private async narrow(
    window: { from: number; to: number },
    answer: Answer,
    timezone: string,
    notes: FetchNotes | undefined,
  ): Promise<SourceRecord[]> {
    if (!answer.full) return answer.records;
    const when = (ms: number) => formatLocalIso(ms, timezone, true).replace('T', ' ');
    const missing = `orders beyond it may be missing — import that day's CSV from the panel`;
    if (window.to - window.from <= MIN_WINDOW_MS) {
      notes?.warn(
        `${NAME} returned its limit of ${ITHINK_DETAILS_LIMIT} orders for ${when(window.from).slice(0, 16)}–${when(window.to).slice(11, 16)}; ${missing}`,
      );
      return answer.records;
    }
    const middle = window.from + Math.floor((window.to - window.from) / 2 / 60_000) * 60_000;
    const earlier = await this.ask(when(window.from), when(middle - 1000));
    const later = await this.ask(when(middle), when(window.to - 1000));
    if (earlier.full && later.full && sameAwbs(earlier, answer) && sameAwbs(later, answer)) {
      notes?.warn(
        `${NAME} returned its limit of ${ITHINK_DETAILS_LIMIT} orders for ${formatLocalDate(window.from, timezone)} and does not narrow by time; ${missing}`,
      );
      return answer.records;
    }
    return [
      ...(await this.narrow({ from: window.from, to: middle }, earlier, timezone, notes)),
      ...(await this.narrow({ from: middle, to: window.to }, later, timezone, notes)),
    ];
  }

  /** One order-details request for a date range (dates, or dates with times). */
  private async ask(start: string, end: string): Promise<Answer> {
    const rows = await this.details({ awb_number_list: '', order_no: '', start_date: start, end_date: end });
    return {
      records: rows.map(orderRecord).filter((record) => record.awb !== ''),
      full: rows.length >= ITHINK_DETAILS_LIMIT,
    };
  }

  private async details(query: Record<string, string>): Promise<Record<string, unknown>[]> {
    const body = await this.post(ITHINK_ORDERS_URL, '/api_v3/order/get_details.json', query);
    return entries(body.data);
  }

  /** Tracks AWBs ten at a time, one request after another (iThink rate-limits bursts). */
  private async track(awbs: readonly string[]): Promise<Tracked[]> {
    const found: Tracked[] = [];
    for (let start = 0; start < awbs.length; start += ITHINK_TRACK_BATCH) {
      const batch = awbs.slice(start, start + ITHINK_TRACK_BATCH);
      const body = await this.post(ITHINK_TRACK_URL, '/api_v3/order/track.json', {
        awb_number_list: batch.join(','),
      });
      const data = isRecord(body.data) ? body.data : {};
      for (const awb of batch) {
        const entry = data[awb];
        if (!isRecord(entry) || textOf(entry.message).toLowerCase() !== 'success') continue;
        found.push({
          awb,
          status: textOf(entry.current_status),
          phone:
            textOf(readPath(entry, 'customer_details.customer_mobile')) ||
            textOf(readPath(entry, 'customer_details.customer_phone')),
        });
      }
    }
    return found;
  }
}
