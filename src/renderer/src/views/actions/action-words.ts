/**
 * How an action reads on the console: its kind and where it stands with the courier as tinted badges (the
 * words are the desk's, from the contract), and what to do — the day, the time, the new address — in one line
 * in the console's date and time format.
 */
import type { ActionKind, ActionView, SettingsView, WritebackState } from '../../../../shared/desk-types';
import type { Tone } from '../../components/Badge';
import { formatClock, formatDay } from '../../format/time';

export const KIND_TONE: Record<ActionKind, Tone> = {
  reschedule: 'info',
  callback: 'info',
  'address-change': 'warn',
  cancel: 'bad',
  'wrong-number': 'bad',
  'fix-phone': 'warn',
};

export const WRITEBACK_TONE: Record<WritebackState, Tone> = {
  none: 'muted',
  pending: 'info',
  sent: 'good',
  failed: 'warn',
  refused: 'bad',
};

/** "Thu 26 Nov" for a calendar day (YYYY-MM-DD); the text itself when it is not one. */
export function formatCalendarDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return formatDay(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12), 'UTC');
}

/** "Thu 26 Nov, 3:00 pm · to Flat 3, Sector 21": what the customer asked for, in one line. */
export function whatToDo(action: Pick<ActionView, 'date' | 'time' | 'address' | 'landmark'>): string {
  const when = [action.date && formatCalendarDay(action.date), action.time && formatClock(action.time)]
    .filter(Boolean)
    .join(', ');
  const where = action.address
    ? `to ${action.address}${action.landmark ? ` (landmark: ${action.landmark})` : ''}`
    : '';
  return [when, where].filter(Boolean).join(' · ');
}

/** Kinds the courier can be asked about, and the ones that need the right phone first. */
export const NEVER_SENT: ReadonlySet<ActionKind> = new Set(['callback']);
export const NEEDS_PHONE: ReadonlySet<ActionKind> = new Set(['wrong-number', 'fix-phone']);

/** Only iThink Logistics (with its credentials) takes NDR requests from the desk; any other source is told
 *  through the CSV export. null while the settings load. */
export function canSendToCourier(settings: SettingsView | null | undefined): boolean | null {
  if (!settings) return null;
  return settings.orderSource.kind === 'ithink' && settings.orderSource.credentialsSet;
}
