/**
 * The Report view's words for its breakdowns: what happened on the line (the desk's shared outcome labels,
 * plus calls VAPI has not settled), what the customer said, and the actions raised, in the order shown.
 */
import type { DailyReport } from '../../../../shared/desk-types';
import { OUTCOME_LABEL } from '../../format/labels';

export const REPORT_OUTCOME_LABEL: Record<keyof DailyReport['outcomes'], string> = {
  ...OUTCOME_LABEL,
  unresolved: 'Not yet known',
};

export const ANSWER_LABEL: Record<keyof DailyReport['answers'], string> = {
  confirmed: 'Confirmed',
  reschedule: 'Reschedule',
  callback: 'Call back',
  'address-change': 'Address change',
  cancel: 'Cancel',
  'wrong-number': 'Wrong number',
  unclear: 'Unclear',
  none: 'No answer read',
};

export const ACTION_KIND_LABEL: Record<keyof DailyReport['actions'], string> = {
  reschedule: 'Reschedule',
  callback: 'Call back',
  'address-change': 'Address change',
  cancel: 'Cancel',
  'wrong-number': 'Wrong number',
  'fix-phone': 'Fix phone',
};

/** Why each figure is what it is, shown on hover and read by screen readers. */
export const OUTCOME_HINT: Partial<Record<keyof DailyReport['outcomes'], string>> = {
  error: 'VAPI refused to place the call: not an attempt on the customer',
  canceled: 'Cancelled at VAPI before it reached the customer: not an attempt',
  unresolved: 'In flight, or VAPI has not yet said how it went; the desk keeps asking',
};
