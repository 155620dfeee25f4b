/**
 * iThink Logistics as an order source (docs.ithinklogistics.com, API v3). Every call is a POST of
 * `{ data: { access_token, secret_key, ... } }`:
 *  - order details, /api_v3/order/get_details.json, by date range (start_date / end_date, YYYY-MM-DD,
 *    awb_number_list empty): `data` is an object of orders keyed by iThink's own id, each with awb_no,
 *    order, customer_name, customer_phone, customer_address…, customer_pincode, payment_mode, total_amount,
 *    logistic and latest_courier_status;
 *  - track, /api_v3/order/track.json, at most 10 AWBs a request (awb_number_list comma-separated): `data`
 *    keyed by AWB, each with message 'success', current_status and customer_details (customer_mobile /
 *    customer_phone). It fills in phones the order details left blank and refreshes older orders' status.
 * The production hosts differ (my.ithinklogistics.com for orders, api.ithinklogistics.com for tracking);
 * one configured base URL (a staging host or a fake server) serves both.
 */
import { formatLocalDate } from '../../domain/local-time';
import type { SourceRecord } from '../records';
import { OrderSourceError, type OrderSourceAdapter, type SourceRange, type SourceStatus } from './adapter';
import { isRecord, readPath, requestJson, textOf } from './http';

export const ITHINK_ORDERS_URL = 'https://my.ithinklogistics.com';
export const ITHINK_TRACK_URL = 'https://api.ithinklogistics.com';
/** The track API's documented limit. */
export const ITHINK_TRACK_BATCH = 10;

export interface IThinkCredentials {
  accessToken: string;
  secretKey: string;
}

export interface IThinkOptions {
  credentials: IThinkCredentials;
  /** One host for both APIs (staging, a fake); when absent the production hosts are used. */
  baseUrl?: string;
  timeoutMs?: number;
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
    });
    return checkEnvelope(body);
  }

  async fetchOrders(range: SourceRange): Promise<SourceRecord[]> {
    const body = await this.post(ITHINK_ORDERS_URL, '/api_v3/order/get_details.json', {
      awb_number_list: '',
      order_no: '',
      start_date: formatLocalDate(range.from, range.timezone),
      end_date: formatLocalDate(range.to, range.timezone),
    });
    const records = entries(body.data)
      .map(orderRecord)
      .filter((record) => record.awb !== '');
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

  async fetchStatuses(awbs: readonly string[]): Promise<SourceStatus[]> {
    return (await this.track(awbs))
      .filter((entry) => entry.status !== '')
      .map((entry) => ({ awb: entry.awb, type: entry.status }));
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
