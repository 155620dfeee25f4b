/**
 * `npm run desk -- actions [--json]`: the open actions customers' answers raised (Needs action), newest
 * first, read from the desk's store: as JSON (the console's ActionView) for scripts, or as a table.
 */
import { ACTION_KIND_WORDS, WRITEBACK_WORDS } from '../../shared/contract';
import type { ActionView } from '../../shared/desk-types';
import { formatLocalIso } from '../domain/local-time';
import type { Store } from '../store';
import { callingSettings, table } from './desk-commands';

export function listOpenActions(store: Store): ActionView[] {
  return store.actions.list({ state: 'open' });
}

/** What to do, in a few words: the day and time asked, the new address, the customer's notes. */
function details(action: ActionView): string {
  const when = [action.date, action.time].filter(Boolean).join(' ');
  const parts = [
    when,
    action.address ? `to ${action.address}${action.landmark ? ` (${action.landmark})` : ''}` : '',
    action.notes ?? '',
  ];
  return parts.filter(Boolean).join('; ');
}

export function formatActions(actions: readonly ActionView[], store: Store): string {
  if (actions.length === 0) return 'No open actions: nothing the customers said needs dispatch.\n';
  const { timezone } = callingSettings(store);
  const rows = actions.map((action) => [
    formatLocalIso(action.createdAt, timezone).replace('T', ' '),
    ACTION_KIND_WORDS[action.kind],
    action.awb,
    action.customer,
    action.phoneE164 ?? '',
    details(action),
    WRITEBACK_WORDS[action.writeback.state],
  ]);
  const header = ['Raised', 'Action', 'AWB', 'Customer', 'Phone', 'Details', 'Courier'];
  return `${table([header, ...rows])}\n${actions.length} open ${actions.length === 1 ? 'action' : 'actions'}\n`;
}
