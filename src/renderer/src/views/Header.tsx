/**
 * The strip the operator reads from across the room: is the scheduler on, when is the next session (and how
 * long until it), are we inside working hours, sandbox or live, and the run-now button that says why it is
 * disabled when it is (nobody due, Live — incomplete, ...). In live mode run-now asks first, with the number of
 * customers it will phone. One line at 1280 px: every block is a small label over one value, and nothing in it
 * wraps except the run-now reason, which stays within the same two lines.
 */
import type { DeskStatus } from '../../../shared/desk-types';
import { Badge } from '../components/Badge';
import { Countdown, DeskClock } from '../components/Ticking';
import { countOf } from '../format/numbers';
import {
  dayKey,
  formatClock,
  formatClockRange,
  formatDay,
  formatTime,
  formatTimeSeconds,
  localizeClockTimes,
} from '../format/time';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';

function NextSession({ status }: { status: DeskStatus }) {
  const next = status.nextRuns[0];
  const tz = status.timezone;
  if (!status.schedulerRunning || next === undefined) {
    return (
      <div className="header-block">
        <div>
          <div className="header-label">Next session</div>
          <div className="header-title muted">
            {status.schedulerRunning ? 'none planned' : 'none — scheduler stopped'}
          </div>
        </div>
      </div>
    );
  }
  const sameDay = dayKey(next, tz) === dayKey(status.now, tz);
  return (
    <div className="header-block" data-testid="next-session">
      <div>
        <div className="header-label">Next session{sameDay ? '' : `, ${formatDay(next, tz)}`}</div>
        <div className="header-title">
          {formatTime(next, tz)}{' '}
          <span className="header-countdown">
            · in <Countdown to={next} />
          </span>
        </div>
      </div>
    </div>
  );
}

/** Sandbox, Live, or Live — incomplete (a key, but not everything VAPI needs): the last opens Settings. */
function ModeBadge({ status }: { status: DeskStatus }) {
  if (status.mode === 'sandbox') {
    return (
      <Badge tone="info" title="No VAPI key: calls go to the local fake VAPI, nobody is phoned">
        Sandbox
      </Badge>
    );
  }
  if (status.mode === 'live') {
    return (
      <Badge tone="live" title="Calls go to VAPI: real customers are phoned">
        Live
      </Badge>
    );
  }
  const missing = status.liveMissing?.join(', ') || 'Check VAPI';
  return (
    <a href="#settings" className="mode-link" title={`Nothing is dialled until Settings has: ${missing}`}>
      <Badge tone="warn">Live — incomplete</Badge>
    </a>
  );
}

export function Header() {
  const status = useStatusStore((s) => s.status);
  const connection = useStatusStore((s) => s.connection);
  if (!status) return <header className="app-header">Connecting to the desk…</header>;
  const tz = status.timezone;
  const runNowBlocked = !status.runNow.allowed;

  const toggleScheduler = () =>
    command(
      () => desk(status.schedulerRunning ? 'stopScheduler' : 'startScheduler', {}),
      status.schedulerRunning ? 'Scheduler stopped' : 'Scheduler started',
    ).then((next) => next && useStatusStore.getState().setStatus(next));

  const runNow = () => {
    // Real customers: say how many before phoning them.
    if (status.mode === 'live') {
      const due = status.runNow.due;
      const who = due === undefined ? 'the customers due' : countOf(due, 'customer');
      if (!window.confirm(`Phone ${who} now? This is live: VAPI calls them.`)) return;
    }
    return command(() => desk('runNow', {})).then((result) => {
      if (!result) return;
      const { notify } = useStatusStore.getState();
      if (result.started) notify('info', 'Session started');
      else notify('error', `Not started: ${localizeClockTimes(result.reason)}`);
    });
  };

  return (
    <header className="app-header">
      <div className="header-block brand">
        <div>
          <div className="header-label brand-name">Auto Call Scheduler</div>
          <div className="header-title brand-clock" title={`The desk's time, ${tz}`}>
            <DeskClock format={(ms) => formatTimeSeconds(ms, tz)} /> <span className="header-zone">{tz}</span>
          </div>
        </div>
      </div>

      <div className="header-block" data-testid="scheduler-state">
        <div className={`state-dot ${status.schedulerRunning ? 'on' : 'off'}`} />
        <div>
          <div className="header-label">Scheduler</div>
          <div className="header-title">{status.schedulerRunning ? 'Running' : 'Stopped'}</div>
        </div>
        <button onClick={toggleScheduler} data-testid="toggle-scheduler">
          {status.schedulerRunning ? 'Stop' : 'Start'}
        </button>
      </div>

      <NextSession status={status} />

      <div
        className="header-block"
        title={`Session slots: ${status.slots.map(formatClock).join(', ') || 'none'}`}
      >
        <div>
          <div className="header-label">
            Working hours {formatClockRange(status.workingHours.start, status.workingHours.end)}
          </div>
          <div
            className={`header-title ${status.withinWorkingHours ? '' : 'off-hours'}`}
            data-testid="working-hours"
          >
            {status.withinWorkingHours ? 'Within working hours' : 'Outside working hours'}
          </div>
        </div>
      </div>

      <div className="header-block header-run">
        <button
          className="primary"
          disabled={runNowBlocked}
          onClick={runNow}
          title={status.runNow.reason ? localizeClockTimes(status.runNow.reason) : 'Start a session now'}
          data-testid="run-now"
        >
          Run now
        </button>
        {runNowBlocked && (
          <div
            className="run-reason"
            data-testid="run-now-reason"
            title={localizeClockTimes(status.runNow.reason ?? '')}
          >
            Not now: {localizeClockTimes(status.runNow.reason ?? '')}
          </div>
        )}
      </div>

      <div className="header-badges" data-testid="mode-badge">
        <ModeBadge status={status} />
        {connection !== 'open' && (
          <Badge tone="bad">{connection === 'unauthorised' ? 'Bad token' : 'Offline'}</Badge>
        )}
      </div>
    </header>
  );
}
