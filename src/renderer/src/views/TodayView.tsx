/**
 * Today: the seed's daily summary, live. One row per session (slot, trigger, new, retries, successful,
 * failed, skipped by reason, cost; calls still on the line), the sessions still to come with what each will
 * call (the desk's forecast), who will not be called again today and why, runs that were refused or skipped,
 * and the day's totals, where "failed" says what becomes of those orders. Every skip count opens the orders
 * behind it.
 */
import { useState } from 'react';
import type {
  DeskStatus,
  SessionAhead,
  SessionSummary,
  SkipReason,
  TodaySummary,
} from '../../../shared/desk-types';
import { Badge } from '../components/Badge';
import { Countdown } from '../components/Ticking';
import { SKIP_LABEL, SKIP_SHORT, TRIGGER_LABEL } from '../format/labels';
import { formatCost, formatCount, formatDollarsInRupees, formatPercent, noun } from '../format/numbers';
import { dayKey, formatClock, formatTime, localHhMm, localizeClockTimes } from '../format/time';
import { onRowKeys } from '../components/row-keys';
import { useResource } from '../stores/data-store';
import { useStatusStore } from '../stores/status-store';
import { SessionCalls, type CallFilter } from './SessionCalls';
import { SkipExplainer } from './SkipExplainer';
import { Stat } from '../components/Stat';
import { NotToday, sessionAheadWords } from './Forecast';

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

/** What becomes of the failed calls' orders, from the forecast: "26 retry today · 4 not today · 2 done". */
function failedNote(today: TodaySummary): string | null {
  const outlook = today.failedOutlook;
  if (!outlook || today.totals.failed === 0) return null;
  const parts = [
    outlook.retryToday > 0 && `${formatCount(outlook.retryToday)} retry today`,
    outlook.notToday > 0 && `${formatCount(outlook.notToday)} not today`,
    outlook.never > 0 && `${formatCount(outlook.never)} not again`,
  ].filter(Boolean);
  return parts.length > 0 ? `orders: ${parts.join(' · ')}` : null;
}

/** Cost as the Report shows it: rupees at the desk's rate, VAPI's dollars beside them (dollars alone until the
 *  settings are loaded). */
function Cost({ usd, aside = false }: { usd: number; aside?: boolean }) {
  const usdToInr = useResource('settings').data?.answers.usdToInr;
  if (usdToInr === undefined) return <>{formatCost(usd)}</>;
  return (
    <>
      {formatDollarsInRupees(usd, usdToInr)}
      {aside && <span className="stat-aside"> {formatCost(usd)}</span>}
    </>
  );
}

/** The day's cost to the fraction of a cent: the desk's total is rounded to cents, which in rupees (₹23.76 for
 *  a session of ₹24.14) would not match the sessions above it. */
function dayCost(today: TodaySummary): number {
  return today.sessions.reduce((sum, session) => sum + session.cost, 0);
}

function Totals({ today }: { today: TodaySummary }) {
  const t = today.totals;
  const note = failedNote(today);
  const inFlight = t.inFlight ?? 0;
  return (
    <div className="stat-row" data-testid="today-totals">
      <Stat
        value={t.calls}
        label={`${noun(t.calls, 'call')} today${inFlight > 0 ? ` · ${formatCount(inFlight)} on the line` : ''}`}
      />
      <Stat value={t.successful} label="successful" tone="good" />
      <div className="stat warn" data-testid="today-failed">
        <div className="stat-value">{t.failed}</div>
        <div className="stat-label">failed{note ? '' : ' calls'}</div>
        {note && <div className="stat-note">{note}</div>}
      </div>
      <Stat value={formatPercent(t.successRate)} label="success rate" />
      <Stat value={<Cost usd={dayCost(today)} aside />} label="cost" />
    </div>
  );
}

/**
 * What the rows of sessions ahead do not say on their own: a desk that is Live — incomplete phones nobody at
 * those times, and a day with nobody to call needs orders first.
 */
function AheadNote({ today, mode }: { today: TodaySummary; mode: DeskStatus['mode'] }) {
  if (mode === 'live-incomplete') {
    return (
      <div className="panel today-note warn-text" data-testid="today-live-incomplete">
        <strong>Live — incomplete:</strong> the sessions below phone nobody until VAPI is checked.{' '}
        <a href="#settings">Open Settings</a> and press Check VAPI.
      </div>
    );
  }
  const forecast = today.forecast;
  const nobody =
    today.sessions.length === 0 &&
    forecast !== undefined &&
    forecast.notToday.length === 0 &&
    forecast.sessions.length > 0 &&
    forecast.sessions.every((session) => session.calls === 0);
  if (!nobody) return null;
  return (
    <div className="panel today-note" data-testid="today-no-orders">
      <strong>Nobody to call yet.</strong> No Out For Delivery or Undelivered order is waiting: import the
      day&rsquo;s file in <a href="#orders">Orders</a> (Import CSV…), or set an order source in{' '}
      <a href="#settings">Settings</a> to sync before each session.
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
  // The forecast plans every session still ahead today (callbacks too); without it, the bare slot times.
  const upcoming: { at: number; ahead: SessionAhead | null }[] = today.forecast
    ? today.forecast.sessions.map((ahead) => ({ at: ahead.at, ahead }))
    : status.nextRuns.filter((at) => dayKey(at, tz) === todayKey).map((at) => ({ at, ahead: null }));
  // With the scheduler stopped there are no next runs; the slots still ahead today are named instead.
  const skippedSlots = status.slots.filter((slot) => slot > localHhMm(status.now, tz));
  const sessions = today.sessions;

  return (
    <section className="view">
      <Totals today={today} />
      <AheadNote today={today} mode={status.mode} />
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
                  {(s.inFlight ?? 0) > 0 && (
                    <span className="muted small" data-testid="today-in-flight">
                      {formatCount(s.inFlight ?? 0)} on the line ·{' '}
                    </span>
                  )}
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
                <td className="num">
                  <Cost usd={s.cost} />
                </td>
              </tr>
            ))}
            {upcoming.map(({ at, ahead }) => (
              <tr key={`next-${at}`} className="upcoming" data-testid="today-ahead">
                <td>
                  <strong>{formatTime(at, tz)}</strong>
                </td>
                <td>{ahead ? TRIGGER_LABEL[ahead.trigger] : 'Scheduled'}</td>
                <td colSpan={7} className={ahead?.calls === 0 ? 'warn-text' : 'muted'}>
                  {ahead ? sessionAheadWords(ahead) : 'upcoming'} · starts in <Countdown to={at} />
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
                <td>
                  {today.totals.successRate === null ? (
                    <span className="muted">—</span>
                  ) : (
                    `${formatPercent(today.totals.successRate)} success`
                  )}
                </td>
                <td className="num">
                  <Cost usd={dayCost(today)} />
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {today.forecast && <NotToday forecast={today.forecast} />}
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
