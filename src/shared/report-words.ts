/**
 * The daily report's words for what customers said and the actions raised, in the order every report shows
 * them: the console's Report view, the CSV export and `npm run desk -- report` say them the same way.
 */
import type { DailyReport } from './desk-types';

export const ANSWER_WORDS: Record<keyof DailyReport['answers'], string> = {
  confirmed: 'Confirmed',
  reschedule: 'Reschedule',
  callback: 'Call back',
  'address-change': 'Address change',
  cancel: 'Cancel',
  'wrong-number': 'Wrong number',
  unclear: 'Unclear',
  none: 'No answer read',
};

export const ACTION_WORDS: Record<keyof DailyReport['actions'], string> = {
  reschedule: 'Reschedule',
  callback: 'Call back',
  'address-change': 'Address change',
  cancel: 'Cancel',
  'wrong-number': 'Wrong number',
  'fix-phone': 'Fix phone',
};

/** A call VAPI has not settled yet, as the report's outcome breakdown names it. */
export const UNRESOLVED_WORDS = 'Not yet known';
