/**
 * The desk's settings as stored (calling rules, VAPI ids, order source, shell preferences), their defaults,
 * the write-only secrets beside them, and the checks a save must pass beyond the contract's schema (a real
 * time zone, working hours that start before they end), each failure naming its field.
 */
import { DeskArgumentError, type SettingsUpdate } from '../../shared/contract';
import type { SettingsView } from '../../shared/desk-types';
import { isValidTimezone, parseHhMm } from '../domain/local-time';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../domain/settings';
import type { SecretStore } from '../secrets/secret-store';
import type { Store } from '../store';

export const SECRET_VAPI_KEY = 'vapi.apiKey';
export const SECRET_ORDER_SOURCE = 'orderSource.credentials';

export type VapiSettings = Omit<SettingsView['vapi'], 'keySet' | 'keyHint'>;
export type OrderSourceSettings = Omit<SettingsView['orderSource'], 'credentialsSet'>;
export type ShellSettings = SettingsView['shell'];

const DEFAULT_VAPI: VapiSettings = { assistantId: '', phoneNumberId: '', baseUrl: 'https://api.vapi.ai' };
const DEFAULT_ORDER_SOURCE: OrderSourceSettings = { kind: 'none', baseUrl: '', syncBeforeSessions: true };
const DEFAULT_SHELL: ShellSettings = {
  keepRunningInTray: true,
  launchAtLogin: false,
  catchUpGraceMinutes: 30,
};

export class DeskSettings {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
  ) {}

  calling(): CallingSettings {
    return {
      ...DEFAULT_CALLING_SETTINGS,
      ...this.store.settings.getJson<Partial<CallingSettings>>('calling'),
    };
  }

  vapi(): VapiSettings {
    return { ...DEFAULT_VAPI, ...this.store.settings.getJson<Partial<VapiSettings>>('vapi') };
  }

  orderSource(): OrderSourceSettings {
    return {
      ...DEFAULT_ORDER_SOURCE,
      ...this.store.settings.getJson<Partial<OrderSourceSettings>>('orderSource'),
    };
  }

  shell(): ShellSettings {
    return { ...DEFAULT_SHELL, ...this.store.settings.getJson<Partial<ShellSettings>>('shell') };
  }

  vapiKey(): string | null {
    return this.secrets.get(SECRET_VAPI_KEY);
  }

  orderSourceCredentials(): string | null {
    return this.secrets.get(SECRET_ORDER_SOURCE);
  }

  schedulerWanted(): boolean {
    return this.store.settings.getJson<boolean>('schedulerRunning') ?? true;
  }

  setSchedulerWanted(running: boolean): void {
    this.store.settings.setJson('schedulerRunning', running);
  }

  view(): SettingsView {
    const key = this.vapiKey();
    return {
      calling: this.calling(),
      vapi: { ...this.vapi(), keySet: key !== null, keyHint: key ? `…${key.slice(-4)}` : null },
      orderSource: { ...this.orderSource(), credentialsSet: this.orderSourceCredentials() !== null },
      shell: this.shell(),
    };
  }

  /** Applies a validated update; throws DeskArgumentError naming the field when a value does not make sense. */
  save(update: SettingsUpdate): SettingsView {
    // Every check before the first write: a refused update changes nothing.
    const calling = update.calling ? { ...this.calling(), ...update.calling } : null;
    if (calling) checkCalling(calling);
    const credentials = update.orderSource?.credentials;
    if (credentials !== undefined && credentials.trim() !== '')
      checkJson(credentials, 'orderSource.credentials');
    if (calling) this.store.settings.setJson('calling', calling);
    if (update.vapi) {
      const { apiKey, ...rest } = update.vapi;
      if (apiKey !== undefined)
        this.secrets.set(SECRET_VAPI_KEY, apiKey.trim() === '' ? null : apiKey.trim());
      this.store.settings.setJson('vapi', { ...this.vapi(), ...rest });
    }
    if (update.orderSource) {
      const { credentials, ...rest } = update.orderSource;
      if (credentials !== undefined) {
        this.secrets.set(SECRET_ORDER_SOURCE, credentials.trim() === '' ? null : credentials);
      }
      this.store.settings.setJson('orderSource', { ...this.orderSource(), ...rest });
    }
    if (update.shell) this.store.settings.setJson('shell', { ...this.shell(), ...update.shell });
    return this.view();
  }
}

function checkJson(text: string, field: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new DeskArgumentError(`${field}: must be JSON, e.g. {"accessToken":"…","secretKey":"…"}`, field);
  }
}

function checkCalling(calling: CallingSettings): void {
  if (!isValidTimezone(calling.timezone)) {
    throw new DeskArgumentError(
      `calling.timezone: "${calling.timezone}" is not a time zone (e.g. Asia/Kolkata)`,
      'calling.timezone',
    );
  }
  const start = parseHhMm(calling.workingHours.start)!;
  const end = parseHhMm(calling.workingHours.end)!;
  if (start >= end) {
    throw new DeskArgumentError(
      'calling.workingHours: working hours must start before they end',
      'calling.workingHours',
    );
  }
  if (new Set(calling.slots).size !== calling.slots.length) {
    throw new DeskArgumentError('calling.slots: a slot is listed twice', 'calling.slots');
  }
  const outside = calling.slots.find((slot) => {
    const minutes = parseHhMm(slot)!;
    return minutes < start || minutes >= end;
  });
  if (outside) {
    throw new DeskArgumentError(
      `calling.slots: ${outside} is outside working hours (${calling.workingHours.start}–${calling.workingHours.end})`,
      'calling.slots',
    );
  }
  calling.slots = [...calling.slots].sort();
}
