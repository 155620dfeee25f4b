/**
 * The queue: what the next session will do and why. The calls in dial order (new before retries), the
 * orders cooling down with a ticking countdown to when each becomes eligible, and the orders left out,
 * grouped by reason. One search box filters all three by AWB, customer name or phone. While a session dials,
 * its own numbers come first, marked "in this session"; the header says what the rest of today will do.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { CoolingOrder, ExcludedOrder, QueueCall, SkipReason } from '../../../shared/desk-types';
import { Badge } from '../components/Badge';
import { Countdown } from '../components/Ticking';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { SKIP_LABEL, SKIP_WHY } from '../format/labels';
import { countOf, formatCount, noun } from '../format/numbers';
import { formatPhone, phoneDigits } from '../format/phone';
import { formatTime, localizeClockTimes } from '../format/time';
import { useResource } from '../stores/data-store';
import { useStatusStore } from '../stores/status-store';
import { deskNow } from '../stores/ticker';
import { SearchBox } from '../components/SearchBox';
import { OrderLookupDrawer } from './OrderLookupDrawer';
import { ForecastLine } from './Forecast';

type Part = 'calls' | 'cooling' | 'excluded';
type ExcludedReason = Exclude<SkipReason, 'cooldown'>;
const EXCLUDED_REASONS: ExcludedReason[] = [
  'unresolved',
  'maxAttempts',
  'successful',
  'invalidPhone',
  'notCallable',
];

type ExcludedRow =
  { kind: 'group'; reason: ExcludedReason; count: number } | { kind: 'order'; order: ExcludedOrder };

/** A value contains the search, or (for phones typed with spaces) its digits contain the search's digits. */
function matches(needle: string, ...values: string[]): boolean {
  const digits = phoneDigits(needle);
  return values.some(
    (v) => v.toLowerCase().includes(needle) || (digits.length >= 3 && phoneDigits(v).includes(digits)),
  );
}

const callColumns: Column<QueueCall & { position: number }>[] = [
  { title: '#', width: '56px', align: 'right', render: (c) => c.position },
  { title: 'Phone', width: '160px', render: (c) => <span className="mono">{formatPhone(c.phoneE164)}</span> },
  {
    title: 'Customer',
    width: 'minmax(160px, 1.5fr)',
    render: (c) => c.orders.map((o) => o.customer).join(', '),
  },
  {
    title: 'AWB',
    width: 'minmax(140px, 1.5fr)',
    render: (c) => <span className="mono">{c.orders.map((o) => o.awb).join(', ')}</span>,
  },
  { title: 'Type', width: '120px', render: (c) => c.orders.map((o) => o.type).join(', ') },
  {
    title: 'Kind',
    width: '200px',
    render: (c) =>
      c.inSession ? (
        <Badge tone={c.inSession === 'dialling' ? 'good' : 'muted'}>
          {c.inSession === 'dialling' ? 'on a line' : 'waiting'} · in this session
        </Badge>
      ) : c.kind === 'new' ? (
        <Badge tone="info">new</Badge>
      ) : (
        <Badge tone="warn">retry</Badge>
      ),
  },
  {
    title: 'Attempt',
    width: '80px',
    align: 'right',
    render: (c) => Math.max(...c.orders.map((o) => o.attemptNumber)),
  },
];

function coolingColumns(tz: string): Column<CoolingOrder>[] {
  return [
    { title: 'AWB', width: 'minmax(140px, 1fr)', render: (o) => <span className="mono">{o.awb}</span> },
    { title: 'Customer', width: 'minmax(160px, 1.5fr)', render: (o) => o.customer },
    {
      title: 'Phone',
      width: '160px',
      render: (o) => <span className="mono">{formatPhone(o.phoneE164)}</span>,
    },
    { title: 'Attempts', width: '90px', align: 'right', render: (o) => o.attempts },
    { title: 'Eligible at', width: '120px', render: (o) => formatTime(o.eligibleAt, tz) },
    {
      title: 'Eligible in',
      width: '120px',
      align: 'right',
      render: (o) => (
        <strong>
          <Countdown to={o.eligibleAt} done="eligible" />
        </strong>
      ),
    },
  ];
}

const excludedColumns: Column<ExcludedRow>[] = [
  {
    title: 'AWB',
    width: 'minmax(140px, 1fr)',
    render: (r) =>
      r.kind === 'group' ? (
        <strong title={SKIP_WHY[r.reason]}>
          {SKIP_LABEL[r.reason]} ({r.count})
        </strong>
      ) : (
        <span className="mono">{r.order.awb}</span>
      ),
  },
  {
    title: 'Customer',
    width: 'minmax(160px, 1.5fr)',
    render: (r) => (r.kind === 'order' ? r.order.customer : ''),
  },
  {
    title: 'Phone',
    width: '170px',
    render: (r) => (r.kind === 'order' ? <span className="mono">{formatPhone(r.order.phone)}</span> : ''),
  },
  {
    title: 'Why',
    width: 'minmax(200px, 2fr)',
    render: (r) =>
      r.kind === 'order' ? (
        localizeClockTimes(r.order.detail)
      ) : (
        <span className="muted">{SKIP_WHY[r.reason]}</span>
      ),
  },
];

