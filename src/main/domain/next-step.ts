/**
 * What the customer said decides what happens next (DESIGN.md, Outcomes and answers). From what happened on
 * the line (outcome.ts) and the answer read from VAPI (answer.ts): whether the call is the success that ends
 * calling, when the number may be called again, whether the covered orders are closed, and what work it gives
 * dispatch.
 *
 * - confirmed → success. address-change → success for calling, with an action carrying the new address.
 * - reschedule → not called again before the day asked (at least not that day), with an action.
 * - callback → called again at the time asked, inside working hours (sooner than the cooldown if asked),
 *   with an action; an attempt like any other.
 * - cancel, wrong-number → the covered orders are never called again, with an action.
 * - unclear, or no answer readable → an attempt, not a success: retried after the cooldown.
 * - a number VAPI could not dial (misdialled, SIP 403/404/484) → not dialled again; a "fix phone" action.
 * Pure: times are given, never read from a clock.
 */
import type { ActionKind, CustomerAnswerView } from '../../shared/desk-types';
import type { CallOutcome } from './call';
import { addLocalDays, atLocalTimeOnSameDay, formatLocalDate, parseHhMm, parseLocalIso } from './local-time';
import type { CallingSettings } from './settings';

/** The carrier or VAPI said the number itself is wrong: dialling it again cannot reach anyone. */
const BAD_NUMBER_ENDS = /misdial|outbound-sip-(403|404|484)\b/;

export interface ActionDraft {
  kind: ActionKind;
  date: string | null;
  time: string | null;
  address: string | null;
  landmark: string | null;
  notes: string | null;
}

export interface NextStep {
  successful: boolean;
  /** Called back at this instant, whatever the cooldown says. */
  callbackAt: number | null;
  /** The covered orders are not called before this instant. */
  noCallBefore: number | null;
  /** The covered orders are never called again. */
  closesOrder: boolean;
  /** The number cannot be dialled until the order's phone is fixed. */
  badNumber: boolean;
  action: ActionDraft | null;
  /** One sentence for the operator. */
  why: string;
}

export interface NextStepInput {
  outcome: CallOutcome;
  endedReason: string | null;
  answer: CustomerAnswerView | null;
  /** When the call ended: "kal" and "4 baje" are counted from here. */
  endedAt: number;
  settings: Pick<CallingSettings, 'timezone' | 'workingHours'>;
}

const NOTHING: Omit<NextStep, 'why'> = {
  successful: false,
  callbackAt: null,
  noCallBefore: null,
  closesOrder: false,
  badNumber: false,
  action: null,
};

function draft(kind: ActionKind, answer: CustomerAnswerView | null, notes?: string): ActionDraft {
  return {
    kind,
    date: answer?.date ?? null,
    time: answer?.time ?? null,
    address: answer?.address ?? null,
    landmark: answer?.landmark ?? null,
    notes: notes ?? answer?.notes ?? null,
  };
}

/** The start of working hours on a local day (YYYY-MM-DD), or null when the day cannot be read. */
function openingOn(day: string, settings: NextStepInput['settings']): number | null {
  return parseLocalIso(`${day}T${settings.workingHours.start}`, settings.timezone);
}

/**
 * When to call back: the time asked, on the day asked (or the call's day, or the next day when that time has
 * passed), moved to the next opening of working hours when it falls outside them.
 */
export function callbackInstant(
  answer: CustomerAnswerView,
  endedAt: number,
  settings: NextStepInput['settings'],
): number | null {
  if (!answer.time || parseHhMm(answer.time) === null) return null;
  const { timezone } = settings;
  const day = answer.date ?? formatLocalDate(endedAt, timezone);
  let at = parseLocalIso(`${day}T${answer.time}`, timezone);
  if (at === null) return null;
  if (at <= endedAt) at = addLocalDays(at, 1, timezone);
  const opens = atLocalTimeOnSameDay(at, settings.workingHours.start, timezone);
  const closes = atLocalTimeOnSameDay(at, settings.workingHours.end, timezone);
  if (at < opens) return opens;
  if (at >= closes) return addLocalDays(opens, 1, timezone);
  return at;
}

/** Not before the day asked, and in any case not again the same day. */
function rescheduledUntil(
  answer: CustomerAnswerView,
  endedAt: number,
  settings: NextStepInput['settings'],
): number {
  const nextDay = addLocalDays(
    atLocalTimeOnSameDay(endedAt, '00:00', settings.timezone),
    1,
    settings.timezone,
  );
  const asked = answer.date ? openingOn(answer.date, settings) : null;
  return asked !== null && asked > nextDay ? asked : nextDay;
}

export function nextStepFor(input: NextStepInput): NextStep {
  const { outcome, answer, endedAt, settings } = input;
  const reason = input.endedReason ?? '';
  if (outcome !== 'answered') {
    if (BAD_NUMBER_ENDS.test(reason)) {
      return {
        ...NOTHING,
        badNumber: true,
        action: draft('fix-phone', null, `VAPI could not dial the number (${reason})`),
        why: `the number could not be dialled (${reason}): fix the phone before it is called again`,
      };
    }
    return { ...NOTHING, why: `not answered (${outcome})` };
  }
  if (!answer)
    return {
      ...NOTHING,
      why: 'answered, but no answer could be read from VAPI: called again after the cooldown',
    };
  switch (answer.intent) {
    case 'confirmed':
      return { ...NOTHING, successful: true, why: 'the customer confirmed the delivery' };
    case 'address-change':
      return {
        ...NOTHING,
        successful: true,
        action: draft('address-change', answer),
        why: 'the customer confirmed and gave a new address',
      };
    case 'reschedule': {
      const noCallBefore = rescheduledUntil(answer, endedAt, settings);
      return {
        ...NOTHING,
        noCallBefore,
        action: draft('reschedule', answer),
        why: `the customer asked for delivery ${answer.date ? `on ${answer.date}` : 'another day'}: not called before ${formatLocalDate(noCallBefore, settings.timezone)}`,
      };
    }
    case 'callback': {
      const callbackAt = callbackInstant(answer, endedAt, settings);
      return {
        ...NOTHING,
        callbackAt,
        action: draft('callback', answer),
        why:
          callbackAt === null
            ? 'the customer asked to be called back without a time: called again after the cooldown'
            : `the customer asked to be called back at ${answer.time}`,
      };
    }
    case 'cancel':
      return {
        ...NOTHING,
        closesOrder: true,
        action: draft('cancel', answer),
        why: 'the customer cancelled the order',
      };
    case 'wrong-number':
      return {
        ...NOTHING,
        closesOrder: true,
        action: draft('wrong-number', answer),
        why: 'the person who answered said it is the wrong number',
      };
    case 'unclear':
      return { ...NOTHING, why: 'the answer was unclear: called again after the cooldown' };
  }
}
