/**
 * Small builders for orders, calls and settings, so a test states only what its rule is about. Times are
 * written as the desk reads them ("2026-11-24T10:00" in Asia/Kolkata) and turned into instants here.
 */
import type { OrderInput, Order } from '../../src/main/domain/order';
import type { PolicyCall } from '../../src/main/domain/policy';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../../src/main/domain/settings';
import { parseLocalIso } from '../../src/main/domain/local-time';

export const DESK_TZ = 'Asia/Kolkata';

/** The instant the desk's wall clock shows `local` ("YYYY-MM-DDTHH:MM[:SS]"); throws on a malformed time. */
export function at(local: string, timezone: string = DESK_TZ): number {
  const instant = parseLocalIso(local, timezone);
  if (instant === null) throw new Error(`test time "${local}" is not YYYY-MM-DDTHH:MM[:SS]`);
  return instant;
}

/** A dialable Indian mobile: `indianPhone(1)` is 9876500001 / +919876500001. */
export function indianPhone(n: number): { phoneRaw: string; phoneE164: string } {
  const national = `98765${String(n).padStart(5, '0')}`;
  return { phoneRaw: national, phoneE164: `+91${national}` };
}

export function makeOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    awb: 'AWB1000001',
    orderId: null,
    courier: 'Delhivery',
    customer: 'Raj Kumar',
    ...indianPhone(1),
    phoneProblem: null,
    type: 'OFD',
    rawStatus: 'Out for delivery',
    address: '12 Chandni Chowk, Delhi',
    city: '',
    pincode: '110006',
    codAmount: 499,
    ...overrides,
  };
}

/** An order in the cache, first seen at 09:00 on 24 Nov 2026 unless told otherwise. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
  const firstSeenAt = overrides.firstSeenAt ?? at('2026-11-24T09:00');
  return {
    ...makeOrderInput(),
    firstSeenAt,
    updatedAt: firstSeenAt,
    ...overrides,
  };
}

/** An order whose phone could not be normalised. */
export function makeOrderWithInvalidPhone(overrides: Partial<Order> = {}): Order {
  return makeOrder({
    phoneRaw: '12345',
    phoneE164: null,
    phoneProblem: 'too short (5 digits)',
    ...overrides,
  });
}

/**
 * A finished, unsuccessful call (busy) made by the session that started at `session` (local time).
 * Pass `outcome: 'answered', successful: true` for a success, `outcome: null, state: 'unresolved'` for a
 * call whose fate is not known yet.
 */
export function makeCall(
  overrides: Partial<Omit<PolicyCall, 'sessionStartedAt'>> & { session?: string } = {},
): PolicyCall {
  const { session = '2026-11-24T10:00', ...rest } = overrides;
  return {
    phoneE164: indianPhone(1).phoneE164,
    awbs: ['AWB1000001'],
    sessionStartedAt: at(session),
    successful: false,
    outcome: 'busy',
    state: 'ended',
    intent: null,
    callbackAt: null,
    noCallBefore: null,
    closesOrder: false,
    badNumber: false,
    ...rest,
  };
}

export function makeSettings(overrides: Partial<CallingSettings> = {}): CallingSettings {
  return { ...DEFAULT_CALLING_SETTINGS, ...overrides };
}
