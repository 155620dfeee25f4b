/**
 * One action in full: what the customer asked for and said (summary, recording, transcript), the order it is
 * about, where it stands with the courier (CourierPanel), and "Mark done" with an optional note. The recording
 * is an ordinary link: the browser opens it in a tab, the desktop app in the system browser.
 */
import { useEffect, useState } from 'react';
import { ACTION_KIND_WORDS } from '../../../../shared/contract';
import type { ActionView, CallDetail } from '../../../../shared/desk-types';
import { Drawer } from '../../components/Drawer';
import { formatPhone } from '../../format/phone';
import { formatDateTime } from '../../format/time';
import { refreshActions } from '../../stores/actions-store';
import { command, useStatusStore } from '../../stores/status-store';
import { desk } from '../../transport';
import { whatToDo } from './action-words';
import { CourierPanel } from './CourierPanel';

function Transcript({ callId }: { callId: number | null }) {
  const [call, setCall] = useState<CallDetail | null | undefined>(undefined);
  useEffect(() => {
    if (callId === null) return;
    void command(() => desk('call', { id: callId })).then((found) => setCall(found ?? null));
  }, [callId]);
  if (callId === null) return <p className="muted">Raised without a call.</p>;
  if (call === undefined) return <p className="muted">Loading…</p>;
  return (
    <pre className="transcript" data-testid="action-transcript">
      {call?.transcript ?? 'No transcript.'}
    </pre>
  );
}

function MarkDone({ action, onChanged }: { action: ActionView; onChanged(action: ActionView): void }) {
  const [note, setNote] = useState('');
  const markDone = async () => {
    const done = await command(
      () => desk('markActionDone', note.trim() ? { id: action.id, note: note.trim() } : { id: action.id }),
      `Marked done: ${action.awb}`,
    );
    if (done) {
      onChanged(done);
      void refreshActions();
    }
  };
  return (
    <div className="needs-done-form">
      <input
        value={note}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
        placeholder="Note (optional): what was done"
        aria-label="Note"
        data-testid="action-note"
      />
      <button onClick={() => void markDone()} data-testid="action-mark-done">
        Mark done
      </button>
    </div>
  );
}

export function ActionDrawer(props: {
  action: ActionView;
  onChanged(action: ActionView): void;
  onClose(): void;
}) {
  const { action, onChanged } = props;
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const asked = whatToDo(action);
  return (
    <Drawer title={`${ACTION_KIND_WORDS[action.kind]} · ${action.awb}`} onClose={props.onClose}>
      <div data-testid="action-detail">
        <dl className="facts">
          <dt>Customer</dt>
          <dd>{action.customer}</dd>
          <dt>Phone</dt>
          <dd className="mono">{formatPhone(action.phoneE164) || '—'}</dd>
          <dt>Asked for</dt>
          <dd>{asked || '—'}</dd>
          {action.notes && (
            <>
              <dt>Notes</dt>
              <dd>{action.notes}</dd>
            </>
          )}
          <dt>Order address</dt>
          <dd>{action.orderAddress || '—'}</dd>
          <dt>Raised</dt>
          <dd>{formatDateTime(action.createdAt, tz)}</dd>
          <dt>State</dt>
          <dd data-testid="action-state">
            {action.state === 'done' ? (
              <>
                Done{action.doneAt ? ` ${formatDateTime(action.doneAt, tz)}` : ''}
                {action.doneNote && <span className="muted"> — {action.doneNote}</span>}
              </>
            ) : (
              'Open'
            )}
          </dd>
          <dt>Recording</dt>
          <dd>
            {action.recordingUrl ? (
              <a href={action.recordingUrl} target="_blank" rel="noreferrer" data-testid="action-recording">
                Listen to the recording
              </a>
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
        </dl>
        {action.state === 'open' && <MarkDone action={action} onChanged={onChanged} />}
        <CourierPanel key={action.id} action={action} onChanged={onChanged} />
        <h3>What was said</h3>
        <p data-testid="action-summary">{action.summary ?? <span className="muted">No summary.</span>}</p>
        <h3>Transcript</h3>
        <Transcript callId={action.callId} />
      </div>
    </Drawer>
  );
}
