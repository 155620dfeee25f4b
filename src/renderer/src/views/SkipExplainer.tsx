/**
 * Answers "why were these orders skipped?": the rule behind a skip reason, and the orders it holds back
 * right now (the first page of them, from the desk's plan), with each one's detail (and, for cooldowns, a live
 * countdown to when it may be called again).
 */
import { useEffect, useState } from 'react';
import { MAX_PAGE_ROWS } from '../../../shared/contract';
import type { CoolingOrder, ExcludedOrder, QueuePage, SkipReason } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { Countdown } from '../components/Ticking';
import { SKIP_LABEL, SKIP_WHY } from '../format/labels';
import { countOf } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatTime, localizeClockTimes } from '../format/time';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';

export function SkipExplainer({ reason, onClose }: { reason: SkipReason; onClose(): void }) {
  const [page, setPage] = useState<QueuePage | null>(null);
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  useEffect(() => {
    const tab = reason === 'cooldown' ? 'cooling' : reason;
    void command(() => desk('queue', { tab, limit: MAX_PAGE_ROWS })).then((found) => setPage(found ?? null));
  }, [reason]);
  const total = page ? (reason === 'cooldown' ? page.counts.cooling : page.counts[reason]) : 0;
  const rows =
    reason === 'cooldown'
      ? ((page?.rows ?? []) as CoolingOrder[]).map((o) => ({
          awb: o.awb,
          customer: o.customer,
          phone: o.phoneE164,
          detail: (
            <>
              eligible {formatTime(o.eligibleAt, tz)} · in <Countdown to={o.eligibleAt} />
            </>
          ),
        }))
      : ((page?.rows ?? []) as ExcludedOrder[]).map((o) => ({
          ...o,
          detail: <>{localizeClockTimes(o.detail)}</>,
        }));
  return (
    <Drawer title={SKIP_LABEL[reason]} onClose={onClose}>
      <p className="explain">{SKIP_WHY[reason]}</p>
      <p className="muted">
        {page ? `${countOf(total, 'order')} held back for this reason right now.` : 'Loading…'}
      </p>
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
          {rows.map((row) => (
            <tr key={row.awb}>
              <td className="mono">{row.awb}</td>
              <td>{row.customer}</td>
              <td className="mono">{formatPhone(row.phone)}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length && (
        <p className="muted">…and {countOf(total - rows.length, 'more order')} (see the Queue view).</p>
      )}
    </Drawer>
  );
}
