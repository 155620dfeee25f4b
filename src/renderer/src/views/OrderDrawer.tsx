/**
 * One order in full, answering "why is (or isn't) this order being called?": its phone as written and as
 * dialled (or why it cannot be), its courier status and the type it maps to, what the desk will do next and
 * when, and every call made about it.
 */
import { useEffect, useState } from 'react';
import type { HistoryItem, OrderView } from '../../../shared/desk-types';
import { printableLine, printableText } from '../../../shared/printable';
import { Drawer } from '../components/Drawer';
import { Countdown } from '../components/Ticking';
import { SKIP_WHY } from '../format/labels';
import { formatRupees } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatCallLength, formatDateTime, localizeClockTimes } from '../format/time';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { OutcomeBadge } from '../components/OutcomeBadge';

export function OrderDrawer({ order, onClose }: { order: OrderView; onClose(): void }) {
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [calls, setCalls] = useState<HistoryItem[] | null>(null);
  useEffect(() => {
    void command(() => desk('history', { awb: order.awb, limit: 50 })).then((found) =>
      setCalls(found?.rows ?? []),
    );
  }, [order.awb]);

  return (
    <Drawer title={`${printableLine(order.awb)} · ${printableLine(order.customer)}`} onClose={onClose}>
      <div data-testid="order-detail">
        <dl className="facts">
          <dt>Next</dt>
          <dd>
            <strong>{localizeClockTimes(order.state)}</strong>
            {order.skipReason === 'cooldown' && order.eligibleAt && (
              <>
                {' '}
                · eligible in <Countdown to={order.eligibleAt} done="now" />
              </>
            )}
            {order.skipReason && <div className="muted">{SKIP_WHY[order.skipReason]}</div>}
          </dd>
          <dt>Phone</dt>
          <dd>
            <span className="mono">{printableLine(order.phoneRaw) || '(none)'}</span>
            {order.phoneE164 ? (
              <span className="muted"> → dialled as </span>
            ) : (
              <span className="bad-text"> — cannot be dialled: {order.phoneProblem}</span>
            )}
            {order.phoneE164 && <span className="mono">{formatPhone(order.phoneE164)}</span>}
          </dd>
          <dt>Status</dt>
          <dd>
            {order.type}
            {order.rawStatus && order.rawStatus !== order.type && (
              <span className="muted"> (“{printableLine(order.rawStatus)}” in the source)</span>
            )}
          </dd>
          <dt>Address</dt>
          <dd>
            {printableText(order.address) || '—'} {printableLine(order.pincode)}
          </dd>
          <dt>City</dt>
          <dd data-testid="order-city">{printableLine(order.city) || '—'}</dd>
          <dt>COD</dt>
          <dd>{formatRupees(order.codAmount)}</dd>
          <dt>Attempts</dt>
          <dd>{order.attempts}</dd>
          <dt>First seen</dt>
          <dd>{formatDateTime(order.firstSeenAt, tz)}</dd>
        </dl>
        <h3>Calls</h3>
        {calls === null ? (
          <p className="muted">Loading…</p>
        ) : calls.length === 0 ? (
          <p className="muted">Not called yet.</p>
        ) : (
          <table className="plain">
            <thead>
              <tr>
                <th>When</th>
                <th>Try</th>
                <th>Outcome</th>
                <th className="num">Length</th>
                <th>Summary</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.id}>
                  <td>{formatDateTime(call.startedAt, tz)}</td>
                  <td className="num">{call.attemptNumber}</td>
                  <td>
                    <OutcomeBadge outcome={call.outcome} successful={call.successful} />
                  </td>
                  <td className="num">{formatCallLength(call.durationSeconds)}</td>
                  <td>{call.summary ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Drawer>
  );
}
