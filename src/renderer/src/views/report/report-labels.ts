/**
 * The Report view's words for its breakdowns: what happened on the line (the console's outcome labels, plus
 * calls VAPI has not settled), and why some figures are not attempts on the customer. What customers said and
 * the actions raised are named in src/shared/report-words.ts, shared with the CSV and the CLI.
 */
import type { DailyReport } from '../../../../shared/desk-types';
import { UNRESOLVED_WORDS } from '../../../../shared/report-words';
import { OUTCOME_LABEL } from '../../format/labels';

export const REPORT_OUTCOME_LABEL: Record<keyof DailyReport['outcomes'], string> = {
  ...OUTCOME_LABEL,
  unresolved: UNRESOLVED_WORDS,
};

/** Why each figure is what it is, shown on hover. */
export const OUTCOME_HINT: Partial<Record<keyof DailyReport['outcomes'], string>> = {
  error: 'VAPI refused to place the call: not an attempt on the customer',
  canceled: 'Cancelled at VAPI before it reached the customer: not an attempt',
  unresolved: 'In flight, or VAPI has not yet said how it went; the desk keeps asking',
};
