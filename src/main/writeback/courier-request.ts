/**
 * What the courier is asked to do about an action, decided from what the customer said (pure: the day is
 * given). iThink's NDR API knows two requests: deliver again on a day (optionally at a time, to a new address
 * or through a new phone), or return the parcel to the shipper (RTO).
 *
 * - reschedule → reattempt on the day asked, at the time asked if any.
 * - address-change → reattempt at the new address (landmark added to it). iThink requires a day: the day
 *   asked, else the next working day, and the request says so.
 * - cancel → RTO, with the customer's words as the remark.
 * - wrong-number, fix-phone → a reattempt on the next working day through the right phone, which only the
 *   operator can give. A wrong number is never turned into an RTO: the person who answered was not the buyer,
 *   so nobody said the parcel is unwanted, and a return cannot be undone.
 * - callback → nothing for the courier: the desk calls the customer back itself.
 * A day asked for that has already passed becomes the next working day, said so too. Working days are Monday
 * to Saturday (couriers' NDR reattempts are not booked for Sundays).
 */
import type { ActionKind, ActionView } from '../../shared/desk-types';
import type { NdrAction } from './ithink-ndr';

/** The action's parts a request is made from. */
export type CourierActionInput = Pick<
  ActionView,
  'kind' | 'awb' | 'date' | 'time' | 'address' | 'landmark' | 'notes'
>;

export type CourierRequest =
  | {
      ndr: NdrAction;
      /** The request in the operator's words: "reattempt on 2026-11-25 (the next working day: …)". */
      says: string;
    }
  | {
      refusal: string;
      /** The operator can make it sendable by giving the customer's right phone. */
      needsPhone: boolean;
    };

/** Sent on their own when automatic write-back is on: everything the customer's answer alone decides. */
export const AUTO_SENT_KINDS: readonly ActionKind[] = ['reschedule', 'address-change', 'cancel'];

const RTO_REMARK_MAX = 200;

function dayParts(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return [year, month, date];
}

function formatDay(utc: Date): string {
  return utc.toISOString().slice(0, 10);
}

/** The next day after `today` (YYYY-MM-DD) that is not a Sunday. */
export function nextWorkingDay(today: string): string {
  const [year, month, date] = dayParts(today);
  const day = new Date(Date.UTC(year, month - 1, date + 1));
  if (day.getUTCDay() === 0) day.setUTCDate(day.getUTCDate() + 1);
  return formatDay(day);
}

/** The reattempt day: the one asked when it is still to come, else the next working day, with why. */
function reattemptDay(asked: string | null, today: string): { date: string; why: string | null } {
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked >= today) return { date: asked, why: null };
  const next = nextWorkingDay(today);
  const why = asked
    ? `the next working day: the day asked, ${asked}, has passed`
    : 'the next working day: the customer named no day';
  return { date: next, why };
}

function reattemptWords(date: string, why: string | null, time: string | null, extra: string[]): string {
  const parts = [`reattempt on ${date}${why ? ` (${why})` : ''}`];
  if (time) parts.push(`at ${time}`);
  return [...parts, ...extra].join(', ');
}

function addressWithLandmark(address: string, landmark: string | null): string {
  const clean = address.replace(/\s+/g, ' ').trim();
  const mark = landmark?.replace(/\s+/g, ' ').trim();
  return mark ? `${clean} (landmark: ${mark})` : clean;
}

function phoneReattempt(action: CourierActionInput, phone: string | null, today: string): CourierRequest {
  const reason =
    action.kind === 'wrong-number'
      ? 'The person who answered said it is the wrong number'
      : 'VAPI could not dial this number';
  if (!phone) {
    return {
      refusal: `${reason}: enter the customer's right phone to ask the courier for a reattempt through it (no return is asked for: the buyer never said the parcel is unwanted)`,
      needsPhone: true,
    };
  }
  const date = nextWorkingDay(today);
  return {
    ndr: { kind: 'reattempt', awb: action.awb, date, phone },
    says: reattemptWords(date, 'the next working day', null, [`through the new phone ${phone}`]),
  };
}

/**
 * The request for `action` on `today` (YYYY-MM-DD in the desk's time zone), or why it cannot be sent.
 * `phone`: the right number the operator gave (wrong number, fix phone).
 */
export function courierRequestFor(
  action: CourierActionInput,
  phone: string | null,
  today: string,
): CourierRequest {
  switch (action.kind) {
    case 'reschedule': {
      const { date, why } = reattemptDay(action.date, today);
      return {
        ndr: { kind: 'reattempt', awb: action.awb, date, time: action.time },
        says: reattemptWords(date, why, action.time, []),
      };
    }
    case 'address-change': {
      if (!action.address?.trim()) {
        return {
          refusal:
            'No new address was heard on the call: listen to the recording and update the address in the courier’s panel',
          needsPhone: false,
        };
      }
      const { date, why } = reattemptDay(action.date, today);
      return {
        ndr: {
          kind: 'reattempt',
          awb: action.awb,
          date,
          time: action.time,
          address: addressWithLandmark(action.address, action.landmark),
        },
        says: reattemptWords(date, why, action.time, ['to the new address']),
      };
    }
    case 'cancel': {
      const said = action.notes?.replace(/\s+/g, ' ').trim();
      const remark = `Customer cancelled on the delivery confirmation call${said ? `: ${said}` : ''}`;
      return {
        ndr: { kind: 'rto', awb: action.awb, remark: remark.slice(0, RTO_REMARK_MAX) },
        says: 'return to origin (RTO): the customer cancelled',
      };
    }
    case 'wrong-number':
    case 'fix-phone':
      return phoneReattempt(action, phone, today);
    case 'callback':
      return {
        refusal:
          'A callback is the desk’s own work: it calls the customer back at the time asked, and nothing goes to the courier. Mark it done when it is handled',
        needsPhone: false,
      };
  }
}
