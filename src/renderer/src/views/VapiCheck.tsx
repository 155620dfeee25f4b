/**
 * Settings → VAPI: "Check VAPI" (the saved key, assistant and phone number, and the account's concurrency,
 * asked of VAPI; the desk dials live only after a passing check of exactly the saved values) and "Create the
 * assistant" (the shipped Hindi/English assistant, made in VAPI with one click; its id becomes the assistant
 * id). Also the banner that says why the desk is "Live — incomplete".
 */
import { useEffect, useRef, useState } from 'react';
import type { SettingsView, VapiCheckItem } from '../../../shared/desk-types';
import { refresh } from '../stores/data-store';
import { command, useStatusStore } from '../stores/status-store';
import { formatDateTime, localizeClockTimes } from '../format/time';
import { localizePhones } from '../format/phone';
import { desk } from '../transport';
import '../styles/foresight.css';

const WHAT: Record<VapiCheckItem['what'], string> = {
  key: 'Key',
  assistant: 'Assistant',
  phoneNumber: 'Phone number',
  concurrency: 'Calls at once',
};

function mark(ok: boolean | null): { text: string; className: string; label: string } {
  if (ok === true) return { text: '✓', className: 'good-text', label: 'fine' };
  if (ok === false) return { text: '✗', className: 'bad-text', label: 'problem' };
  return { text: '?', className: 'warn-text', label: 'unknown' };
}

/** What is missing before the desk dials (shown above the fields while it is Live — incomplete). */
export function LiveIncompleteBanner() {
  const status = useStatusStore((s) => s.status);
  if (status?.mode !== 'live-incomplete') return null;
  return (
    <div className="panel vapi-incomplete" role="status" data-testid="live-incomplete">
      <strong>Live — incomplete:</strong> nobody is phoned until the desk has{' '}
      {(status.liveMissing ?? ['Check VAPI']).join(', ')}.
      {status.liveMissing?.some((part) => part.includes('Check VAPI')) &&
        ' Save the VAPI settings, then press Check VAPI.'}
    </div>
  );
}

export function VapiCheckPanel({ saved }: { saved: SettingsView }) {
  const [busy, setBusy] = useState<'check' | 'create' | null>(null);
  const status = useStatusStore((s) => s.status);
  const tz = status?.timezone ?? 'Asia/Kolkata';
  const check = saved.vapi.check ?? null;
  // The check the operator just asked for is scrolled into view when it arrives: at 1280×720 its lines would
  // otherwise start at the foot of the fields, under the Save bar.
  const resultRef = useRef<HTMLDivElement>(null);
  const [askedAt, setAskedAt] = useState<number | null>(null);
  useEffect(() => {
    if (askedAt === null || check?.at !== askedAt) return;
    resultRef.current?.scrollIntoView({ block: 'nearest' });
    setAskedAt(null);
  }, [askedAt, check?.at]);
  const after = () => {
    void refresh('settings');
    void desk('status', {}).then(useStatusStore.getState().setStatus);
  };
  const runCheck = async () => {
    setBusy('check');
    const result = await command(() => desk('checkVapi', {}));
    setBusy(null);
    if (result) {
      setAskedAt(result.at);
      useStatusStore
        .getState()
        .notify(
          result.ok ? 'info' : 'error',
          result.ok ? 'VAPI checked: live calls may start' : 'Check VAPI failed',
        );
    }
    after();
  };
  const create = async () => {
    const sure = window.confirm(
      'Create the shipped delivery-confirmation assistant in your VAPI account and use it for every call?',
    );
    if (!sure) return;
    setBusy('create');
    const created = await command(() => desk('createAssistant', {}));
    setBusy(null);
    if (created) {
      useStatusStore
        .getState()
        .notify('info', `Created "${created.name}" in VAPI (${created.assistantId}). Press Check VAPI next.`);
    }
    after();
  };

  return (
    <div data-testid="vapi-check">
      <div className="vapi-actions">
        <button
          type="button"
          onClick={runCheck}
          disabled={!saved.vapi.keySet || busy !== null}
          data-testid="check-vapi"
          title={
            saved.vapi.keySet
              ? 'Asks VAPI about the saved key, assistant and phone number'
              : 'Enter a key first'
          }
        >
          {busy === 'check' ? 'Checking…' : 'Check VAPI'}
        </button>
        <button
          type="button"
          onClick={create}
          disabled={!saved.vapi.keySet || busy !== null}
          data-testid="create-assistant"
        >
          {busy === 'create' ? 'Creating…' : 'Create the assistant'}
        </button>
        <span className="field-hint">
          {saved.vapi.keySet
            ? 'Checks the saved settings; save changes first.'
            : 'Enter and save a VAPI key to check it or to create the assistant.'}
        </span>
      </div>
      {check && (
        <div ref={resultRef} className="vapi-check-result" data-testid="vapi-check-result">
          <div className={check.ok ? 'good-text' : 'bad-text'}>
            <strong>{check.ok ? 'VAPI is ready' : 'VAPI is not ready'}</strong>{' '}
            <span className="muted">(checked {formatDateTime(check.at, tz)})</span>
          </div>
          <ul className="vapi-check">
            {check.items.map((item) => {
              const shown = mark(item.ok);
              return (
                <li key={item.what} data-testid={`vapi-check-${item.what}`}>
                  <span className={`mark ${shown.className}`} aria-label={shown.label}>
                    {shown.text}
                  </span>
                  <span>
                    <strong>{WHAT[item.what]}:</strong> {localizePhones(localizeClockTimes(item.detail))}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
