/**
 * The rest of today in the desk's words: what each session still ahead will call ("up to 30 numbers: 0 new,
 * 30 retries"), a warning when one will call nobody, and who will not be called again today and why, each
 * group opening to its orders. Shown by Today and, in one line, by the Queue's header.
 */
import { NOT_TODAY_AWBS_SHOWN } from '../../../shared/contract';
import type { DayForecast, NotTodayGroup, SessionAhead } from '../../../shared/desk-types';
import { countOf, formatCount } from '../format/numbers';
import { formatTime, localizeClockTimes } from '../format/time';
import '../styles/foresight.css';

/** "up to 30 numbers (0 new, 30 retries)", or that nobody is due then. */
export function sessionAheadWords(session: SessionAhead): string {
  if (session.calls === 0) return 'nobody is due then: this session will call no one';
  return `up to ${countOf(session.calls, 'number')} (${formatCount(session.newCalls)} new, ${countOf(
    session.retryCalls,
    'retry',
    'retries',
  )})`;
}

function GroupItem({ group }: { group: NotTodayGroup }) {
  // The desk sends the first NOT_TODAY_AWBS_SHOWN of each group; the count is the group's whole.
  const shown = group.awbs.slice(0, NOT_TODAY_AWBS_SHOWN);
  return (
    <li className={`not-today-${group.reason}`} data-testid="not-today-group">
      <details>
        <summary>{localizeClockTimes(group.detail)}</summary>
        <div className="mono small not-today-awbs">
          {shown.join(', ')}
          {group.count > shown.length && ` and ${formatCount(group.count - shown.length)} more`}
        </div>
      </details>
    </li>
  );
}

/** Who will not be called again today, and why; nothing when everyone left is called today. */
export function NotToday({ forecast }: { forecast: DayForecast }) {
  if (forecast.notToday.length === 0) return null;
  const orders = forecast.notToday.reduce((sum, group) => sum + group.count, 0);
  return (
    <div className="panel" data-testid="not-today">
      <h3>Not called again today ({countOf(orders, 'order')})</h3>
      <ul className="not-today">
        {forecast.notToday.map((group) => (
          <GroupItem key={`${group.reason}-${group.eligibleAt ?? ''}`} group={group} />
        ))}
      </ul>
    </div>
  );
}

/** The Queue header's summary of the day after the next session: one line, sessions then groups. */
export function ForecastLine({
  forecast,
  after,
  tz,
}: {
  forecast: DayForecast;
  /** The session the queue shows; later sessions are summarised. */
  after: number;
  tz: string;
}) {
  const later = forecast.sessions.filter((session) => session.at > after);
  const notToday = forecast.notToday.reduce((sum, group) => sum + group.count, 0);
  if (later.length === 0 && notToday === 0) return null;
  return (
    <div className="queue-forecast" data-testid="queue-forecast">
      {later.length > 0 && (
        <span>
          Later today:{' '}
          {later.map((session, index) => (
            <span key={session.at} className={session.calls === 0 ? 'warn-text' : ''}>
              {index > 0 && ' · '}
              {formatTime(session.at, tz)}{' '}
              {session.calls === 0 ? 'nobody' : `up to ${formatCount(session.calls)}`}
            </span>
          ))}
          .{' '}
        </span>
      )}
      {forecast.notToday.map((group) => (
        <span key={`${group.reason}-${group.eligibleAt ?? ''}`} className="queue-forecast-group">
          {localizeClockTimes(group.detail)}.{' '}
        </span>
      ))}
    </div>
  );
}
