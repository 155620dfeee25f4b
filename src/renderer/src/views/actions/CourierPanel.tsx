/**
 * The action's courier part of its drawer: where it stands with iThink (sent, waiting for its next try,
 * refused, and why in the courier's words), the right phone when the number was wrong, and "Send to courier"
 * (or "Send again" after a failure), with the desk's refusal shown beside the button.
 */
import { useState } from 'react';
import { WRITEBACK_WORDS } from '../../../../shared/contract';
import type { ActionView } from '../../../../shared/desk-types';
import { Badge } from '../../components/Badge';
import { countOf } from '../../format/numbers';
import { formatDateTime } from '../../format/time';
import { refreshActions } from '../../stores/actions-store';
import { useResource } from '../../stores/data-store';
import { useStatusStore } from '../../stores/status-store';
import { desk } from '../../transport';
import { canSendToCourier, NEEDS_PHONE, NEVER_SENT, WRITEBACK_TONE } from './action-words';

function sendLabel(action: ActionView): string {
  if (action.writeback.state === 'failed' || action.writeback.state === 'refused') return 'Send again';
  if (action.writeback.state === 'pending') return 'Send now';
  return 'Send to courier';
}

export function CourierPanel({
  action,
  onChanged,
}: {
  action: ActionView;
  onChanged(action: ActionView): void;
}) {
  const tz = useStatusStore((s) => s.status?.timezone ?? 'Asia/Kolkata');
  const { writeback } = action;
  const [phone, setPhone] = useState(writeback.phone ?? '');
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const needsPhone = NEEDS_PHONE.has(action.kind);
  const canSend = canSendToCourier(useResource('settings').data);

  const send = async () => {
    setSending(true);
    setRefusal(null);
    try {
      const args = needsPhone && phone.trim() ? { id: action.id, phone: phone.trim() } : { id: action.id };
      onChanged(await desk('sendActionToCourier', args));
      void refreshActions();
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  // A CSV desk has no courier to send to: say how the delivery team hears of it instead of a button that fails.
  if (canSend === false && writeback.state === 'none' && !NEVER_SENT.has(action.kind)) {
    return (
      <section className="needs-courier" data-testid="action-courier-panel">
        <h3>Courier</h3>
        <p className="muted" data-testid="action-courier-csv">
          This desk&rsquo;s orders come from a file, so nothing is sent to the courier from here: give the
          delivery team the Needs action list (Export CSV). Sending from the desk needs iThink Logistics as
          the order source (Settings).
        </p>
      </section>
    );
  }
  return (
    <section className="needs-courier" data-testid="action-courier-panel">
      <h3>Courier</h3>
      <p>
        <Badge tone={WRITEBACK_TONE[writeback.state]}>{WRITEBACK_WORDS[writeback.state]}</Badge>
        {writeback.attempts > 0 && (
          <span className="muted"> · {countOf(writeback.attempts, 'try', 'tries')}</span>
        )}
        {writeback.state === 'failed' && writeback.nextAttemptAt && (
          <span className="muted"> · next try {formatDateTime(writeback.nextAttemptAt, tz)}</span>
        )}
      </p>
      {writeback.message && (
        <p className={writeback.state === 'refused' ? 'bad-text' : ''} data-testid="action-courier-message">
          {writeback.message}
        </p>
      )}
      {NEVER_SENT.has(action.kind) ? (
        <p className="muted">A callback stays with the desk: it calls the customer back at the time asked.</p>
      ) : writeback.state === 'sent' ? null : (
        <div className="needs-send">
          {needsPhone && (
            <label>
              The customer’s right phone
              <input
                type="tel"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
                placeholder="10-digit mobile"
                data-testid="action-phone"
              />
            </label>
          )}
          <button
            className="primary"
            disabled={sending}
            onClick={() => void send()}
            data-testid="action-send"
          >
            {sending ? 'Sending…' : sendLabel(action)}
          </button>
        </div>
      )}
      {refusal && (
        <p className="bad-text" role="alert" data-testid="action-send-refusal">
          {refusal}
        </p>
      )}
    </section>
  );
}
