/**
 * Answers "which calls make up this number?" for a session's row in Today: the session's calls, optionally
 * only the successful or the failed ones, each with its outcome and summary.
 */
import { useEffect, useState } from 'react';
import type { HistoryItem, SessionSummary } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { TRIGGER_LABEL } from '../format/labels';
import { formatCallLength, formatTime, formatTimeSeconds } from '../format/time';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { OutcomeBadge } from '../components/OutcomeBadge';

export type CallFilter = 'all' | 'successful' | 'failed';

const FILTER_TITLE: Record<CallFilter, string> = {
  all: 'calls',
  successful: 'successful calls',
  failed: 'failed calls',
};

function keep(call: HistoryItem, filter: CallFilter): boolean {
  if (filter === 'successful') return call.successful;
  // "Failed" on Today counts finished calls that did not succeed and will be retried; errors are apart.
  if (filter === 'failed') return !call.successful && call.outcome !== null && call.outcome !== 'error';
  return true;
}

export function SessionCalls(props: { session: SessionSummary; filter: CallFilter; onClose(): void }) {
  const { session, filter } = props;
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [calls, setCalls] = useState<HistoryItem[] | null>(null);
  useEffect(() => {
    void command(() => desk('history', { sessionId: session.id, limit: 1000 })).then((found) =>
      setCalls(found ?? []),
    );
  }, [session.id]);
  const shown = (calls ?? []).filter((call) => keep(call, filter));

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
    </Drawer>
  );
}
