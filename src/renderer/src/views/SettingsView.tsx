/**
 * Settings: VAPI (the key is write-only and only ever shown masked; Check VAPI and Create the assistant, see
 * VapiCheck.tsx), the calling rules, and the order source. Saving sends only what changed; a refused value is marked on its own field with the desk's
 * reason in the desk's words (src/shared/field-messages.ts), checked first here with the contract's schema
 * and then again by the desk. The fields scroll on their own above the Save bar, so the bar never covers
 * one, and the rules in words stay beside them.
 */
import { useState, type ReactNode } from 'react';
import { parseDeskArgs } from '../../../shared/contract';
import type { SettingsView as Saved } from '../../../shared/desk-types';
import { refresh, useResource } from '../stores/data-store';
import { command, useStatusStore } from '../stores/status-store';
import { countOf } from '../format/numbers';
import { formatClock } from '../format/time';
import { desk } from '../transport';
import { draftFieldOf, draftFrom, updateFrom, type DraftField, type SettingsDraft } from './settings-draft';
import { LiveIncompleteBanner, VapiCheckPanel } from './VapiCheck';

const TIMEZONES: string[] = (() => {
  const withSupport = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return withSupport.supportedValuesOf?.('timeZone') ?? ['Asia/Kolkata', 'UTC'];
})();

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error: string | null;
  children: ReactNode;
}

