/**
 * The live board: a dialer's real-time report of the running session. Why calling is paused or stopped
 * (VAPI rate-limiting, the account refused), the outcome bar (confirmed, answered, no answer, busy,
 * voicemail, failed, errors, unconfirmed), lines in use of the limit, calls per minute, when the session
 * should be done, and the calls that just ended with how they went and what the customer said.
 */
import type { LiveBoard, LiveOutcomeCounts, LiveSession } from '../../../shared/desk-types';
import { OutcomeBadge } from '../components/OutcomeBadge';
import { Countdown } from '../components/Ticking';
import { countOf, formatCount } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatCallLength, formatTime, formatTimeSeconds, localizeClockTimes } from '../format/time';
import '../styles/foresight.css';

/** The bar's parts, in the order a dispatcher reads them: done, talked, not reached, broken. */
const OUTCOME_PARTS: { key: keyof LiveOutcomeCounts; label: string }[] = [
  { key: 'confirmed', label: 'Confirmed' },
  { key: 'answered', label: 'Answered, other answer' },
  { key: 'noAnswer', label: 'No answer' },
  { key: 'busy', label: 'Busy' },
  { key: 'voicemail', label: 'Voicemail' },
  { key: 'failed', label: 'Failed to connect' },
  { key: 'errors', label: 'Errors (not dialled)' },
  { key: 'unresolved', label: 'Unconfirmed (asking VAPI)' },
];

/** "VAPI is rate-limiting; resuming at 10:03:12 am (in 42s)": seconds, as pauses are short, or why the session stopped calling. */
export function PauseLine({ session, tz }: { session: LiveSession; tz: string }) {
  if (session.stoppedBecause) {
    return (
      <div className="pause-line stopped" role="alert" data-testid="pause-line">
        <strong>Calling stopped:</strong> {localizeClockTimes(session.stoppedBecause)}. Calls on the line
        finish; nobody else is dialled in this session.
      </div>
    );
  }
  if (!session.paused) return null;
  return (
    <div className="pause-line" role="status" data-testid="pause-line">
      <strong>{session.paused.reason}</strong>; resuming at {formatTimeSeconds(session.paused.until, tz)} (in{' '}
      <Countdown to={session.paused.until} done="a moment" />)
    </div>
  );
}

export function OutcomeBar({ outcomes }: { outcomes: LiveOutcomeCounts }) {
  const total = OUTCOME_PARTS.reduce((sum, part) => sum + outcomes[part.key], 0);
  return (
    <div data-testid="outcome-bar">
      <div className="outcome-bar" role="img" aria-label="Calls by outcome">
        {total === 0 ? (
          <div className="outcome-empty" />
        ) : (
          OUTCOME_PARTS.filter((part) => outcomes[part.key] > 0).map((part) => (
            <div
              key={part.key}
              className={`outcome-part outcome-${part.key}`}
              style={{ flexGrow: outcomes[part.key] }}
              title={`${part.label}: ${outcomes[part.key]}`}
            />
          ))
        )}
      </div>
      <ul className="outcome-legend">
        {OUTCOME_PARTS.map((part) => (
          <li
            key={part.key}
            data-testid={`outcome-${part.key}`}
            className={outcomes[part.key] === 0 ? 'zero' : ''}
          >
            <span className={`outcome-swatch outcome-${part.key}`} />
            {part.label} <strong>{formatCount(outcomes[part.key])}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Lines in use, pace, what is left, when it should be done. */
export function BoardMetrics({ board, tz }: { board: LiveBoard; tz: string }) {
  const limit =
    board.vapiLineLimit !== null && board.vapiLineLimit < board.lineLimit
      ? board.vapiLineLimit
      : board.lineLimit;
  return (
    <div className="board-metrics">
      <div className="board-metric" data-testid="lines-in-use">
        <div className="board-value">
          {formatCount(board.linesInUse)} of {countOf(limit, 'line')}
        </div>
        <div className="board-label">
          in use
          {board.vapiLineLimit !== null && ` · VAPI allows ${formatCount(board.vapiLineLimit)}`}
        </div>
      </div>
      <div className="board-metric" data-testid="calls-per-minute">
        <div className="board-value">
          {board.callsPerMinute === null ? '—' : formatCount(board.callsPerMinute)}
        </div>
        <div className="board-label">calls a minute</div>
      </div>
      <div className="board-metric" data-testid="waiting">
        <div className="board-value">{formatCount(board.waiting)}</div>
        <div className="board-label">{board.waiting === 1 ? 'number waits' : 'numbers wait'} for a line</div>
      </div>
      <div className="board-metric" data-testid="finish-at">
        <div className="board-value">
          {board.finishAt === null ? '—' : `~${formatTime(Math.ceil(board.finishAt / 60_000) * 60_000, tz)}`}
        </div>
        <div className="board-label">
          {board.finishAt === null ? (
            'done by: not known until calls end'
          ) : (
            <>
              done by, at this pace (in <Countdown to={board.finishAt} />)
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export function JustEnded({ board, tz }: { board: LiveBoard; tz: string }) {
  return (
    <div className="panel">
      <h3>Just ended</h3>
      {board.justEnded.length === 0 ? (
        <p className="muted">No call has ended yet.</p>
      ) : (
        <table className="grid-table" data-testid="just-ended">
          <thead>
            <tr>
              <th>Ended</th>
              <th>Customer</th>
              <th>Phone</th>
              <th>Outcome · what the customer said</th>
              <th className="num">Length</th>
            </tr>
          </thead>
          <tbody>
            {board.justEnded.map((call) => (
              <tr key={call.callId}>
                <td>{formatTimeSeconds(call.endedAt, tz)}</td>
                <td>{call.customer}</td>
                <td className="mono">{formatPhone(call.phoneE164)}</td>
                <td>
                  {/* The same badge as History's: "Answered · Reschedule", red for a cancel. */}
                  <OutcomeBadge outcome={call.outcome} successful={call.successful} answer={call.answer} />
                </td>
                <td className="num">{formatCallLength(call.durationSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
