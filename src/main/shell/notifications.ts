/**
 * Which native notifications the shell shows: one when a session ends (with its counts), one when a provider
 * or sync problem needs the operator. Decided from the stream of desk statuses, de-duplicated so a problem
 * that repeats every session does not bury the operator in pop-ups.
 */
import type { DeskStatus, LiveSession, SessionSummary, SessionTrigger } from '../../shared/desk-types';
import { formatHhMm } from '../domain/local-time';

export interface ShellNotification {
  title: string;
  body: string;
}

/** What the planner saw happen; a finished session is described once its final counts are read back. */
export type ShellEvent =
  | { kind: 'sessionEnded'; session: LiveSession; timezone: string }
  | { kind: 'attention'; notification: ShellNotification };

/** The same problem again within this window is not announced again. */
export const ATTENTION_REPEAT_MS = 30 * 60_000;
const BODY_MAX = 200;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class NotificationPlanner {
  private lastSession: LiveSession | null = null;
  private lastTimezone = 'UTC';
  private readonly seenProblems = new Set<string>();
  private readonly announcedAt = new Map<string, number>();

  /**
   * @param since problems logged before this instant (an earlier run of the app) are not announced.
   */
  constructor(
    private readonly since: number,
    private readonly repeatMs: number = ATTENTION_REPEAT_MS,
  ) {}

  observe(status: DeskStatus): ShellEvent[] {
    const events: ShellEvent[] = [];
    const previous = this.lastSession;
    // A session ended when the one we were watching is gone or replaced by another.
    if (previous && (!status.session || status.session.id !== previous.id)) {
      events.push({ kind: 'sessionEnded', session: previous, timezone: this.lastTimezone });
    }
    this.lastSession = status.session;
    this.lastTimezone = status.timezone;

    const fresh = status.attention.filter((line) => {
      const key = `${line.at}\u0000${line.message}`;
      if (line.at < this.since || this.seenProblems.has(key)) return false;
      this.seenProblems.add(key);
      return true;
    });
    const toAnnounce = fresh.filter((line) => {
      const last = this.announcedAt.get(line.message);
      return last === undefined || line.at - last >= this.repeatMs;
    });
    // Unique messages only: one burst of identical errors (ten calls rejected at once) is one problem.
    const messages = [...new Set(toAnnounce.map((line) => line.message))];
    for (const line of toAnnounce) this.announcedAt.set(line.message, line.at);
    const first = messages[0];
    if (first !== undefined) {
      const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : '';
      events.push({
        kind: 'attention',
        notification: {
          title: 'Auto Call Scheduler needs attention',
          body: truncate(`${first}${more}`, BODY_MAX),
        },
      });
    }
    return events;
  }
}

const TRIGGER_WORD: Record<SessionTrigger, string> = {
  scheduled: 'Session',
  manual: 'Manual session',
  'catch-up': 'Catch-up session',
  callback: 'Callback session',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Title "Session 10:00 finished", body "100 calls, 70 successful, 30 to retry". Uses the stored summary when it could be
 * read (the final counts), else the last live counts seen.
 */
export function sessionEndedNotification(
  live: LiveSession,
  summary: SessionSummary | null,
  timezone: string,
): ShellNotification {
  const trigger = summary?.trigger ?? live.trigger;
  const verb =
    summary?.state === 'stopped' ? 'stopped' : summary?.state === 'interrupted' ? 'interrupted' : 'finished';
  const at = formatHhMm(summary?.startedAt ?? live.startedAt, timezone);
  const calls = summary?.calls ?? live.completed;
  const successful = summary?.successful ?? live.successful;
  const failed = summary?.failed ?? live.failed;
  const errors = summary?.errors ?? live.errors;
  const title = `${TRIGGER_WORD[trigger]} ${at} ${verb}`;
  if (calls === 0 && errors === 0) return { title, body: 'Nobody was due a call.' };
  const parts = [plural(calls, 'call', 'calls'), `${successful} successful`, `${failed} to retry`];
  if (errors > 0) parts.push(plural(errors, 'error', 'errors'));
  return { title, body: parts.join(', ') };
}
