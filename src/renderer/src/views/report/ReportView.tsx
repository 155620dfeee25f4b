/**
 * Report: any past day at a glance (today by default): the seed's per-session table (a session opens its
 * calls), a chart of calls and successes by session, the totals (success rate, calls per order confirmed,
 * cost in ₹ with VAPI's $ beside it, talk time from pick-up), what happened on the line, what customers said,
 * the actions raised, and the day as a CSV. Today's report follows the desk as calls finish.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DailyReport, SessionSummary } from '../../../../shared/desk-types';
import { ACTION_WORDS, ANSWER_WORDS } from '../../../../shared/report-words';
import { Badge } from '../../components/Badge';
import { onRowKeys } from '../../components/row-keys';
import { Stat } from '../../components/Stat';
import { TRIGGER_LABEL } from '../../format/labels';
import { formatCost, formatCount, formatPercent, formatRupees, noun } from '../../format/numbers';
import { formatCallLength, formatDay, formatTime } from '../../format/time';
import { command, useStatusStore } from '../../stores/status-store';
import { desk, transport } from '../../transport';
import { SessionCalls, type CallFilter } from '../SessionCalls';
import { Breakdown } from './Breakdown';
import { formatReportDay, isoDay, shiftDay } from './day';
import { saveFile } from './download';
import { OUTCOME_HINT, REPORT_OUTCOME_LABEL } from './report-labels';
import { SessionChart } from './SessionChart';
import './report.css';

const REFRESH_MS = 1000;

/** Rupees to the paisa, from VAPI's dollars at the report's rate. */
function inr(report: DailyReport, usd: number): string {
  return formatRupees(Math.round(usd * report.usdToInr * 100) / 100);
}

