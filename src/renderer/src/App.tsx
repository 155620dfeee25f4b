/**
 * The console's frame: the status header, the problems that need the operator, the view tabs (kept in the
 * address's #hash so a view can be bookmarked or reloaded) and the notices from the last commands.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Header } from './views/Header';
import { HistoryView } from './views/HistoryView';
import { LiveView } from './views/LiveView';
import { OrdersView } from './views/OrdersView';
import { QueueView } from './views/QueueView';
import { SettingsView } from './views/SettingsView';
import { TodayView } from './views/TodayView';
import { ActionsTabBadge, ActionsView } from './views/actions';
import { focusSearchOnSlash } from './components/SearchBox';
import { formatTimeSeconds, localizeClockTimes } from './format/time';
import { useStatusStore } from './stores/status-store';
import { VIEWS, viewFromHash, type ViewName } from './views/view-names';
import type { LogLine } from '../../shared/desk-types';

// The Report comes as a chunk of its own, fetched when first opened: its charts (chart.js) are nearly a
// quarter of the console's script, and every other view would wait for the browser to compile them first.
const ReportView = lazy(() => import('./views/report/ReportView').then((m) => ({ default: m.ReportView })));

const TITLES: Record<ViewName, string> = {
  today: 'Today',
  live: 'Live session',
  queue: 'Queue',
  orders: 'Orders',
  history: 'History',
  actions: 'Needs action',
  report: 'Report',
  settings: 'Settings',
};

function LiveTabBadge() {
  const session = useStatusStore((s) => s.status?.session ?? null);
  if (!session) return null;
  return (
    <span className="tab-badge live-pulse">
      {session.completed}/{session.planned}
    </span>
  );
}

// A constant, not a fresh [] per render: a zustand selector must return the same value when nothing changed.
const NO_LINES: LogLine[] = [];

function Attention() {
  const attention = useStatusStore((s) => s.status?.attention ?? NO_LINES);
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  if (attention.length === 0) return null;
  const [latest] = attention;
  return (
    <div className="attention" role="status" data-testid="attention">
      <strong>Needs attention:</strong> {localizeClockTimes(latest!.message)}{' '}
      <span className="muted">({formatTimeSeconds(latest!.at, tz)})</span>
      {attention.length > 1 && <span className="muted"> · {attention.length - 1} more in the log</span>}
    </div>
  );
}

/** A console that cannot reach its desk must say so loudly: what it shows may be stale. */
function ConnectionLost() {
  const connection = useStatusStore((s) => s.connection);
  const everConnected = useStatusStore((s) => s.status !== null);
  if (connection !== 'closed' || !everConnected) return null;
  return (
    <div className="attention" role="alert" data-testid="connection-lost">
      <strong>Lost the connection to the desk.</strong> Reconnecting… what you see may be out of date.
    </div>
  );
}

function Notices() {
  const notices = useStatusStore((s) => s.notices);
  const dismiss = useStatusStore((s) => s.dismiss);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.tone}`}
          onClick={() => dismiss(n.id)}
          data-testid="notice"
        >
          {n.text}
        </div>
      ))}
    </div>
  );
}

export function App() {
  const [view, setView] = useState<ViewName>(viewFromHash);
  const connection = useStatusStore((s) => s.connection);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', focusSearchOnSlash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', focusSearchOnSlash);
    };
  }, []);

  if (connection === 'unauthorised') {
    return (
      <div className="gate">
        <h1>This console needs its link</h1>
        <p>
          Open the address printed by <code>npm run serve</code> (it ends in <code>?token=…</code>).
        </p>
      </div>
    );
  }

  const views: Record<ViewName, ReactNode> = {
    today: <TodayView />,
    live: <LiveView />,
    queue: <QueueView />,
    orders: <OrdersView />,
    history: <HistoryView />,
    actions: <ActionsView />,
    report: <ReportView />,
    settings: <SettingsView />,
  };

  return (
    <div className="app">
      <Header />
      <ConnectionLost />
      <Attention />
      <nav className="tabs" role="tablist">
        {VIEWS.map((name) => (
          <a
            key={name}
            href={`#${name}`}
            role="tab"
            aria-selected={view === name}
            className={view === name ? 'active' : ''}
            data-testid={`tab-${name}`}
          >
            {TITLES[name]}
            {name === 'live' && <LiveTabBadge />}
            {name === 'actions' && <ActionsTabBadge />}
          </a>
        ))}
      </nav>
      <main className="main">
        <Suspense fallback={<div className="panel muted">Loading…</div>}>{views[view]}</Suspense>
      </main>
      <Notices />
    </div>
  );
}