export function QueueView() {
  const { data: queue, error } = useResource('queue');
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [part, setPart] = useState<Part>('calls');
  const [search, setSearch] = useState('');
  const [openAwb, setOpenAwb] = useState<string | null>(null);
  const needle = useDeferredValue(search.trim().toLowerCase());

  const filtered = useMemo(() => {
    if (!queue) return null;
    const calls = queue.calls
      .map((c, i) => ({ ...c, position: i + 1 }))
      .filter(
        (c) =>
          !needle || c.orders.some((o) => matches(needle, o.awb, o.customer)) || matches(needle, c.phoneE164),
      );
    const cooling = queue.cooling.filter((o) => !needle || matches(needle, o.awb, o.customer, o.phoneE164));
    const excluded: ExcludedRow[] = [];
    let excludedCount = 0;
    for (const reason of EXCLUDED_REASONS) {
      const orders = queue.excluded[reason].filter(
        (o) => !needle || matches(needle, o.awb, o.customer, o.phone),
      );
      if (orders.length === 0) continue;
      excludedCount += orders.length;
      excluded.push({ kind: 'group', reason, count: orders.length });
      for (const order of orders) excluded.push({ kind: 'order', order });
    }
    return { calls, cooling, excluded, excludedCount };
  }, [queue, needle]);

  const cooling = useMemo(() => coolingColumns(tz), [tz]);
  if (error) return <div className="panel error">Could not load the queue: {error}</div>;
  if (!queue || !filtered) return <div className="panel muted">Loading the queue…</div>;
  const next = queue.calls.filter((c) => !c.inSession);
  const newCalls = next.filter((c) => c.kind === 'new').length;
  // The desk plans for "now" while a manual run is allowed, else for the next slot.
  const plannedNow = Math.abs(queue.plannedFor - deskNow()) < 60_000;
  const session = queue.session ?? null;

  return (
    <section className="view view-fill">
      <div className="toolbar">
        <div className="queue-plan" data-testid="queue-plan">
          {session && (
            <span data-testid="queue-session">
              The {formatTime(session.startedAt, tz)} session is dialling:{' '}
              <strong>{formatCount(session.dialling)}</strong> on a line,{' '}
              <strong>{formatCount(session.waiting)}</strong> waiting.{' '}
            </span>
          )}
          {session ? 'Then ' : ''}
          {plannedNow
            ? `${session ? 'run' : 'Run'} now would call `
            : `${session ? 'the' : 'The'} ${formatTime(queue.plannedFor, tz)} session will call ${queue.forecast ? 'up to ' : ''}`}
          <strong>{formatCount(next.length)}</strong> {noun(next.length, 'number')} ({formatCount(newCalls)}{' '}
          new, {countOf(next.length - newCalls, 'retry', 'retries')})
        </div>
        <SearchBox value={search} onChange={setSearch} testId="queue-search" />
      </div>
      {queue.forecast && <ForecastLine forecast={queue.forecast} after={queue.plannedFor} tz={tz} />}
      <div className="segmented" role="tablist">
        <button
          className={part === 'calls' ? 'active' : ''}
          onClick={() => setPart('calls')}
          data-testid="queue-tab-calls"
        >
          To call <span className="count">{formatCount(filtered.calls.length)}</span>
        </button>
        <button
          className={part === 'cooling' ? 'active' : ''}
          onClick={() => setPart('cooling')}
          data-testid="queue-tab-cooling"
        >
          Cooling down <span className="count">{formatCount(filtered.cooling.length)}</span>
        </button>
        <button
          className={part === 'excluded' ? 'active' : ''}
          onClick={() => setPart('excluded')}
          data-testid="queue-tab-excluded"
        >
          Excluded <span className="count">{formatCount(filtered.excludedCount)}</span>
        </button>
      </div>
      {part === 'calls' && (
        <VirtualTable
          testId="queue-calls"
          rows={filtered.calls}
          columns={callColumns}
          rowKey={(c) => c.phoneE164}
          onRowClick={(c) => setOpenAwb(c.orders[0]?.awb ?? null)}
          label="Numbers to call"
          empty={`Nobody to call: ${formatCount(queue.cooling.length)} cooling down, ${formatCount(filtered.excludedCount)} excluded.`}
        />
      )}
      {part === 'cooling' && (
        <VirtualTable
          testId="queue-cooling"
          rows={filtered.cooling}
          columns={cooling}
          rowKey={(o) => o.awb}
          onRowClick={(o) => setOpenAwb(o.awb)}
          label="Orders cooling down"
          empty="No order is cooling down."
        />
      )}
      {part === 'excluded' && (
        <VirtualTable
          testId="queue-excluded"
          rows={filtered.excluded}
          columns={excludedColumns}
          rowKey={(r) => (r.kind === 'group' ? `group-${r.reason}` : r.order.awb)}
          rowClass={(r) => (r.kind === 'group' ? 'group-row' : '')}
          onRowClick={(r) => r.kind === 'order' && setOpenAwb(r.order.awb)}
          canOpen={(r) => r.kind === 'order'}
          label="Orders left out"
          empty="No order is excluded."
        />
      )}
      {openAwb && <OrderLookupDrawer awb={openAwb} onClose={() => setOpenAwb(null)} />}
    </section>
  );
}