/** The day's report, refetched (at most once a second) while the day shown is today and calls change. */
function useDailyReport(date: string | null, today: string | null) {
  const [report, setReport] = useState<DailyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!date) return;
    try {
      const next = await desk('report', { date });
      setReport(next);
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [date]);
  useEffect(() => {
    setReport(null);
    void load();
  }, [load]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!date || date !== today) return;
    const off = transport.bridge.on('dataChanged', () => {
      pending.current ??= setTimeout(() => {
        pending.current = null;
        void load();
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [date, today, load]);
  return { report: report?.date === date ? report : null, error };
}

function DayPicker(props: { date: string; today: string; onChange(date: string): void }) {
  const { date, today, onChange } = props;
  return (
    <div className="report-days" role="group" aria-label="Day">
      <button type="button" onClick={() => onChange(shiftDay(date, -1))} data-testid="report-previous">
        ‹ Previous day
      </button>
      <input
        type="date"
        value={date}
        max={today}
        required
        aria-label="Day of the report"
        data-testid="report-date"
        onChange={(event) => {
          const picked = event.target.value;
          if (/^\d{4}-\d{2}-\d{2}$/.test(picked)) onChange(picked > today ? today : picked);
        }}
      />
      <button
        type="button"
        onClick={() => onChange(shiftDay(date, 1))}
        disabled={date >= today}
        data-testid="report-next"
      >
        Next day ›
      </button>
      <button type="button" onClick={() => onChange(today)} disabled={date === today}>
        Today
      </button>
    </div>
  );
}

function Totals({ report }: { report: DailyReport }) {
  const t = report.totals;
  return (
    <div className="stat-row report-stats" data-testid="report-totals">
      <Stat value={formatCount(t.calls)} label={`${noun(t.calls, 'call')} placed`} />
      <Stat value={formatCount(t.successful)} label="successful" tone="good" />
      <Stat value={formatPercent(t.successRate)} label="success rate" />
      <Stat
        value={t.attemptsPerSuccess === null ? '—' : t.attemptsPerSuccess.toFixed(2)}
        label={`calls per order confirmed (${formatCount(t.ordersConfirmed)} ${noun(t.ordersConfirmed, 'order')})`}
      />
      <Stat
        value={
          <span data-testid="report-cost">
            {formatRupees(t.costInr)} <span className="stat-aside">{formatCost(t.costUsd)}</span>
          </span>
        }
        label={`cost at ₹${report.usdToInr} per $`}
      />
      <Stat value={formatCallLength(t.averageTalkSeconds)} label="average talk time, from pick-up" />
    </div>
  );
}

function SessionTable(props: {
  report: DailyReport;
  timezone: string;
  onOpen(session: SessionSummary, filter: CallFilter): void;
}) {
  const { report, timezone, onOpen } = props;
  const sum = (pick: (s: SessionSummary) => number) => report.sessions.reduce((n, s) => n + pick(s), 0);
  const started = (s: SessionSummary) =>
    isoDay(s.startedAt, timezone) === report.date
      ? formatTime(s.startedAt, timezone)
      : `${formatDay(s.startedAt, timezone)}, ${formatTime(s.startedAt, timezone)}`;
  return (
    <table className="grid-table" data-testid="report-table">
      <thead>
        <tr>
          <th>Session</th>
          <th>Trigger</th>
          <th className="num">Calls</th>
          <th className="num">New</th>
          <th className="num">Retries</th>
          <th className="num">Successful</th>
          <th className="num">Failed</th>
          <th className="num">Errors</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {report.sessions.map((s) => (
          <tr
            key={s.id}
            data-testid="report-session"
            tabIndex={0}
            className="clickable"
            title="Enter or click: the session's calls"
            onClick={(event) => {
              if (!(event.target instanceof HTMLButtonElement)) onOpen(s, 'all');
            }}
            onKeyDown={(event) => onRowKeys(event, () => onOpen(s, 'all'))}
          >
            <td>
              <strong>{started(s)}</strong> {s.state === 'running' && <Badge tone="info">running</Badge>}
              {s.state === 'stopped' && <Badge tone="muted">stopped</Badge>}
              {s.state === 'interrupted' && <Badge tone="bad">interrupted</Badge>}
            </td>
            <td>{TRIGGER_LABEL[s.trigger]}</td>
            <td className="num">{formatCount(s.calls)}</td>
            <td className="num">{formatCount(s.newCalls)}</td>
            <td className="num">{formatCount(s.retryCalls)}</td>
            <td className="num good-text">
              <button className="link-number" onClick={() => onOpen(s, 'successful')}>
                {formatCount(s.successful)}
              </button>
            </td>
            <td className="num warn-text">
              <button className="link-number" onClick={() => onOpen(s, 'failed')}>
                {formatCount(s.failed)}
              </button>
            </td>
            <td className={s.errors > 0 ? 'num bad-text' : 'num'}>{formatCount(s.errors)}</td>
            <td className="num" title={formatCost(s.cost)}>
              {inr(report, s.cost)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="report-total">
          <td>Total</td>
          <td />
          <td className="num">{formatCount(report.totals.calls)}</td>
          <td className="num">{formatCount(sum((s) => s.newCalls))}</td>
          <td className="num">{formatCount(sum((s) => s.retryCalls))}</td>
          <td className="num good-text">{formatCount(report.totals.successful)}</td>
          <td className="num warn-text">{formatCount(report.totals.failed)}</td>
          <td className="num">{formatCount(report.totals.errors)}</td>
          <td className="num" title={formatCost(report.totals.costUsd)}>
            {formatRupees(report.totals.costInr)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function Breakdowns({ report }: { report: DailyReport }) {
  const rows = <K extends string>(
    counts: Record<K, number>,
    labels: Record<K, string>,
    hints: Partial<Record<K, string>> = {},
  ) =>
    (Object.keys(labels) as K[]).map((key) => ({
      key,
      label: labels[key],
      count: counts[key],
      hint: hints[key],
    }));
  return (
    <div className="panel report-breakdowns">
      <Breakdown
        title="On the line"
        testId="report-outcomes"
        rows={rows(report.outcomes, REPORT_OUTCOME_LABEL, OUTCOME_HINT)}
      />
      <Breakdown
        title="What customers said"
        testId="report-answers"
        rows={rows(report.answers, ANSWER_WORDS)}
      />
      <Breakdown title="Actions raised" testId="report-actions" rows={rows(report.actions, ACTION_WORDS)} />
    </div>
  );
}

function NoCalls({ report }: { report: DailyReport }) {
  return (
    <div className="panel report-empty" data-testid="report-empty">
      <p>
        <strong>No calls on {formatReportDay(report.date)}.</strong>
      </p>
      {report.date < report.historyKeptFrom && (
        <p className="muted">
          Calls are kept {report.keepCallsDays} days: calls before {formatReportDay(report.historyKeptFrom)}{' '}
          have been removed (Settings → Report and history).
        </p>
      )}
    </div>
  );
}

export function ReportView() {
  const timezone = useStatusStore((s) => s.status?.timezone ?? null);
  const now = useStatusStore((s) => s.status?.now ?? null);
  const today = timezone && now !== null ? isoDay(now, timezone) : null;
  const [picked, setPicked] = useState<string | null>(null);
  const date = picked ?? today;
  const { report, error } = useDailyReport(date, today);
  const [calls, setCalls] = useState<{ session: SessionSummary; filter: CallFilter } | null>(null);
  const [exporting, setExporting] = useState(false);

  if (!date || !today || !timezone) return <div className="panel muted">Loading the report…</div>;
  const exportCsv = async () => {
    setExporting(true);
    const file = await command(() => desk('exportReport', { date }));
    setExporting(false);
    if (file) {
      saveFile(file);
      useStatusStore.getState().notify('info', `Exported ${file.fileName}`);
    }
  };
  const empty = report !== null && report.sessions.length === 0 && report.totals.calls === 0;

  return (
    <section className="view report">
      <div className="toolbar report-toolbar">
        <h2 className="report-title" data-testid="report-title">
          {formatReportDay(date)}
          {date === today && <span className="muted"> · today so far</span>}
        </h2>
        <DayPicker date={date} today={today} onChange={(day) => setPicked(day === today ? null : day)} />
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => void exportCsv()}
          disabled={!report || exporting || empty}
          title={empty ? 'No calls that day: nothing to export' : undefined}
          data-testid="report-export"
        >
          Export CSV
        </button>
      </div>
      {error && <div className="panel error">Could not load the report: {error}</div>}
      {!report && !error && <div className="panel muted">Loading the report…</div>}
      {report && empty && <NoCalls report={report} />}
      {report && !empty && (
        <>
          <Totals report={report} />
          <div className="report-grid">
            <div className="report-main">
              <div className="panel">
                <SessionTable
                  report={report}
                  timezone={timezone}
                  onOpen={(session, filter) => setCalls({ session, filter })}
                />
              </div>
              <div className="panel">
                <h3>Calls and successes by session</h3>
                <SessionChart sessions={report.sessions} timezone={timezone} />
              </div>
            </div>
            <Breakdowns report={report} />
          </div>
        </>
      )}
      {calls && <SessionCalls {...calls} onClose={() => setCalls(null)} />}
    </section>
  );
}
