/**
 * A local stand-in for iThink Logistics' API v3 with the same request envelope
 * ({ data: { access_token, secret_key, ... } }), answer shapes and limits the real service documents:
 * order details by date range or by AWBs, at most 500 AWB details a request (a longer date range is cut to
 * its first 500 orders, silently, as the service does; more than 500 AWBs asked is refused), and track by
 * AWB, at most 10 a request. Dates may carry times ('YYYY-MM-DD HH:MM:SS'); `ignoreTimes` makes the fake
 * read only their date, to play a service that does not narrow by time. Orders and statuses can change
 * while it runs.
 */
import { startJsonServer, type FakeHttpServer, type JsonReply, type LoggedRequest } from './http-server';
import {
  createFakeIThinkNdr,
  ITHINK_NDR_ROUTE,
  type FakeIThinkNdr,
  type ReceivedNdrAction,
} from './ithink-ndr';

export interface FakeIThinkOrder {
  awb: string;
  order: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (a date alone is midnight); the date-range filter compares it. */
  orderDate: string;
  customerName: string;
  /** What order details returns as customer_phone ('' when the panel has none). */
  customerPhone: string;
  /** What track returns in customer_details.customer_mobile. */
  trackMobile?: string;
  address: string;
  city: string;
  pincode: string;
  paymentMode: 'COD' | 'Prepaid';
  totalAmount: string;
  logistic: string;
  /** iThink's status text: 'Out For Delivery', 'Undelivered', 'Delivered', 'RTO In Transit', … */
  status: string;
}

export interface FakeIThinkOptions {
  accessToken: string;
  secretKey: string;
  orders?: FakeIThinkOrder[];
  port?: number;
  /** Read only the date of start_date / end_date, as a service that does not narrow by time would. */
  ignoreTimes?: boolean;
  /** Told of each NDR action (reattempt / RTO) as it is answered. */
  onNdr?: (action: ReceivedNdrAction) => void;
}

/** The order details API's documented limit per request. */
export const FAKE_ITHINK_DETAILS_LIMIT = 500;

export interface FakeIThink extends FakeHttpServer {
  orders: Map<string, FakeIThinkOrder>;
  setStatus(awb: string, status: string): void;
  /** The NDR write-back route (ithink-ndr.ts): what it received, failures on demand. */
  ndr: FakeIThinkNdr;
}

const STATUS_CODES: Record<string, string> = { delivered: 'DL', 'rto delivered': 'DL', cancelled: 'CN' };

function statusCode(status: string): string {
  const key = status.toLowerCase();
  return STATUS_CODES[key] ?? (key.startsWith('rto') ? 'RT' : 'UD');
}

function dataOf(request: LoggedRequest): Record<string, string> {
  const body = request.body as { data?: Record<string, unknown> } | undefined;
  return Object.fromEntries(
    Object.entries(body?.data ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
}

function detailsRow(order: FakeIThinkOrder): Record<string, unknown> {
  return {
    awb_no: order.awb,
    order: order.order,
    sub_order: '',
    order_date: order.orderDate,
    total_amount: order.totalAmount,
    customer_name: order.customerName,
    customer_address: order.address,
    customer_address1: '',
    customer_address2: '',
    customer_address3: '',
    customer_city: order.city,
    customer_pincode: order.pincode,
    customer_phone: order.customerPhone,
    customer_email: '',
    billing_phone: '',
    payment_mode: order.paymentMode,
    logistic: order.logistic,
    latest_courier_status: order.status,
    ofd_count: '0',
  };
}

/** 'YYYY-MM-DD' → its first or last second; a time is kept (or dropped when `ignoreTimes`). */
function bound(text: string, end: boolean, ignoreTimes = false): string {
  const date = text.slice(0, 10);
  if (text.length > 10 && !ignoreTimes) return text;
  return `${date} ${end ? '23:59:59' : '00:00:00'}`;
}

/** Orders placed within [start, end], oldest first (the order the cut to 500 keeps). */
function inRange(
  all: Iterable<FakeIThinkOrder>,
  start: string,
  end: string,
  ignoreTimes?: boolean,
): FakeIThinkOrder[] {
  if (start === '' || end === '') return [];
  const from = bound(start, false, ignoreTimes);
  const to = bound(end, true, ignoreTimes);
  return [...all]
    .map((order) => ({ order, at: bound(order.orderDate, false) }))
    .filter(({ at }) => at >= from && at <= to)
    .sort((a, b) => a.at.localeCompare(b.at))
    .map(({ order }) => order);
}

export async function startFakeIThink(options: FakeIThinkOptions): Promise<FakeIThink> {
  const orders = new Map((options.orders ?? []).map((order) => [order.awb, { ...order }]));
  const ndr = createFakeIThinkNdr(orders, options.onNdr);

  function handle(request: LoggedRequest): JsonReply {
    const data = dataOf(request);
    if (data.access_token !== options.accessToken || data.secret_key !== options.secretKey) {
      return {
        body: { status: 'error', status_code: 400, html_message: 'Invalid access token or secret key.' },
      };
    }
    if (request.path === '/api_v3/order/get_details.json') {
      const awbs = (data.awb_number_list ?? '').split(',').filter(Boolean);
      if (awbs.length > FAKE_ITHINK_DETAILS_LIMIT) {
        return {
          body: { status: 'error', status_code: 400, html_message: 'Maximum 500 AWB numbers allowed.' },
        };
      }
      const found =
        awbs.length > 0
          ? awbs.flatMap((awb) => orders.get(awb) ?? [])
          : inRange(orders.values(), data.start_date ?? '', data.end_date ?? '', options.ignoreTimes);
      const rows = Object.fromEntries(
        found
          .slice(0, FAKE_ITHINK_DETAILS_LIMIT)
          .map((order, index) => [String(9000 + index), detailsRow(order)]),
      );
      return { body: { status: 'success', status_code: 200, data: rows } };
    }
    if (request.path === '/api_v3/order/track.json') {
      const awbs = (data.awb_number_list ?? '').split(',').filter(Boolean);
      if (awbs.length > 10) {
        return {
          body: { status: 'error', status_code: 400, html_message: 'Maximum 10 AWB numbers allowed.' },
        };
      }
      const tracked = Object.fromEntries(
        awbs.map((awb) => {
          const order = orders.get(awb);
          if (!order) return [awb, { message: 'Invalid AWB number.' }];
          return [
            awb,
            {
              message: 'success',
              awb_no: awb,
              logistic: order.logistic,
              current_status: order.status,
              current_status_code: statusCode(order.status),
              customer_details: {
                customer_name: order.customerName,
                customer_mobile: order.trackMobile ?? order.customerPhone,
                customer_phone: '',
              },
              scan_details: [],
            },
          ];
        }),
      );
      return { body: { status: 'success', status_code: 200, data: tracked } };
    }
    if (request.path === ITHINK_NDR_ROUTE) return ndr.handle(request);
    return { status: 404, body: { status: 'error', html_message: `No route ${request.path}` } };
  }

  const server = await startJsonServer(handle, options.port);
  return {
    ...server,
    orders,
    ndr,
    setStatus: (awb, status) => {
      const order = orders.get(awb);
      if (!order) throw new Error(`fake iThink has no AWB ${awb}`);
      order.status = status;
    },
  };
}
