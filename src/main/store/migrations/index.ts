/**
 * The schema's history: numbered, forward-only migrations. A new schema change is a new entry at the end;
 * an applied entry is never edited.
 */
import { up as initial } from './001-initial';
import { up as callReconciliation } from './002-call-reconciliation';
import { up as answersAndActions } from './003-answers-and-actions';
import { up as orderCity } from './004-order-city';
import { up as courierPhone } from './005-courier-phone';
import { up as reportIndexes } from './006-report-indexes';
import { up as callSummaries } from './007-call-summaries';
import { up as orderGeneration } from './008-order-generation';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'call reconciliation', up: callReconciliation },
  { version: 3, name: 'answers and actions', up: answersAndActions },
  { version: 4, name: 'order city', up: orderCity },
  { version: 5, name: 'courier phone', up: courierPhone },
  { version: 6, name: 'report indexes', up: reportIndexes },
  { version: 7, name: 'call summaries', up: callSummaries },
  { version: 8, name: 'order generation', up: orderGeneration },
];
