/**
 * Needs action: the work customers' answers give dispatch (deliver another day, a new address, a cancel, a
 * wrong number, a number to fix, a callback), newest first, filtered by state and kind and searched by AWB,
 * name or phone. A row opens the action in full (ActionDrawer): what was said, the recording, mark done, send
 * to the courier. The list exports as a CSV for the delivery team; iThink desks can let the desk send on its
 * own.
 */
import { useEffect, useMemo, useState } from 'react';
import { ACTION_KINDS, ACTION_KIND_WORDS } from '../../../../shared/contract';
import type { ActionKind, ActionView, ExportedFile } from '../../../../shared/desk-types';
import { SearchBox } from '../../components/SearchBox';
import { VirtualTable } from '../../components/VirtualTable';
import { countOf } from '../../format/numbers';
import { dayKey } from '../../format/time';
import {
  filterArgs,
  setActionFilter,
  useActionList,
  useActionsStore,
  type ActionFilter,
} from '../../stores/actions-store';
import { refresh, useResource } from '../../stores/data-store';
import { command, useStatusStore } from '../../stores/status-store';
import { deskNow } from '../../stores/ticker';
import { desk } from '../../transport';
import { actionColumns } from './action-columns';
import { canSendToCourier } from './action-words';
import { ActionDrawer } from './ActionDrawer';
import './actions.css';

const STATES: { state: ActionFilter['state']; label: string }[] = [
  { state: 'open', label: 'Open' },
  { state: 'done', label: 'Done' },
  { state: 'all', label: 'All' },
];

/** Saves the CSV where the browser (or Electron's save dialog) puts downloads. */
function download(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Send to the courier automatically": only iThink takes NDR requests from the desk. */
function AutoWriteback() {
  const { data: settings } = useResource('settings');
  if (!settings) return null;
  const ithink = canSendToCourier(settings);
  // A CSV desk has nothing to send automatically: no checkbox that can never be ticked.
  if (!ithink && !settings.answers.autoWriteback) return null;
  const save = (on: boolean) =>
    command(
      () => desk('saveSettings', { answers: { autoWriteback: on } }),
      on ? 'New actions will be sent to the courier as they come' : 'Actions wait for you to send them',
    ).then(() => refresh('settings'));
  return (
    <label
      className="needs-auto"
      title={
        ithink
          ? 'New reschedules, address changes and cancels go to iThink Logistics as they are raised'
          : 'Needs iThink Logistics with its credentials as the order source (Settings)'
      }
    >
      <input
        type="checkbox"
        checked={settings.answers.autoWriteback}
        disabled={!ithink && !settings.answers.autoWriteback}
        onChange={(event) => void save(event.target.checked)}
        data-testid="actions-auto"
      />
      Send to the courier automatically
    </label>
  );
}

export function ActionsView() {
  const { list, error, filter } = useActionList();
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const [search, setSearch] = useState(filter.search);
  // The action in the drawer: its newest copy from the list, or the last one the drawer got when the list's
  // filter no longer shows it (marked done while showing open ones).
  const [open, setOpen] = useState<ActionView | null>(null);
  const today = dayKey(deskNow(), tz);
  // A desk that cannot send to the courier (a CSV desk) and never has: no column of "Not sent" on every row.
  const canSend = canSendToCourier(useResource('settings').data);
  const rows = list ?? [];
  const showCourier = canSend !== false || rows.some((action) => action.writeback.state !== 'none');
  const columns = useMemo(() => actionColumns(tz, today, showCourier), [tz, today, showCourier]);

  // The search runs in the desk; typing waits a moment before asking.
  useEffect(() => {
    if (search === useActionsStore.getState().filter.search) return;
    const timer = setTimeout(() => setActionFilter({ search }), 200);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    setOpen((shown) => (shown ? (list?.find((action) => action.id === shown.id) ?? shown) : shown));
  }, [list]);
  const exportCsv = () =>
    command(() => desk('exportActions', filterArgs(useActionsStore.getState().filter))).then((file) => {
      if (file) download(file);
    });

  return (
    <section className="view view-fill">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Which actions">
          {STATES.map(({ state, label }) => (
            <button
              key={state}
              className={filter.state === state ? 'active' : ''}
              aria-pressed={filter.state === state}
              onClick={() => setActionFilter({ state })}
              data-testid={`actions-state-${state}`}
            >
              {label}
            </button>
          ))}
        </div>
        <select
          aria-label="Kind of action"
          value={filter.kind ?? ''}
          onChange={(event) => setActionFilter({ kind: (event.target.value || undefined) as ActionKind })}
          data-testid="actions-kind"
        >
          <option value="">Every kind</option>
          {ACTION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ACTION_KIND_WORDS[kind]}
            </option>
          ))}
        </select>
        <SearchBox value={search} onChange={setSearch} testId="actions-search" />
        <span className="muted" data-testid="actions-count">
          {list ? countOf(rows.length, 'action') : ''}
        </span>
        <span className="spacer" />
        <AutoWriteback />
        <button onClick={() => void exportCsv()} data-testid="actions-export">
          Export CSV
        </button>
      </div>
      {error && <div className="panel error">Could not load the actions: {error}</div>}
      <VirtualTable
        testId="actions"
        rows={rows}
        columns={columns}
        rowKey={(a) => a.id}
        onRowClick={(a) => setOpen(a)}
        rowClass={(a) => (a.state === 'done' ? 'needs-done' : '')}
        label="Actions"
        empty={
          filter.state === 'open' && !filter.kind && !filter.search
            ? 'Nothing needs action. When a customer asks for another day, a new address, a callback, cancels, or a number is wrong, it shows here.'
            : 'No actions match.'
        }
      />
      {open && <ActionDrawer action={open} onChanged={setOpen} onClose={() => setOpen(null)} />}
    </section>
  );
}
