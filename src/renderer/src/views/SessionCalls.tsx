/**
 * Answers "which calls make up this number?" for a session's row in Today: the session's calls, optionally
 * only the successful or the failed ones (as Today counts them), each with its outcome and summary, a page at
 * a time.
 */
import { useCallback, useEffect, useState } from 'react';
import { MAX_PAGE_ROWS } from '../../../shared/contract';
import type { HistoryItem, HistoryTab, SessionSummary } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { TRIGGER_LABEL } from '../format/labels';
import { formatCallLength, formatTime, formatTimeSeconds } from '../format/time';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { OutcomeBadge } from '../components/OutcomeBadge';

export type CallFilter = HistoryTab;

const FILTER_TITLE: Record<CallFilter, string> = {
  all: 'calls',
  successful: 'successful calls',
  failed: 'failed calls',
};

export function SessionCalls(props: { session: SessionSummary; filter: CallFilter; onClose(): void }) {
  const { session, filter } = props;
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [calls, setCalls] = useState<HistoryItem[] | null>(null);
  const [more, setMore] = useState<{ cursor: string | null; total: number }>({ cursor: null, total: 0 });
  // A new session or filter starts from its first page; "Show more" adds the next.
  const fetchPage = useCallback(
    (cursor: string | null, before: HistoryItem[]) =>
      command(() =>
        desk('history', {
          sessionId: session.id,
          tab: filter,
          limit: MAX_PAGE_ROWS,
          ...(cursor ? { cursor } : {}),
        }),
      ).then((found) => {
        setCalls([...before, ...(found?.rows ?? [])]);
        setMore({ cursor: found?.nextCursor ?? null, total: found?.counts.calls ?? 0 });
      }),
    [session.id, filter],
  );
  useEffect(() => {
    void fetchPage(null, []);
  }, [fetchPage]);
  const shown = calls ?? [];

  return (
    <Drawer
      title={`${formatTime(session.startedAt, tz)} ${TRIGGER_LABEL[session.trigger].toLowerCase()} session: ${FILTER_TITLE[filter]}`}
      onClose={props.onClose}
    >
      {calls === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="plain" data-testid="session-calls">
          <thead>
            <tr>
              <th>Time</th>
              <th>Customer</th>
              <th>AWB</th>
              <th>Try</th>
              <th>Outcome</th>
              <th className="num">Length</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((call) => (
              <tr key={call.id}>
                <td>{formatTimeSeconds(call.startedAt, tz)}</td>
                <td>{call.customer}</td>
                <td className="mono">{call.awbs.join(', ')}</td>
                <td className="num">{call.attemptNumber}</td>
                <td>
                  <OutcomeBadge
                    outcome={call.outcome}
                    successful={call.successful}
                    answer={call.answer}
                    state={call.state}
                  />
                </td>
                <td className="num">{formatCallLength(call.durationSeconds)}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  None.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {more.cursor && (
        <p className="muted">
          {shown.length} of {more.total} shown.{' '}
          <button onClick={() => void fetchPage(more.cursor, shown)} data-testid="session-calls-more">
            Show more
          </button>
        </p>
      )}
    </Drawer>
  );
}
