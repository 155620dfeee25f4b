/**
 * The queue: what the next session will do and why. The calls in dial order (new before retries), the
 * orders cooling down with a ticking countdown to when each becomes eligible, and the orders left out,
 * grouped by reason. The desk pages, sorts, counts and searches them (by AWB, customer name or phone); the
 * table asks for the next page as the operator scrolls. While a session dials, its own numbers come first,
 * marked "in this session"; the header says what the rest of today will do.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { QUEUE_EXCLUDED_ORDER } from '../../../shared/contract';
import type { CoolingOrder, ExcludedOrder, ExcludedReason, QueueCall } from '../../../shared/desk-types';
import { Badge } from '../components/Badge';
import { Countdown } from '../components/Ticking';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { SKIP_LABEL, SKIP_WHY } from '../format/labels';
import { countOf, formatCount, noun } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatTime, localizeClockTimes } from '../format/time';
import { loadMore, setListQuery, useList, type ListHead } from '../stores/data-store';
import { useStatusStore } from '../stores/status-store';
import { deskNow } from '../stores/ticker';
import { SearchBox } from '../components/SearchBox';
import { OrderLookupDrawer } from './OrderLookupDrawer';
import { ForecastLine } from './Forecast';

type Part = 'calls' | 'cooling' | 'excluded';

type ExcludedRow =
  { kind: 'group'; reason: ExcludedReason; count: number } | { kind: 'order'; order: ExcludedOrder };

/** The excluded orders as the table shows them: a heading row (with its count) before each reason's orders. */
function withGroups(orders: readonly ExcludedOrder[], counts: Record<ExcludedReason, number>): ExcludedRow[] {
  const rows: ExcludedRow[] = [];
  let reason: ExcludedReason | null = null;
  for (const order of orders) {
    if (order.reason !== reason) {
      reason = order.reason;
      rows.push({ kind: 'group', reason, count: counts[reason] });
    }
    rows.push({ kind: 'order', order });
  }
  return rows;
}

const callColumns: Column<QueueCall>[] = [
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

/** How many orders are left out, for every reason. */
function excludedCount(counts: ListHead<'queue'>['counts']): number {
  return QUEUE_EXCLUDED_ORDER.reduce((sum, reason) => sum + counts[reason], 0);
}

export function QueueView() {
  const list = useList('queue');
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const part = (list.query.tab ?? 'calls') as Part;
  const [search, setSearch] = useState(list.query.search ?? '');
  const [openAwb, setOpenAwb] = useState<string | null>(null);
  const { head, rows, error } = list;

  // The search runs in the desk (the queue may hold 100,000 orders); typing waits a moment before asking.
  useEffect(() => {
    const typed = search.trim();
    if (typed === (list.query.search ?? '')) return;
    const timer = setTimeout(
      () => void setListQuery('queue', { ...list.query, search: typed || undefined }),
      200,
    );
    return () => clearTimeout(timer);
  }, [search, list.query]);

  const showPart = (next: Part) => {
    if (next !== part) void setListQuery('queue', { ...list.query, tab: next });
  };
  const onEndReached = useCallback(() => void loadMore('queue'), []);
  const excludedRows = useMemo(
    () => (head && part === 'excluded' ? withGroups(rows as ExcludedOrder[], head.counts) : []),
    [rows, head, part],
  );
  const cooling = useMemo(() => coolingColumns(tz), [tz]);
  if (error && !head) return <div className="panel error">Could not load the queue: {error}</div>;
  if (!head) return <div className="panel muted">Loading the queue…</div>;
  const session = head.session;
  // The plan's numbers to call begin with the running session's own; the next session's come after them.
  const next = head.plan.counts.calls - (session ? session.dialling + session.waiting : 0);
  const newCalls = head.plan.newCalls;
  // The desk plans for "now" while a manual run is allowed, else for the next slot.
  const plannedNow = Math.abs(head.plannedFor - deskNow()) < 60_000;
  const shownPart = head.tab === 'calls' || head.tab === 'cooling' ? head.tab : 'excluded';
  // Rows of the part asked for arrive a moment after the tab is clicked: until then the table waits.
  const current = shownPart === part && !(list.loading && rows.length === 0);

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
            : `${session ? 'the' : 'The'} ${formatTime(head.plannedFor, tz)} session will call ${head.forecast ? 'up to ' : ''}`}
          <strong>{formatCount(next)}</strong> {noun(next, 'number')} ({formatCount(newCalls)} new,{' '}
          {countOf(next - newCalls, 'retry', 'retries')})
        </div>
        <SearchBox value={search} onChange={setSearch} testId="queue-search" />
      </div>
      {head.forecast && <ForecastLine forecast={head.forecast} after={head.plannedFor} tz={tz} />}
      <div className="segmented" role="tablist">
        <button
          className={part === 'calls' ? 'active' : ''}
          onClick={() => showPart('calls')}
          data-testid="queue-tab-calls"
        >
          To call <span className="count">{formatCount(head.counts.calls)}</span>
        </button>
        <button
          className={part === 'cooling' ? 'active' : ''}
          onClick={() => showPart('cooling')}
          data-testid="queue-tab-cooling"
        >
          Cooling down <span className="count">{formatCount(head.counts.cooling)}</span>
        </button>
        <button
          className={part === 'excluded' ? 'active' : ''}
          onClick={() => showPart('excluded')}
          data-testid="queue-tab-excluded"
        >
          Excluded <span className="count">{formatCount(excludedCount(head.counts))}</span>
        </button>
      </div>
      {error && <div className="panel error">Could not load the queue: {error}</div>}
      {part === 'calls' && (
        <VirtualTable
          testId="queue-calls"
          rows={current ? (rows as QueueCall[]) : []}
          columns={callColumns}
          rowKey={(c) => c.phoneE164}
          onRowClick={(c) => setOpenAwb(c.orders[0]?.awb ?? null)}
          onEndReached={onEndReached}
          label="Numbers to call"
          empty={
            current
              ? `Nobody to call: ${formatCount(head.counts.cooling)} cooling down, ${formatCount(excludedCount(head.counts))} excluded.`
              : 'Loading…'
          }
        />
      )}
      {part === 'cooling' && (
        <VirtualTable
          testId="queue-cooling"
          rows={current ? (rows as CoolingOrder[]) : []}
          columns={cooling}
          rowKey={(o) => o.awb}
          onRowClick={(o) => setOpenAwb(o.awb)}
          onEndReached={onEndReached}
          label="Orders cooling down"
          empty={current ? 'No order is cooling down.' : 'Loading…'}
        />
      )}
      {part === 'excluded' && (
        <VirtualTable
          testId="queue-excluded"
          rows={current ? excludedRows : []}
          columns={excludedColumns}
          rowKey={(r) => (r.kind === 'group' ? `group-${r.reason}` : r.order.awb)}
          rowClass={(r) => (r.kind === 'group' ? 'group-row' : '')}
          onRowClick={(r) => r.kind === 'order' && setOpenAwb(r.order.awb)}
          canOpen={(r) => r.kind === 'order'}
          onEndReached={onEndReached}
          label="Orders left out"
          empty={current ? 'No order is excluded.' : 'Loading…'}
        />
      )}
      {openAwb && <OrderLookupDrawer awb={openAwb} onClose={() => setOpenAwb(null)} />}
    </section>
  );
}
