/**
 * What the tray shows: one of four icons and a one-line tooltip, decided from the desk's status alone so the
 * operator can read the desk's state from the task bar without opening the window.
 */
import type { DeskStatus, LogLine } from '../../shared/desk-types';
import { formatHhMm } from '../domain/local-time';

export type TrayState = 'idle' | 'running' | 'stopped' | 'attention';

export const TRAY_STATES: readonly TrayState[] = ['idle', 'running', 'stopped', 'attention'];

export interface TrayView {
  state: TrayState;
  tooltip: string;
}

export const APP_TITLE = 'Auto Call Scheduler';

/**
 * Problems newer than the moment the operator last looked at the window. The desk keeps its error lines for
 * the whole day; once the operator has seen them the tray goes back to normal until the next one.
 */
export function unseenProblems(status: DeskStatus, acknowledgedAt: number): LogLine[] {
  return status.attention.filter((line) => line.at > acknowledgedAt);
}

/**
 * Attention wins over everything (a provider or sync error stops calls from working), then a session in
 * progress, then the scheduler's state.
 */
export function trayState(status: DeskStatus, acknowledgedAt: number): TrayState {
  if (unseenProblems(status, acknowledgedAt).length > 0) return 'attention';
  if (status.session) return 'running';
  return status.schedulerRunning ? 'idle' : 'stopped';
}

/** Windows truncates tray tooltips at 127 characters; keep the important part first. */
const TOOLTIP_MAX = 127;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function trayView(status: DeskStatus, acknowledgedAt: number): TrayView {
  const state = trayState(status, acknowledgedAt);
  const mode = status.mode === 'sandbox' ? ' (sandbox)' : '';
  let detail: string;
  switch (state) {
    case 'attention': {
      const newest = unseenProblems(status, acknowledgedAt)[0];
      detail = `needs attention: ${newest?.message ?? 'see the log'}`;
      break;
    }
    case 'running': {
      const session = status.session;
      detail = session
        ? `session ${formatHhMm(session.startedAt, status.timezone)} running: ` +
          `${session.completed}/${session.planned} calls, ${session.successful} successful`
        : 'session running';
      break;
    }
    case 'idle': {
      const next = status.nextRuns[0];
      detail = next === undefined ? 'idle' : `idle, next session ${formatHhMm(next, status.timezone)}`;
      break;
    }
    case 'stopped':
      detail = 'scheduler stopped';
      break;
  }
  return { state, tooltip: truncate(`${APP_TITLE}${mode} — ${detail}`, TOOLTIP_MAX) };
}

/** One entry of the tray's context menu, independent of Electron's Menu so it can be tested. */
export interface TrayMenuItem {
  id: 'show' | 'toggleScheduler' | 'runNow' | 'openLog' | 'quit';
  label: string;
  enabled: boolean;
}

export function trayMenu(status: DeskStatus | null): TrayMenuItem[] {
  const runNowReason = status?.runNow.reason;
  return [
    { id: 'show', label: 'Show Auto Call Scheduler', enabled: true },
    {
      id: 'toggleScheduler',
      label: status?.schedulerRunning ? 'Stop scheduler' : 'Start scheduler',
      enabled: status !== null,
    },
    {
      id: 'runNow',
      // Say why it is greyed out: the operator should not have to open the window to find out.
      label: runNowReason ? `Run now (${runNowReason})` : 'Run now',
      enabled: status?.runNow.allowed ?? false,
    },
    { id: 'openLog', label: 'Open log file', enabled: true },
    { id: 'quit', label: 'Quit', enabled: true },
  ];
}
