import { describe, expect, it } from 'vitest';
import { ORDER_TYPES } from '../../src/main/domain/order';
import { orderTypeFromStatus } from '../../src/main/domain/order-status';

describe('orderTypeFromStatus', () => {
  it.each(ORDER_TYPES.filter((type) => type !== 'Unknown'))('maps the type name %j to itself', (type) => {
    expect(orderTypeFromStatus(type)).toBe(type);
    expect(orderTypeFromStatus(type.toUpperCase())).toBe(type);
    expect(orderTypeFromStatus(`  ${type.toLowerCase()}  `)).toBe(type);
  });

  it.each([
    ['in-transit', 'In Transit'],
    ['InTransit', 'In Transit'],
    ['ready_to_dispatch', 'Ready to Dispatch'],
    ['ReadyToDispatch', 'Ready to Dispatch'],
    ['o.f.d', 'OFD'],
  ] as const)('ignores case and spacing in %j', (text, type) => {
    expect(orderTypeFromStatus(text)).toBe(type);
  });

  it.each([
    ['Out for delivery', 'OFD'],
    ['OUT FOR DELIVERY', 'OFD'],
    ['Out For Delivery - Reattempt', 'OFD'],
    ['Dispatched for delivery', 'OFD'],
    ['With delivery agent', 'OFD'],
    ['Undelivered', 'Undelivered'],
    ['Undelivered - Customer not available', 'Undelivered'],
    ['Delivery attempted - customer not available', 'Undelivered'],
    ['Delivery Attempted: Door Locked', 'Undelivered'],
    ['Not delivered', 'Undelivered'],
    ['NDR', 'Undelivered'],
    ['Failed delivery', 'Undelivered'],
    ['Customer not available', 'Undelivered'],
    ['In Transit', 'In Transit'],
    ['Reached at destination hub', 'In Transit'],
    ['Picked up', 'In Transit'],
    ['Manifested', 'Ready to Dispatch'],
    ['Ready to ship', 'Ready to Dispatch'],
    ['Pickup scheduled', 'Ready to Dispatch'],
    ['Not Picked', 'Ready to Dispatch'],
    ['Delivered', 'Delivered'],
    ['Delivered to security guard', 'Delivered'],
    ['Successfully delivered', 'Delivered'],
    ['RTO initiated', 'RTO'],
    ['RTO In Transit', 'RTO'],
    ['RTO Delivered', 'RTO'],
    ['Return to origin', 'RTO'],
    ['Returned to shipper', 'RTO'],
    // iThink Logistics' status names (Track Order v3)
    ['Reached At Destination', 'In Transit'],
    ['Out For Delivery', 'OFD'],
    ['RTO Out For Delivery', 'RTO'],
    ['RTO Undelivered', 'RTO'],
    ['Reached At Origin', 'RTO'],
    ['Misrouted', 'In Transit'],
  ] as const)('maps the courier phrasing %j to %s', (text, type) => {
    expect(orderTypeFromStatus(text)).toBe(type);
  });

  it('does not read "Undelivered" or "Not delivered" as Delivered', () => {
    expect(orderTypeFromStatus('Undelivered - address incomplete')).toBe('Undelivered');
    expect(orderTypeFromStatus('Not delivered - refused')).toBe('Undelivered');
  });

  it.each([
    '',
    '   ',
    'Cancelled',
    'Lost',
    'Shipment held at customs',
    'pending',
    'deliverable',
    'OFDX',
    'डिलीवर',
  ])('does not guess at %j', (text) => {
    expect(orderTypeFromStatus(text)).toBe('Unknown');
  });
});
