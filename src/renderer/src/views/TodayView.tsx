/**
 * Today: the seed's daily summary, live. One row per session (slot, trigger, new, retries, successful,
 * failed, skipped by reason, cost), the sessions still to come, runs that were refused or skipped, and the
 * day's totals. Every skip count opens the orders behind it.
 */
import { useState } from 'react';
import type { SessionSummary, SkipReason, TodaySummary } from '../../../shared/desk-types';
import { Badge } from '../components/Badge';
import { Countdown } from '../components/Ticking';
import { SKIP_LABEL, SKIP_SHORT, TRIGGER_LABEL } from '../format/labels';
import { formatCost, formatPercent, noun } from '../format/numbers';
import { dayKey, formatClock, formatTime, localHhMm, localizeClockTimes } from '../format/time';
import { onRowKeys } from '../components/row-keys';
import { useResource } from '../stores/data-store';
import { useStatusStore } from '../stores/status-store';
import { SessionCalls, type CallFilter } from './SessionCalls';
import { SkipExplainer } from './SkipExplainer';
import { Stat } from '../components/Stat';

const REASONS: SkipReason[] = [
  'cooldown',
  'unresolved',
  'maxAttempts',
  'successful',
  'invalidPhone',
  'notCallable',
];

function SkipCells({ session, onExplain }: { session: SessionSummary; onExplain(reason: SkipReason): void }) {
  const shown = REASONS.filter((r) => session.skipped[r] > 0);
  if (shown.length === 0) return <span className="muted">none</span>;
  return (
    <span className="skip-chips">
      {shown.map((reason) => (
        <button
          key={reason}
          className="chip"
          title={`${SKIP_LABEL[reason]}: click to see the orders`}
          onClick={() => onExplain(reason)}
        >
          {session.skipped[reason]} {SKIP_SHORT[reason]}
        </button>
      ))}
    </span>
  );
}

function Totals({ today }: { today: TodaySummary }) {
  const t = today.totals;
  return (
    <div className="stat-row" data-testid="today-totals">
      <Stat value={t.calls} label={`${noun(t.calls, 'call')} today`} />
      <Stat value={t.successful} label="successful" tone="good" />
      <Stat value={t.failed} label="failed (will retry)" tone="warn" />
      <Stat value={formatPercent(t.successRate)} label="success rate" />
      <Stat value={formatCost(t.cost)} label="cost" />
    </div>
  );
}

export function TodayView() {
  const { data: today, error } = useResource('today');
  const status = useStatusStore((s) => s.status);
  const [explain, setExplain] = useState<SkipReason | null>(null);
  const [calls, setCalls] = useState<{ session: SessionSummary; filter: CallFilter } | null>(null);
  if (error) return <div className="panel error">Could not load today: {error}</div>;
  if (!today || !status) return <div className="panel muted">Loading today…</div>;
  const tz = status.timezone;
  const todayKey = dayKey(status.now, tz);
  const upcoming = status.nextRuns.filter((at) => dayKey(at, tz) === todayKey);
  // With the scheduler stopped there are no next runs; the slots still ahead today are named instead.
  const skippedSlots = status.slots.filter((slot) => slot > localHhMm(status.now, tz));
  const sessions = today.sessions;

  return (
    <section className="view">
      <Totals today={today} />
      <div className="panel">
        <table className="grid-table" data-testid="today-table">
          <thead>
            <tr>
              <th>Session</th>
              <th>Trigger</th>
              <th className="num">Calls</th>
              <th className="num">New</th>
              <th className="num">Retries</th>
              <th className="num">Successful</th>
              <th className="num">Failed</th>
              <th>Skipped</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr
                key={s.id}
                data-testid="today-session"
                tabIndex={0}
                onKeyDown={(event) => onRowKeys(event, () => setCalls({ session: s, filter: 'all' }))}
              >
                <td>
                  <strong>{formatTime(s.startedAt, tz)}</strong>{' '}
                  {s.state === 'running' && <Badge tone="info">running</Badge>}
                  {s.state === 'stopped' && <Badge tone="muted">stopped</Badge>}
                  {s.state === 'interrupted' && <Badge tone="bad">interrupted</Badge>}
                </td>
                <td>{TRIGGER_LABEL[s.trigger]}</td>
                <td className="num">
                  <button className="link-number" onClick={() => setCalls({ session: s, filter: 'all' })}>
                    {s.calls}
                  </button>
                </td>
                <td className="num">{s.newCalls}</td>
                <td className="num">{s.retryCalls}</td>
                <td className="num good-text">
                  <button
                    className="link-number"
                    onClick={() => setCalls({ session: s, filter: 'successful' })}
                  >
                    {s.successful}
                  </button>
                </td>
                <td className="num warn-text">
                  <button className="link-number" onClick={() => setCalls({ session: s, filter: 'failed' })}>
                    {s.failed}
                  </button>
                </td>
                <td>
                  <SkipCells session={s} onExplain={setExplain} />
                </td>
                <td className="num">{formatCost(s.cost)}</td>
              </tr>
            ))}
            {upcoming.map((at) => (
              <tr key={`next-${at}`} className="upcoming">
                <td>
                  <strong>{formatTime(at, tz)}</strong>
                </td>
                <td>Scheduled</td>
                <td colSpan={7} className="muted">
                  upcoming · starts in <Countdown to={at} />
                </td>
              </tr>
            ))}
            {!status.schedulerRunning && skippedSlots.length > 0 && (
              <tr className="upcoming" data-testid="today-not-running">
                <td>
                  <strong>{skippedSlots.map(formatClock).join(', ')}</strong>
                </td>
                <td>Scheduled</td>
                <td colSpan={7} className="warn-text">
                  will not run: the scheduler is stopped
                </td>
              </tr>
            )}
            {sessions.length === 0 &&
              upcoming.length === 0 &&
              (status.schedulerRunning || skippedSlots.length === 0) && (
                <tr>
                  <td colSpan={9} className="muted">
                    No sessions today{status.schedulerRunning ? '' : ' — the scheduler is stopped'}.
                  </td>
                </tr>
              )}
          </tbody>
          {sessions.length > 0 && (
            <tfoot>
              <tr>
                <td>Total</td>
                <td />
                <td className="num">{today.totals.calls}</td>
                <td className="num">{sessions.reduce((n, s) => n + s.newCalls, 0)}</td>
                <td className="num">{sessions.reduce((n, s) => n + s.retryCalls, 0)}</td>
                <td className="num good-text">{today.totals.successful}</td>
                <td className="num warn-text">{today.totals.failed}</td>
                <td>{formatPercent(today.totals.successRate)} success</td>
                <td className="num">{formatCost(today.totals.cost)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {today.skippedRuns.length > 0 && (
        <div className="panel">
          <h3>Runs that did not happen</h3>
          <ul className="plain-list">
            {today.skippedRuns.map((run) => (
              <li key={`${run.at}-${run.trigger}`}>
                <strong>{formatTime(run.at, tz)}</strong> {TRIGGER_LABEL[run.trigger]} —{' '}
                {localizeClockTimes(run.reason)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {explain && <SkipExplainer reason={explain} onClose={() => setExplain(null)} />}
      {calls && <SessionCalls {...calls} onClose={() => setCalls(null)} />}
    </section>
  );
}
