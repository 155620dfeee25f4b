/**
 * Courier status text to order type. Only OFD and Undelivered orders are called, so every wording of those two
 * has its own test: a wording that stops being recognised silently stops its customers being called.
 */
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES } from '../../src/main/domain/order';
import { orderTypeFromStatus, statusKey } from '../../src/main/domain/order-status';

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

describe('wordings of Out for delivery (called)', () => {
  it.each([
    'OFD',
    'Out for delivery',
    'Out for del',
    'Dispatched for delivery',
    'Dispatched to customer',
    'With delivery agent',
    'With delivery boy',
    'Outscan - Out for delivery',
    'OFD Re-attempt',
  ])('reads %j as OFD', (text) => {
    expect(orderTypeFromStatus(text)).toBe('OFD');
  });

  it.each(['Out for delivery - 2nd attempt', 'Dispatched for delivery to Ravi', 'OFD (Bluedart)'])(
    'reads %j, a longer status beginning with an OFD wording, as OFD',
    (text) => {
      expect(orderTypeFromStatus(text)).toBe('OFD');
    },
  );
});

describe('wordings of Undelivered (called)', () => {
  it.each([
    'Undelivered',
    'Un-delivered',
    'Not delivered',
    'NDR',
    'Failed delivery',
    'Delivery failed',
    'Failed attempt',
    'Attempt failed',
    'Customer not available',
    'Consignee not available',
    'Customer unavailable',
    'Customer not reachable',
    'Consignee unavailable',
    'Door locked',
    'Premises closed',
    'Delivery rescheduled',
    'Reattempt scheduled',
    'Re-attempt scheduled',
  ])('reads %j as Undelivered', (text) => {
    expect(orderTypeFromStatus(text)).toBe('Undelivered');
  });

  it.each([
    'Undelivered: refused COD',
    'Un delivered - address not found',
    'Not delivered, customer asked for a later date',
    'NDR raised',
    'Delivery attempted - door locked',
    'Delivery attempt failed (no response)',
    'Delivery failed: customer out of station',
    'Failed delivery - incomplete address',
    'Failed attempt 2',
    'Attempted - customer not reachable',
  ])('reads %j, a longer status beginning with an Undelivered wording, as Undelivered', (text) => {
    expect(orderTypeFromStatus(text)).toBe('Undelivered');
  });
});

describe('wordings of the states that are never called', () => {
  it.each([
    ['In transit', 'In Transit'],
    ['Intransit', 'In Transit'],
    ['Shipped', 'In Transit'],
    ['Picked up', 'In Transit'],
    ['Pickup done', 'In Transit'],
    ['Pickup completed', 'In Transit'],
    ['Reached at destination', 'In Transit'],
    ['Reached destination hub', 'In Transit'],
    ['Reached at destination hub', 'In Transit'],
    ['Arrived at destination hub', 'In Transit'],
    ['Shipment in transit', 'In Transit'],
    ['Delayed', 'In Transit'],
    ['Misrouted', 'In Transit'],
    ['Ready to dispatch', 'Ready to Dispatch'],
    ['Ready to ship', 'Ready to Dispatch'],
    ['Ready for dispatch', 'Ready to Dispatch'],
    ['Manifested', 'Ready to Dispatch'],
    ['Pickup scheduled', 'Ready to Dispatch'],
    ['Pickup pending', 'Ready to Dispatch'],
    ['Pending pickup', 'Ready to Dispatch'],
    ['Not picked', 'Ready to Dispatch'],
    ['Out for pickup', 'Ready to Dispatch'],
    ['AWB assigned', 'Ready to Dispatch'],
    ['Label generated', 'Ready to Dispatch'],
    ['Packed', 'Ready to Dispatch'],
    ['Delivered', 'Delivered'],
    ['DLVD', 'Delivered'],
    ['Successfully delivered', 'Delivered'],
    ['Shipment delivered', 'Delivered'],
    ['RTO', 'RTO'],
    ['Return to origin', 'RTO'],
    ['Returned to origin', 'RTO'],
    ['Return to shipper', 'RTO'],
    ['Returned to shipper', 'RTO'],
    ['Reached at origin', 'RTO'],
  ] as const)('reads %j as %s', (text, type) => {
    expect(orderTypeFromStatus(text)).toBe(type);
  });

  it.each([
    ['In transit to Delhi hub', 'In Transit'],
    ['Intransit - Mumbai', 'In Transit'],
    ['Reached at destination - Pune', 'In Transit'],
    ['Arrived at Bhiwandi hub', 'In Transit'],
    ['Shipped via Delhivery', 'In Transit'],
    ['Picked up from seller', 'In Transit'],
    ['Ready to dispatch - awaiting pickup', 'Ready to Dispatch'],
    ['Ready to ship (label printed)', 'Ready to Dispatch'],
    ['Pickup scheduled for tomorrow', 'Ready to Dispatch'],
    ['Delivered to neighbour', 'Delivered'],
    ['Successfully delivered to customer', 'Delivered'],
    ['RTO initiated', 'RTO'],
    ['Return to origin - refused', 'RTO'],
    ['Returned to origin warehouse', 'RTO'],
    ['Return to shipper initiated', 'RTO'],
  ] as const)('reads %j, a longer status, as %s', (text, type) => {
    expect(orderTypeFromStatus(text)).toBe(type);
  });
});

describe('statusKey: how a status is compared', () => {
  it('reads full-width letters as the ordinary ones', () => {
    expect(statusKey('ＯＦＤ')).toBe('ofd');
    expect(orderTypeFromStatus('Ｏｕｔ ｆｏｒ ｄｅｌｉｖｅｒｙ')).toBe('OFD');
  });

  it('turns every run of spaces and punctuation into one space, keeping letters and digits', () => {
    expect(statusKey('  Out  for -- delivery (2nd attempt)  ')).toBe('out for delivery 2nd attempt');
    expect(orderTypeFromStatus('Out  for -- delivery')).toBe('OFD');
  });

  it('keeps words of any script whole, vowel signs included', () => {
    expect(statusKey('डिलीवर नहीं हुआ')).toBe('डिलीवर नहीं हुआ');
    expect(statusKey('Zugestellt, Ünterschrift: 2')).toBe('zugestellt ünterschrift 2');
  });
});