/** The desk says "calling.cooldownMinutes: Cooldown must be…"; next to the field the path is noise. */
function withoutPath(message: string): string {
  const text = message.replace(/^[\w.]+: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Field({ label, hint, error, children }: FieldProps) {
  return (
    <label className={`field ${error ? 'field-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-message" role="alert" title={error}>
          {withoutPath(error)}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}

function SettingsForm({ saved }: { saved: Saved }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(saved));
  const [error, setError] = useState<{ field: DraftField | null; path?: string; message: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const set = <K extends DraftField>(key: K, value: SettingsDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const errorFor = (key: DraftField) => (error?.field === key ? error.message : null);
  const text = (key: DraftField, props: { placeholder?: string; type?: string; list?: string } = {}) => (
    <input
      value={String(draft[key])}
      onChange={(e) => set(key, e.target.value)}
      data-testid={`setting-${key}`}
      aria-invalid={error?.field === key}
      data-refused-field={error?.field === key ? error.path : undefined}
      {...props}
    />
  );

  const save = async (update = updateFrom(draft, saved)) => {
    if (Object.keys(update).length === 0) {
      useStatusStore.getState().notify('info', 'Nothing changed');
      return;
    }
    try {
      parseDeskArgs('saveSettings', update);
      setBusy(true);
      const next = await desk('saveSettings', update);
      setError(null);
      setDraft(draftFrom(next));
      useStatusStore.getState().notify('info', 'Settings saved');
      void refresh('settings');
      void desk('status', {}).then(useStatusStore.getState().setStatus);
    } catch (caught) {
      const field = (caught as { field?: string }).field;
      const message = caught instanceof Error ? caught.message : String(caught);
      const refused = draftFieldOf(field);
      setError({ field: refused, path: field, message });
      if (!refused) useStatusStore.getState().notify('error', message);
      // The keyboard goes to the refused field, which also scrolls it into view.
      else
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`[data-testid="setting-${refused}"]`)?.focus(),
        );
    } finally {
      setBusy(false);
    }
  };
  const removeKey = () => command(() => save({ vapi: { apiKey: '' } }));

  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="settings-fields">
        <LiveIncompleteBanner />
        <fieldset>
          <legend>VAPI</legend>
          <Field
            label="API key"
            error={errorFor('apiKey')}
            hint={
              saved.vapi.keySet
                ? `A key is saved (${saved.vapi.keyHint ?? '••••'}). Type a new one to replace it.`
                : (saved.vapi.keyNotice ?? 'No key: sandbox mode, nobody is phoned.')
            }
          >
            <div className="inline">
              {text('apiKey', {
                type: 'password',
                placeholder: saved.vapi.keySet
                  ? `•••••••• ${(saved.vapi.keyHint ?? '').replace(/^…/, '')}`
                  : 'not set (sandbox)',
              })}
              {saved.vapi.keySet && (
                <button type="button" onClick={removeKey}>
                  Remove key
                </button>
              )}
            </div>
          </Field>
          <Field
            label="Assistant id"
            error={errorFor('assistantId')}
            hint="Empty: every call carries the shipped Hindi/English delivery assistant. Or create it in VAPI below."
          >
            {text('assistantId', { placeholder: 'the shipped assistant' })}
          </Field>
          <Field label="Phone number id" error={errorFor('phoneNumberId')}>
            {text('phoneNumberId')}
          </Field>
          <VapiCheckPanel saved={saved} />
        </fieldset>

        <fieldset>
          <legend>Calling rules</legend>
          <Field
            label="Session slots"
            error={errorFor('slots')}
            hint="Times of day, e.g. 10:00, 11:00, 12:00, 13:00"
          >
            {text('slots')}
          </Field>
          <div className="field-row">
            <Field
              label="Cooldown (minutes)"
              error={errorFor('cooldownMinutes')}
              hint="From the start of the session that called"
            >
              {text('cooldownMinutes', { type: 'text' })}
            </Field>
            <Field label="Max attempts per order" error={errorFor('maxAttempts')}>
              {text('maxAttempts')}
            </Field>
            <Field label="Calls at once" error={errorFor('concurrency')}>
              {text('concurrency')}
            </Field>
          </div>
          <div className="field-row">
            <Field
              label="Working hours from"
              error={errorFor('workingStart')}
              hint="Run now is allowed only inside"
            >
              {text('workingStart', { placeholder: 'HH:MM' })}
            </Field>
            <Field label="until" error={errorFor('workingEnd')}>
              {text('workingEnd', { placeholder: 'HH:MM' })}
            </Field>
            <Field label="Time zone" error={errorFor('timezone')}>
              {text('timezone', { list: 'timezones' })}
            </Field>
            <Field label="Phone region" error={errorFor('phoneRegion')} hint="For numbers without +country">
              {text('phoneRegion')}
            </Field>
          </div>
          <datalist id="timezones">
            {TIMEZONES.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </fieldset>

        <fieldset>
          <legend>Order source</legend>
          <div className="field-row">
            <Field label="Source" error={errorFor('sourceKind')}>
              <select
                value={draft.sourceKind}
                onChange={(e) => set('sourceKind', e.target.value as SettingsDraft['sourceKind'])}
                data-testid="setting-sourceKind"
              >
                <option value="none">None (CSV import only)</option>
                <option value="ithink">iThink Logistics</option>
                <option value="generic-json">Generic JSON API</option>
              </select>
            </Field>
            <Field label="Base URL" error={errorFor('sourceBaseUrl')}>
              {text('sourceBaseUrl')}
            </Field>
          </div>
          <Field
            label="Credentials (JSON)"
            error={errorFor('sourceCredentials')}
            hint={
              saved.orderSource.credentialsSet
                ? 'Saved. Type to replace them.'
                : (saved.orderSource.credentialsNotice ?? 'Not set.')
            }
          >
            {text('sourceCredentials', { type: 'password' })}
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.syncBeforeSessions}
              onChange={(e) => set('syncBeforeSessions', e.target.checked)}
            />
            Sync the order source before every session
          </label>
        </fieldset>

        <fieldset>
          <legend>Backups</legend>
          <Field
            label="Backups kept"
            error={errorFor('backupsKeep')}
            hint="Copies of the database in the data folder's backups/, taken daily and before each upgrade; restore one with npm run desk -- restore-backup"
          >
            {text('backupsKeep')}
          </Field>
        </fieldset>

        <fieldset>
          <legend>Report and history</legend>
          <div className="field-row">
            <Field
              label="Keep call history (days)"
              error={errorFor('keepCallsDays')}
              hint="Older calls are removed daily; never one still needed for an order being called"
            >
              {text('keepCallsDays')}
            </Field>
            <Field
              label="Rupees per US dollar"
              error={errorFor('usdToInr')}
              hint="VAPI bills in $; the report shows ₹ at this rate"
            >
              {text('usdToInr')}
            </Field>
          </div>
        </fieldset>

        {error && !error.field && <div className="panel error">{error.message}</div>}
      </div>
      <div className="actions settings-actions">
        <button className="primary" type="submit" disabled={busy} data-testid="settings-save">
          Save settings
        </button>
        <button type="button" onClick={() => (setDraft(draftFrom(saved)), setError(null))}>
          Discard changes
        </button>
      </div>
    </form>
  );
}

/** The saved rules in plain words: what the desk will do with these settings. */
function RulesInWords({ saved }: { saved: Saved }) {
  const c = saved.calling;
  const hours = c.cooldownMinutes % 60 === 0 ? `${c.cooldownMinutes / 60} h` : `${c.cooldownMinutes} min`;
  return (
    <aside className="panel rules" data-testid="rules-in-words">
      <h3>What the desk will do</h3>
      <ul>
        <li>
          Start a session at <strong>{c.slots.map(formatClock).join(', ') || 'no time (no slots)'}</strong>,{' '}
          {c.timezone} time, while the scheduler runs.
        </li>
        <li>
          Call only <strong>Out For Delivery</strong> and <strong>Undelivered</strong> orders, new ones first,
          then retries.
        </li>
        <li>
          Wait <strong>{hours}</strong> before calling a phone again, counted from the start of the session
          that called it.
        </li>
        <li>
          Call an order at most <strong>{countOf(c.maxAttempts, 'time')}</strong>; never again once a call
          succeeds.
        </li>
        <li>
          Allow Run now between <strong>{formatClock(c.workingHours.start)}</strong> and{' '}
          <strong>{formatClock(c.workingHours.end)}</strong>.
        </li>
        <li>
          Ring up to <strong>{countOf(c.concurrency, 'customer')}</strong> at once,{' '}
          {!saved.vapi.keySet
            ? 'in the sandbox: nobody is really phoned.'
            : saved.vapi.check?.ok
              ? 'through VAPI (live).'
              : 'through VAPI once Check VAPI passes (until then nobody is phoned).'}
        </li>
      </ul>
    </aside>
  );
}

export function SettingsView() {
  const { data: saved, error } = useResource('settings');
  if (error) return <div className="panel error">Could not load settings: {error}</div>;
  if (!saved) return <div className="panel muted">Loading settings…</div>;
  return (
    <section className="view view-fill settings-layout">
      {/* A fresh form only when the saved values change (another console, the tray), not on every refetch. */}
      {/* Not on a new Check VAPI result either: that is shown in place, and what was typed stays. */}
      <SettingsForm key={JSON.stringify({ ...saved, vapi: { ...saved.vapi, check: null } })} saved={saved} />
      <RulesInWords saved={saved} />
    </section>
  );
}
