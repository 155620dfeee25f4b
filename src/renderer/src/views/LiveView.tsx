/**
 * The session in progress: how far it is (done of total), why it is paused or stopped, the live board
 * (outcomes, lines in use, pace, time to finish, calls just ended; LiveBoard.tsx), the calls on the line
 * right now with their elapsed time, and the engine's recent log. With no session running it says when the
 * next one starts.
 */
import type { DeskStatus, LogLine } from '../../../shared/desk-types';
import { Countdown, Elapsed } from '../components/Ticking';
import { CALL_STATE_LABEL, TRIGGER_LABEL } from '../format/labels';
import { countOf, formatCount } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatTime, formatTimeSeconds, localizeClockTimes } from '../format/time';
import { useResource } from '../stores/data-store';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { BoardMetrics, JustEnded, OutcomeBar, PauseLine } from './LiveBoard';

function stopSession(): void {
  const sure = window.confirm(
    'Stop this session? Calls already ringing finish and are recorded; the rest wait for the next session.',
  );
  if (sure) void command(() => desk('stopSession', {}), 'Session stopping: calls in flight finish');
}

function Progress({ session, tz }: { session: NonNullable<DeskStatus['session']>; tz: string }) {
  const pct = session.planned === 0 ? 100 : Math.round((session.completed / session.planned) * 100);
  return (
    <div className="panel">
      <div className="live-head">
        <div>
          <div className="big" data-testid="live-progress">
            {formatCount(session.completed)} of {countOf(session.planned, 'call')} done
          </div>
          <div className="muted">
            {TRIGGER_LABEL[session.trigger]} session started {formatTime(session.startedAt, tz)} · running for{' '}
            <Elapsed since={session.startedAt} />
          </div>
        </div>
        <div className="live-counts">
          <span className="good-text">{formatCount(session.successful)} successful</span>
          <span className="warn-text">{formatCount(session.failed)} failed</span>
          {session.errors > 0 && <span className="bad-text">{countOf(session.errors, 'error')}</span>}
        </div>
        <button onClick={stopSession}>Stop session</button>
      </div>
      <div className="progress">
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <PauseLine session={session} tz={tz} />
      {session.board && (
        <>
          <OutcomeBar outcomes={session.board.outcomes} />
          <BoardMetrics board={session.board} tz={tz} />
        </>
      )}
    </div>
  );
}

function InFlight({ session }: { session: NonNullable<DeskStatus['session']> }) {
  return (
    <div className="panel">
      <h3>Calls in flight ({session.inFlight.length})</h3>
      {session.inFlight.length === 0 ? (
        <p className="muted">No call is ringing right now.</p>
      ) : (
        <table className="grid-table" data-testid="in-flight">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Phone</th>
              <th>AWB</th>
              <th className="num">Attempt</th>
              <th>State</th>
              <th className="num">Elapsed</th>
            </tr>
          </thead>
          <tbody>
            {session.inFlight.map((call) => (
              <tr key={call.callId}>
                <td>{call.customer}</td>
                <td className="mono">{formatPhone(call.phoneE164)}</td>
                <td className="mono">{call.awbs.join(', ')}</td>
                <td className="num">{call.attemptNumber}</td>
                <td>{CALL_STATE_LABEL[call.state]}</td>
                <td className="num">
                  <Elapsed since={call.startedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function LogPanel({ log, tz }: { log: LogLine[]; tz: string }) {
  const recent = log.slice(-60).reverse();
  return (
    <div className="panel">
      <h3>Recent log</h3>
      <ol className="log" data-testid="log">
        {recent.map((line, i) => (
          <li key={`${line.at}-${i}`} className={`log-${line.level}`}>
            <span className="log-time">{formatTimeSeconds(line.at, tz)}</span>
            <span>{localizeClockTimes(line.message)}</span>
          </li>
        ))}
        {recent.length === 0 && <li className="muted">Nothing logged yet.</li>}
      </ol>
    </div>
  );
}

/** After a session, what it did: so the operator who looked away sees the result without changing view. */
function LastSession({ tz }: { tz: string }) {
  const today = useResource('today').data;
  const last = today?.sessions.filter((s) => s.state !== 'running').at(-1);
  if (!last) return null;
  return (
    <div className="muted" data-testid="last-session">
      Last session: {formatTime(last.startedAt, tz)} ({TRIGGER_LABEL[last.trigger].toLowerCase()}) —{' '}
      {countOf(last.calls, 'call')},{' '}
      <span className="good-text">{formatCount(last.successful)} successful</span>,{' '}
      <span className="warn-text">{formatCount(last.failed)} failed</span>
      {last.errors > 0 && <span className="bad-text">, {countOf(last.errors, 'error')}</span>}.
    </div>
  );
}

export function LiveView() {
  const status = useStatusStore((s) => s.status);
  if (!status) return null;
  const tz = status.timezone;
  const next = status.nextRuns[0];
  return (
    <section className="view">
      {status.session ? (
        <>
          <Progress session={status.session} tz={tz} />
          <InFlight session={status.session} />
          {status.session.board && <JustEnded board={status.session.board} tz={tz} />}
        </>
      ) : (
        <div className="panel" data-testid="live-idle">
          <div className="big">No session running</div>
          <div className="muted">
            {next !== undefined && status.schedulerRunning ? (
              <>
                The next session starts at {formatTime(next, tz)}, in <Countdown to={next} />.
              </>
            ) : (
              'The scheduler is stopped; use Run now or start the scheduler.'
            )}
          </div>
          <LastSession tz={tz} />
        </div>
      )}
      <LogPanel log={status.log} tz={tz} />
    </section>
  );
}
