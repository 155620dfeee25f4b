/**
 * Orders as the desk knows them: the parcel, the customer to phone, and the courier status that decides
 * whether the customer may be called at all.
 */

import type { OrderType } from '../../shared/desk-types';
import { everyMember } from './every-member';

export type { OrderType };

/** The order types the courier panels report, in the order the console lists them. Only OFD and Undelivered are ever called. */
export const ORDER_TYPES = everyMember<OrderType>()([
  'OFD',
  'Undelivered',
  'In Transit',
  'Ready to Dispatch',
  'Delivered',
  'RTO',
  'Unknown',
]);

export const CALLABLE_TYPES: ReadonlySet<OrderType> = new Set<OrderType>(['OFD', 'Undelivered']);

export function isCallableType(type: OrderType): boolean {
  return CALLABLE_TYPES.has(type);
}

/** An order as it stands in the local cache. Times are epoch milliseconds. */
export interface Order {
  awb: string;
  orderId: string | null;
  courier: string | null;
  customer: string;
  /** The phone exactly as the source gave it. */
  phoneRaw: string;
  /** Normalised E.164 number, or null when the phone cannot be dialled. */
  phoneE164: string | null;
  /** Why the phone cannot be dialled (null when it can). */
  phoneProblem: string | null;
  type: OrderType;
  /** The status text as the source wrote it ('Out for delivery', 'RTO initiated', ...). */
  rawStatus: string;
  address: string;
  /** '' when the source gives none. */
  city: string;
  pincode: string;
  codAmount: number | null;
  firstSeenAt: number;
  updatedAt: number;
}

/** What intake (CSV, sync, simulator) hands the store: an order before the store has stamped it. */
export type OrderInput = Omit<Order, 'firstSeenAt' | 'updatedAt'>;
