/**
 * A local stand-in for iThink Logistics' API v3 (order details by date range, track by AWB, at most 10 a
 * request) with the same request envelope ({ data: { access_token, secret_key, ... } }) and answer shapes
 * the real service documents. Orders and their statuses can be changed while it runs.
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
  /** YYYY-MM-DD; the date-range filter compares it. */
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
  /** Told of each NDR action (reattempt / RTO) as it is answered. */
  onNdr?: (action: ReceivedNdrAction) => void;
}

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
      const inRange = [...orders.values()].filter(
        (order) => order.orderDate >= data.start_date! && order.orderDate <= data.end_date!,
      );
      const rows = Object.fromEntries(
        inRange.map((order, index) => [String(9000 + index), detailsRow(order)]),
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
