/**
 * A local order source speaking plain JSON over HTTP: GET /orders?from=YYYY-MM-DD&to=YYYY-MM-DD behind a
 * bearer token, answering { data: { orders: [...] } } with nested objects, so the generic adapter's field
 * mapping and orders path have something realistic to read.
 */
import { startJsonServer, type FakeHttpServer, type LoggedRequest } from './http-server';

export interface FakeShopOrder {
  shipment: { awb: string; courier: string; status: string };
  customer: { name: string; phone: string; address: { line: string; pincode: string } };
  payment: { cod: number };
  reference: string;
  placedOn: string;
}

export interface FakeJsonSourceOptions {
  token: string;
  orders?: FakeShopOrder[];
  port?: number;
}

export interface FakeJsonSource extends FakeHttpServer {
  orders: FakeShopOrder[];
  setStatus(awb: string, status: string): void;
}

/** The mapping a desk would enter for this source. */
export const FAKE_SHOP_FIELDS = {
  awb: 'shipment.awb',
  courier: 'shipment.courier',
  type: 'shipment.status',
  customer: 'customer.name',
  phone: 'customer.phone',
  address: 'customer.address.line',
  pincode: 'customer.address.pincode',
  codAmount: 'payment.cod',
  orderId: 'reference',
};

export async function startFakeJsonSource(options: FakeJsonSourceOptions): Promise<FakeJsonSource> {
  const orders = (options.orders ?? []).map((order) => structuredClone(order));
  const handle = (request: LoggedRequest) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { error: 'unauthorized' } };
    }
    if (request.path !== '/orders') return { status: 404, body: { error: 'not found' } };
    const from = request.query.from ?? '0000-00-00';
    const to = request.query.to ?? '9999-99-99';
    const inRange = orders.filter((order) => order.placedOn >= from && order.placedOn <= to);
    return { body: { data: { orders: inRange, count: inRange.length } } };
  };
  const server = await startJsonServer(handle, options.port);
  return {
    ...server,
    orders,
    setStatus: (awb, status) => {
      const order = orders.find((candidate) => candidate.shipment.awb === awb);
      if (!order) throw new Error(`fake order source has no AWB ${awb}`);
      order.shipment.status = status;
    },
  };
}
