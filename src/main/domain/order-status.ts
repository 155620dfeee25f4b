/**
 * Courier status text → order type. Panels and APIs word the same state many ways ('Out for delivery',
 * 'Dispatched for delivery', 'OFD'); this table knows the usual phrasings. Text it does not know becomes
 * 'Unknown' — never guessed — so a strange status can only keep a customer from being called, not cause a
 * call. The raw text is kept by the caller for the operator to read.
 */
import { ORDER_TYPES, type OrderType } from './order';

/** Phrases that are the whole status. Compared after `statusKey` (lower case, punctuation as spaces). */
const WHOLE_PHRASES: Readonly<Record<string, OrderType>> = {
  // Out for delivery
  ofd: 'OFD',
  'out for delivery': 'OFD',
  'out for del': 'OFD',
  'dispatched for delivery': 'OFD',
  'dispatched to customer': 'OFD',
  'with delivery agent': 'OFD',
  'with delivery boy': 'OFD',
  'outscan out for delivery': 'OFD',
  'ofd re attempt': 'OFD',
  // Failed delivery attempts (NDR: non-delivery report)
  undelivered: 'Undelivered',
  'un delivered': 'Undelivered',
  'not delivered': 'Undelivered',
  ndr: 'Undelivered',
  'failed delivery': 'Undelivered',
  'delivery failed': 'Undelivered',
  'failed attempt': 'Undelivered',
  'attempt failed': 'Undelivered',
  'customer not available': 'Undelivered',
  'consignee not available': 'Undelivered',
  'customer unavailable': 'Undelivered',
  'customer not reachable': 'Undelivered',
  'consignee unavailable': 'Undelivered',
  'door locked': 'Undelivered',
  'premises closed': 'Undelivered',
  'delivery rescheduled': 'Undelivered',
  'reattempt scheduled': 'Undelivered',
  're attempt scheduled': 'Undelivered',
  // Moving between hubs
  'in transit': 'In Transit',
  intransit: 'In Transit',
  shipped: 'In Transit',
  'picked up': 'In Transit',
  'pickup done': 'In Transit',
  'pickup completed': 'In Transit',
  'reached at destination': 'In Transit',
  'reached destination hub': 'In Transit',
  'reached at destination hub': 'In Transit',
  'arrived at destination hub': 'In Transit',
  'shipment in transit': 'In Transit',
  delayed: 'In Transit',
  misrouted: 'In Transit',
  // Booked, not yet with the courier
  'ready to dispatch': 'Ready to Dispatch',
  'ready to ship': 'Ready to Dispatch',
  'ready for dispatch': 'Ready to Dispatch',
  manifested: 'Ready to Dispatch',
  'pickup scheduled': 'Ready to Dispatch',
  'pickup pending': 'Ready to Dispatch',
  'pending pickup': 'Ready to Dispatch',
  'not picked': 'Ready to Dispatch',
  'out for pickup': 'Ready to Dispatch',
  'awb assigned': 'Ready to Dispatch',
  'label generated': 'Ready to Dispatch',
  packed: 'Ready to Dispatch',
  // Done
  delivered: 'Delivered',
  dlvd: 'Delivered',
  'successfully delivered': 'Delivered',
  'shipment delivered': 'Delivered',
  // Going back to the seller
  rto: 'RTO',
  'return to origin': 'RTO',
  'returned to origin': 'RTO',
  'return to shipper': 'RTO',
  'returned to shipper': 'RTO',
  // iThink's name for a return that reached the seller's return centre
  'reached at origin': 'RTO',
};

/**
 * Phrases that begin a longer status ('Undelivered - Customer not available', 'RTO initiated',
 * 'Delivered to security guard'). Matched on whole words, longest first, so 'rto delivered' is RTO and
 * 'not delivered' is Undelivered.
 */
const LEADING_PHRASES: ReadonlyArray<readonly [string, OrderType]> = (
  [
    ['out for delivery', 'OFD'],
    ['dispatched for delivery', 'OFD'],
    ['ofd', 'OFD'],
    ['undelivered', 'Undelivered'],
    ['un delivered', 'Undelivered'],
    ['not delivered', 'Undelivered'],
    ['ndr', 'Undelivered'],
    ['delivery attempted', 'Undelivered'],
    ['delivery attempt failed', 'Undelivered'],
    ['delivery failed', 'Undelivered'],
    ['failed delivery', 'Undelivered'],
    ['failed attempt', 'Undelivered'],
    ['attempted', 'Undelivered'],
    ['in transit', 'In Transit'],
    ['intransit', 'In Transit'],
    ['reached at destination', 'In Transit'],
    ['arrived at', 'In Transit'],
    ['shipped', 'In Transit'],
    ['picked up', 'In Transit'],
    ['ready to dispatch', 'Ready to Dispatch'],
    ['ready to ship', 'Ready to Dispatch'],
    ['pickup scheduled', 'Ready to Dispatch'],
    ['delivered', 'Delivered'],
    ['successfully delivered', 'Delivered'],
    ['rto', 'RTO'],
    ['return to origin', 'RTO'],
    ['returned to origin', 'RTO'],
    ['return to shipper', 'RTO'],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

/**
 * Lower case, every run of punctuation or spacing as one space; letters of any script are kept, with their
 * combining marks (a Devanagari vowel sign is a mark, not a letter: 'डिलीवर' stays one word).
 */
export function statusKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** 'OFD', 'in-transit', 'ReadyToDispatch', 'ready_to_dispatch' → their type. */
const TYPE_NAMES: ReadonlyMap<string, OrderType> = new Map(
  ORDER_TYPES.filter((type) => type !== 'Unknown').map((type) => [statusKey(type).replace(/ /g, ''), type]),
);

/** A file repeats a handful of statuses thousands of times; each is looked up once. */
const remembered = new Map<string, OrderType>();

export function orderTypeFromStatus(text: string): OrderType {
  const known = remembered.get(text);
  if (known) return known;
  const type = typeForStatus(text);
  if (remembered.size >= 10_000) remembered.clear();
  remembered.set(text, type);
  return type;
}

function typeForStatus(text: string): OrderType {
  const key = statusKey(text);
  if (key === '') return 'Unknown';
  const byName = TYPE_NAMES.get(key.replace(/ /g, ''));
  if (byName) return byName;
  const whole = WHOLE_PHRASES[key];
  if (whole) return whole;
  for (const [phrase, type] of LEADING_PHRASES) {
    if (key.startsWith(`${phrase} `)) return type;
  }
  return 'Unknown';
}
