/**
 * Every call the desk has made, newest first: when, which order, which attempt, how it ended, how long it
 * took, what it cost and the assistant's summary. A click opens the call: transcript and recording.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CallDetail, HistoryItem } from '../../../shared/desk-types';
import { Drawer } from '../components/Drawer';
import { CustomerAnswerFacts } from './CustomerAnswerFacts';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { countOf, formatCost } from '../format/numbers';
import { formatPhone } from '../format/phone';
import { dayKey, formatCallLength, formatDateTime, formatTimeSeconds } from '../format/time';
import { deskNow } from '../stores/ticker';
import { loadMore, setListQuery, useList } from '../stores/data-store';
import { command, useStatusStore } from '../stores/status-store';
import { desk } from '../transport';
import { SearchBox } from '../components/SearchBox';
import { OutcomeBadge } from '../components/OutcomeBadge';

/** Today's calls show their time only; older ones their date too. */
function columns(tz: string, today: string): Column<HistoryItem>[] {
  const when = (ms: number) =>
    dayKey(ms, tz) === today ? formatTimeSeconds(ms, tz) : formatDateTime(ms, tz);
  return [
    { title: 'Time', width: '150px', render: (c) => when(c.startedAt) },
    {
      title: 'AWB',
      width: 'minmax(120px, 1fr)',
      render: (c) => <span className="mono">{c.awbs.join(', ')}</span>,
    },
    { title: 'Customer', width: 'minmax(140px, 1.2fr)', render: (c) => c.customer },
    { title: 'Try', width: '50px', align: 'right', render: (c) => c.attemptNumber },
    {
      title: 'Outcome',
      width: '190px',
      render: (c) => (
        <OutcomeBadge outcome={c.outcome} successful={c.successful} answer={c.answer} state={c.state} />
      ),
    },
    { title: 'Length', width: '70px', align: 'right', render: (c) => formatCallLength(c.durationSeconds) },
    { title: 'Cost', width: '70px', align: 'right', render: (c) => formatCost(c.cost) },
    {
      title: 'Summary',
      width: 'minmax(200px, 3fr)',
      render: (c) => <span className="ellipsis">{c.summary ?? ''}</span>,
    },
  ];
}

function CallDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const [call, setCall] = useState<CallDetail | null | undefined>(undefined);
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  useEffect(() => {
    void command(() => desk('call', { id })).then((found) => setCall(found ?? null));
  }, [id]);
  if (call === undefined)
    return (
      <Drawer title="Call" onClose={onClose}>
        <p className="muted">Loading…</p>
      </Drawer>
    );
  if (call === null)
    return (
      <Drawer title="Call" onClose={onClose}>
        <p>This call is not in the history.</p>
      </Drawer>
    );
  return (
    <Drawer title={`${call.customer} · attempt ${call.attemptNumber}`} onClose={onClose}>
      <div data-testid="call-detail">
        <dl className="facts">
          <dt>Outcome</dt>
          <dd>
            <OutcomeBadge
              outcome={call.outcome}
              successful={call.successful}
              answer={call.answer}
              state={call.state}
            />
            {call.endedReason && <span className="muted"> ({call.endedReason})</span>}
          </dd>
          <dt>Phone</dt>
          <dd className="mono">{formatPhone(call.phoneE164)}</dd>
          <dt>AWB</dt>
          <dd className="mono">{call.awbs.join(', ')}</dd>
          <dt>Started</dt>
          <dd>{formatDateTime(call.startedAt, tz)}</dd>
          <dt>Length · cost</dt>
          <dd>
            {formatCallLength(call.durationSeconds)} · {formatCost(call.cost)}
          </dd>
          <dt>Recording</dt>
          <dd>
            {call.recordingUrl ? (
              <a href={call.recordingUrl} target="_blank" rel="noreferrer" data-testid="recording-link">
                Listen to the recording
              </a>
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
          {call.providerCallId && (
            <>
              <dt>VAPI call</dt>
              <dd className="mono small">{call.providerCallId}</dd>
            </>
          )}
        </dl>
        {call.error && <div className="panel error">{call.error}</div>}
        {call.outcome === 'answered' && (
          <>
            <h3>What the customer said</h3>
            <CustomerAnswerFacts answer={call.customerAnswer} />
          </>
        )}
        {call.summary && (
          <>
            <h3>Summary</h3>
            <p>{call.summary}</p>
          </>
        )}
        <h3>Transcript</h3>
        <pre className="transcript" data-testid="transcript">
          {call.transcript ?? 'No transcript.'}
        </pre>
      </div>
    </Drawer>
  );
}

export function HistoryView() {
  const list = useList('history');
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [search, setSearch] = useState(list.query.search ?? '');
  const [open, setOpen] = useState<number | null>(null);
  const today = dayKey(deskNow(), tz);
  const cols = useMemo(() => columns(tz, today), [tz, today]);
  const { head, rows, error } = list;

  // The search runs in the desk (the history may hold hundreds of thousands of calls).
  useEffect(() => {
    const typed = search.trim();
    if (typed === (list.query.search ?? '')) return;
    const timer = setTimeout(
      () => void setListQuery('history', { ...list.query, search: typed || undefined }),
      200,
    );
    return () => clearTimeout(timer);
  }, [search, list.query]);

  const onEndReached = useCallback(() => void loadMore('history'), []);

  return (
    <section className="view view-fill">
      <div className="toolbar">
        <SearchBox value={search} onChange={setSearch} testId="history-search" />
        <span className="muted" data-testid="history-count">
          {head ? countOf(head.counts.calls, 'call') : ''}
        </span>
      </div>
      {error && <div className="panel error">Could not load history: {error}</div>}
      <VirtualTable
        testId="history"
        rows={rows}
        columns={cols}
        rowKey={(c) => c.id}
        onRowClick={(c) => setOpen(c.id)}
        label="Calls"
        onEndReached={onEndReached}
        empty={list.loading ? 'Loading…' : 'No calls yet.'}
      />
      {open !== null && <CallDrawer id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
