/**
 * Answers "why were these orders skipped?": the rule behind a skip reason, and the orders it holds back
 * right now, with each one's detail (and, for cooldowns, a live countdown to when it may be called again).
 */
import type { SkipReason } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { Countdown } from '../components/Ticking';
import { SKIP_LABEL, SKIP_WHY } from '../format/labels';
import { countOf } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatTime, localizeClockTimes } from '../format/time';
import { useResource } from '../stores/data-store';
import { useStatusStore } from '../stores/status-store';

export function SkipExplainer({ reason, onClose }: { reason: SkipReason; onClose(): void }) {
  const queue = useResource('queue').data;
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const rows =
    reason === 'cooldown'
      ? (queue?.cooling ?? []).map((o) => ({
          awb: o.awb,
          customer: o.customer,
          phone: o.phoneE164,
          detail: (
            <>
              eligible {formatTime(o.eligibleAt, tz)} · in <Countdown to={o.eligibleAt} />
            </>
          ),
        }))
      : (queue?.excluded[reason] ?? []).map((o) => ({ ...o, detail: <>{localizeClockTimes(o.detail)}</> }));
  return (
    <Drawer title={SKIP_LABEL[reason]} onClose={onClose}>
      <p className="explain">{SKIP_WHY[reason]}</p>
      <p className="muted">{countOf(rows.length, 'order')} held back for this reason right now.</p>
      <table className="plain" data-testid="skip-explainer">
        <thead>
          <tr>
            <th>AWB</th>
            <th>Customer</th>
            <th>Phone</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((row) => (
            <tr key={row.awb}>
              <td className="mono">{row.awb}</td>
              <td>{row.customer}</td>
              <td className="mono">{formatPhone(row.phone)}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 500 && (
        <p className="muted">…and {countOf(rows.length - 500, 'more order')} (see the Queue view).</p>
      )}
    </Drawer>
  );
}
