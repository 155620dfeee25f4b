/**
 * The order cache: every order the desk knows, with its type, whether its phone can be dialled, attempts so
 * far, the last outcome and what the desk will do with it next, by tab (all, to call, cooling down, each
 * reason held back) with its count. The desk pages, sorts and searches them; the table asks for the next page
 * as the operator scrolls. Orders arrive by CSV (picker or drag-and-drop onto this view) or by syncing the
 * order source.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { ORDER_SORTS, ORDER_TABS } from '../../../shared/contract';
import type { OrderSort, OrderTab, OrderView } from '../../../shared/desk-types';
import { printableLine } from '../../../shared/printable';
import { Countdown } from '../components/Ticking';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { SKIP_LABEL } from '../format/labels';
import { countOf, formatCount } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { formatDateTime, localizeClockTimes } from '../format/time';
import { loadMore, setListQuery, useList } from '../stores/data-store';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { ImportPanel, readCsvFile, type CsvFile } from './ImportPanel';
import { OrderDrawer } from './OrderDrawer';
import { SearchBox } from '../components/SearchBox';
import { OutcomeBadge } from '../components/OutcomeBadge';

function columns(tz: string): Column<OrderView>[] {
  return [
    { title: 'AWB', width: 'minmax(130px, 1fr)', render: (o) => <span className="mono">{o.awb}</span> },
    { title: 'Customer', width: 'minmax(150px, 1.4fr)', render: (o) => printableLine(o.customer) },
    {
      title: 'City',
      width: 'minmax(90px, 0.8fr)',
      render: (o) => (o.city ? printableLine(o.city) : <span className="muted">—</span>),
    },
    {
      title: 'Phone',
      width: '170px',
      render: (o) =>
        o.phoneE164 ? (
          <span className="mono">{formatPhone(o.phoneE164)}</span>
        ) : (
          <span className="bad-text" title={o.phoneProblem ?? ''}>
            {printableLine(o.phoneRaw) || '(none)'} ⚠
          </span>
        ),
    },
    {
      title: 'Type',
      width: '130px',
      render: (o) => (
        <span title={o.rawStatus}>
          {o.type === 'OFD' || o.type === 'Undelivered' ? (
            <strong>{o.type}</strong>
          ) : (
            <span className="muted">{o.type}</span>
          )}
        </span>
      ),
    },
    { title: 'Tries', width: '60px', align: 'right', render: (o) => o.attempts },
    {
      title: 'Last outcome',
      width: '190px',
      render: (o) =>
        o.lastOutcome ? (
          <span title={o.lastCallAt ? formatDateTime(o.lastCallAt, tz) : ''}>
            <OutcomeBadge outcome={o.lastOutcome} successful={o.skipReason === 'successful'} />
          </span>
        ) : (
          <span className="muted">not called</span>
        ),
    },
    {
      title: 'Next',
      width: 'minmax(180px, 2fr)',
      render: (o) =>
        o.skipReason === 'cooldown' && o.eligibleAt ? (
          <span>
            cooling · <Countdown to={o.eligibleAt} done="eligible" />
          </span>
        ) : (
          // The whole sentence on hover: a long one ('not called again: wrong number …') is cut to the column.
          <span className={o.skipReason ? 'muted' : ''} title={localizeClockTimes(o.state)}>
            {localizeClockTimes(o.state)}
          </span>
        ),
    },
  ];
}

const TAB_LABEL: Record<OrderTab, string> = {
  all: 'All',
  queued: 'To call',
  ...SKIP_LABEL,
};

const SORT_LABEL: Record<OrderSort, string> = {
  oldest: 'Oldest first',
  newest: 'Newest first',
  customer: 'By customer',
};

function SyncStatusLine() {
  const lastSync = useStatusStore((s) => s.status?.lastSync ?? null);
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  if (!lastSync) return <span className="muted">Never synced</span>;
  // A desk that works from CSVs alone has nothing to sync; that is not a failure to shout about.
  if (lastSync.source === 'none') {
    return (
      <span className="muted" data-testid="sync-status">
        No order source set (Settings) — orders come from CSV imports
      </span>
    );
  }
  return (
    <span className={lastSync.ok ? 'muted' : 'bad-text'} data-testid="sync-status">
      {lastSync.ok
        ? `Synced ${formatDateTime(lastSync.at, tz)} from ${lastSync.source}: ${lastSync.fetched} fetched, ${lastSync.added} added, ${lastSync.updated} updated`
        : `Sync failed ${formatDateTime(lastSync.at, tz)}: ${lastSync.error ?? 'unknown error'}`}
    </span>
  );
}

export function OrdersView() {
  const list = useList('orders');
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [search, setSearch] = useState(list.query.search ?? '');
  const [file, setFile] = useState<CsvFile | null>(null);
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<OrderView | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const cols = useMemo(() => columns(tz), [tz]);
  const { head, rows, error } = list;
  const tab = list.query.tab ?? 'all';
  const onEndReached = useCallback(() => void loadMore('orders'), []);

  // The search runs in the desk (it may hold 100,000 orders); typing waits a moment before asking.
  useEffect(() => {
    const typed = search.trim();
    if (typed === (list.query.search ?? '')) return;
    const timer = setTimeout(
      () => void setListQuery('orders', { ...list.query, search: typed || undefined }),
      200,
    );
    return () => clearTimeout(timer);
  }, [search, list.query]);

  const openFile = async (picked: File | undefined) => {
    if (picked) setFile(await readCsvFile(picked));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void openFile(event.dataTransfer.files[0]);
  };
  const syncNow = () =>
    command(() => desk('syncNow', {})).then((result) => {
      if (!result) return;
      const { notify } = useStatusStore.getState();
      if (result.ok) notify('info', `Synced: ${result.added} added, ${result.updated} updated`);
      else if (result.source === 'none') notify('info', result.error ?? 'No order source is configured');
      else notify('error', `Sync failed: ${result.error ?? 'unknown error'}`);
    });

  return (
    <section
      className={`view view-fill ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} testId="orders-search" />
        <span className="muted" data-testid="orders-count">
          {head ? countOf(head.counts[tab], 'order') : ''}
        </span>
        <select
          aria-label="Sort orders"
          data-testid="orders-sort"
          value={list.query.sort ?? 'oldest'}
          onChange={(e) => void setListQuery('orders', { ...list.query, sort: e.target.value as OrderSort })}
        >
          {ORDER_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABEL[sort]}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <SyncStatusLine />
        <button onClick={syncNow}>Sync now</button>
        <button className="primary" onClick={() => picker.current?.click()}>
          Import CSV…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          data-testid="csv-input"
          onChange={(e) => {
            void openFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {head && (
        <div className="segmented" role="tablist" data-testid="orders-tabs">
          {ORDER_TABS.filter((each) => each === 'all' || each === tab || head.counts[each] > 0).map(
            (each) => (
              <button
                key={each}
                className={each === tab ? 'active' : ''}
                onClick={() => each !== tab && void setListQuery('orders', { ...list.query, tab: each })}
                data-testid={`orders-tab-${each}`}
              >
                {TAB_LABEL[each]} <span className="count">{formatCount(head.counts[each])}</span>
              </button>
            ),
          )}
        </div>
      )}
      {error && <div className="panel error">Could not load orders: {error}</div>}
      <VirtualTable
        testId="orders"
        rows={rows}
        onEndReached={onEndReached}
        columns={cols}
        rowKey={(o) => o.awb}
        onRowClick={(order: OrderView) => setOpen(order)}
        label="Orders"
        empty={
          list.loading ? (
            'Loading…'
          ) : head && head.counts.all === 0 && !list.query.search ? (
            <div className="drop-hint">
              No orders yet. Drop a CSV here, or use <strong>Import CSV…</strong>
            </div>
          ) : (
            'No order here.'
          )
        }
      />
      {dragging && <div className="drop-overlay">Drop the CSV to preview it</div>}
      {open && <OrderDrawer order={open} onClose={() => setOpen(null)} />}
      {file && <ImportPanel file={file} onClose={() => setFile(null)} />}
    </section>
  );
}
