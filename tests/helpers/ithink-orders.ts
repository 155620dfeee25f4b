/** An order as the fake iThink serves it: Raj Kumar's COD parcel, out for delivery, unless told otherwise. */
import type { FakeIThinkOrder } from '../../src/dev/fake-order-sources/ithink';

export function fakeIThinkOrder(awb: string, overrides: Partial<FakeIThinkOrder> = {}): FakeIThinkOrder {
  return {
    awb,
    order: `ORD-${awb}`,
    orderDate: '2026-11-23',
    customerName: 'Raj Kumar',
    customerPhone: '9876500001',
    address: '12 MG Road',
    city: 'Delhi',
    pincode: '110005',
    paymentMode: 'COD',
    totalAmount: '1250.00',
    logistic: 'Delhivery',
    status: 'Out For Delivery',
    ...overrides,
  };
}
