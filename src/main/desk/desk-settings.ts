/**
 * The desk's settings as stored (calling rules, VAPI ids, order source, shell preferences, backups, what
 * answers lead to and how long calls are kept), their defaults, and the write-only secrets beside them. A
 * save is checked whole (settings-checks.ts) before anything is written.
 *
 * Each secret is stored bound to the origins of the address it was saved for. Changing that address (VAPI's
 * base URL; the order source's kind or URL) without entering the secret again in the same save removes the
 * secret, and the settings view says it must be entered again: a secret never follows a changed address.
 */
import type { SettingsUpdate } from '../../shared/contract';
import type { SettingsView } from '../../shared/desk-types';
import { DEFAULT_CALLING_SETTINGS, type CallingSettings } from '../domain/settings';
import { ITHINK_ORDERS_URL, ITHINK_TRACK_URL } from '../intake/sync/ithink';
import {
  decodeBoundSecret,
  encodeBoundSecret,
  normalisedAddress,
  originOf,
  redactableValues,
  type BoundSecret,
  type SecretStore,
} from '../secrets';
import type { Store } from '../store';
import { checkCalling, checkOrderSource, checkVapiAddress } from './settings-checks';

export const SECRET_VAPI_KEY = 'vapi.apiKey';
export const SECRET_ORDER_SOURCE = 'orderSource.credentials';

export type VapiSettings = Omit<SettingsView['vapi'], 'keySet' | 'keyHint' | 'keyNotice'>;
export type OrderSourceSettings = Omit<SettingsView['orderSource'], 'credentialsSet' | 'credentialsNotice'>;
export type ShellSettings = SettingsView['shell'];

const DEFAULT_VAPI: VapiSettings = { assistantId: '', phoneNumberId: '', baseUrl: 'https://api.vapi.ai' };
const DEFAULT_ORDER_SOURCE: OrderSourceSettings = { kind: 'none', baseUrl: '', syncBeforeSessions: true };
const DEFAULT_SHELL: ShellSettings = {
  keepRunningInTray: true,
  launchAtLogin: false,
  catchUpGraceMinutes: 30,
};
const DEFAULT_BACKUPS: SettingsView['backups'] = { keep: 7 };
export type AnswersSettings = SettingsView['answers'];
/**
 * Call history is kept half a year (long enough for a courier's disputes and a season's comparisons); VAPI
 * bills in dollars and the console shows rupees at 88 per dollar (roughly the rate at the end of 2025) until
 * the operator sets the rate their accounts use.
 */
export const DEFAULT_ANSWERS: AnswersSettings = { autoWriteback: false, keepCallsDays: 180, usdToInr: 88 };

/** The answers group as stored, over its defaults (also read by the CLI, which has no DeskSettings). */
export function answersSettingsOf(store: Store): AnswersSettings {
  return { ...DEFAULT_ANSWERS, ...store.settings.getJson<Partial<AnswersSettings>>('answers') };
}

/** Why a secret was removed, shown beside its field until a new one is entered. */
interface SecretNotices {
  vapi?: string;
  orderSource?: string;
}

/** The origins the order source's credentials may go to: iThink's two production hosts, or the one URL. */
export function orderSourceOrigins(source: OrderSourceSettings): string[] {
  if (source.kind === 'none') return [];
  const configured = originOf(source.baseUrl);
  if (source.kind === 'ithink' && source.baseUrl.trim() === '') {
    return [originOf(ITHINK_ORDERS_URL)!, originOf(ITHINK_TRACK_URL)!];
  }
  return configured ? [configured] : [];
}

function vapiOrigins(vapi: VapiSettings): string[] {
  const origin = originOf(vapi.baseUrl);
  return origin ? [origin] : [];
}

export class DeskSettings {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
  ) {
    this.pinUnboundSecrets();
  }

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

  backups(): SettingsView['backups'] {
    return {
      ...DEFAULT_BACKUPS,
      ...this.store.settings.getJson<Partial<SettingsView['backups']>>('backups'),
    };
  }

  answers(): AnswersSettings {
    return answersSettingsOf(this.store);
  }

  vapiKey(): string | null {
    return this.vapiSecret()?.value ?? null;
  }

  /** The VAPI key with the origins it may be sent to. */
  vapiSecret(): BoundSecret | null {
    return this.boundSecret(SECRET_VAPI_KEY, () => vapiOrigins(this.vapi()));
  }

  orderSourceCredentials(): string | null {
    return this.orderSourceSecret()?.value ?? null;
  }

  /** The order-source credentials JSON with the origins it may be sent to. */
  orderSourceSecret(): BoundSecret | null {
    return this.boundSecret(SECRET_ORDER_SOURCE, () => orderSourceOrigins(this.orderSource()));
  }

  /**
   * Every stored secret and every string inside one (the order source's credentials are JSON), to blank out
   * of what the desk shows and logs: a source that refuses a request may quote the request back.
   */
  secretValues(): string[] {
    return [SECRET_VAPI_KEY, SECRET_ORDER_SOURCE].flatMap((name) => {
      const stored = this.secrets.get(name);
      return stored === null ? [] : redactableValues(stored);
    });
  }

  private boundSecret(name: string, current: () => string[]): BoundSecret | null {
    const stored = this.secrets.get(name);
    if (stored === null) return null;
    const secret = decodeBoundSecret(stored);
    // Saved before secrets were bound: it belongs to the address in force (pinned at start, see below).
    return secret.origins === null ? { value: secret.value, origins: current() } : secret;
  }

  /**
   * Binds secrets saved by earlier versions to the address in force now, once, so that an address changed
   * later outside Settings (a restored backup, an edited database) cannot take them along.
   */
  private pinUnboundSecrets(): void {
    const pins: [string, () => string[]][] = [
      [SECRET_VAPI_KEY, () => vapiOrigins(this.vapi())],
      [SECRET_ORDER_SOURCE, () => orderSourceOrigins(this.orderSource())],
    ];
    for (const [name, origins] of pins) {
      const stored = this.secrets.get(name);
      if (stored === null || decodeBoundSecret(stored).origins !== null) continue;
      try {
        this.secrets.set(name, encodeBoundSecret(stored, origins()));
      } catch {
        // The store cannot write now (no keyring): it stays bound to the address in force when read.
      }
    }
  }

  private notices(): SecretNotices {
    return this.store.settings.getJson<SecretNotices>('secretNotices') ?? {};
  }

  private setNotice(which: keyof SecretNotices, notice: string | undefined): void {
    const notices = { ...this.notices(), [which]: notice };
    if (notice === undefined) delete notices[which];
    this.store.settings.setJson('secretNotices', notices);
  }

  schedulerWanted(): boolean {
    return this.store.settings.getJson<boolean>('schedulerRunning') ?? true;
  }

  setSchedulerWanted(running: boolean): void {
    this.store.settings.setJson('schedulerRunning', running);
  }

  view(): SettingsView {
    const key = this.vapiKey();
    const notices = this.notices();
    return {
      calling: this.calling(),
      vapi: {
        ...this.vapi(),
        keySet: key !== null,
        keyHint: key ? `…${key.slice(-4)}` : null,
        keyNotice: notices.vapi ?? null,
      },
      orderSource: {
        ...this.orderSource(),
        credentialsSet: this.orderSourceCredentials() !== null,
        credentialsNotice: notices.orderSource ?? null,
      },
      shell: this.shell(),
      backups: this.backups(),
      answers: this.answers(),
    };
  }

  private saveSecret(change: SecretChange): void {
    if (change.given !== undefined) {
      this.secrets.set(
        change.name,
        change.given === '' ? null : encodeBoundSecret(change.given, change.origins),
      );
      this.setNotice(change.notice, undefined);
    } else if (change.removedBecause !== null && this.secrets.get(change.name) !== null) {
      this.secrets.set(change.name, null);
      this.setNotice(change.notice, change.removedBecause);
    }
  }

  /** Applies a validated update; throws DeskArgumentError naming the field when a value does not make sense. */
  save(update: SettingsUpdate): SettingsView {
    // Every check before any write: a refused save changes nothing.
    if (update.vapi?.baseUrl !== undefined) checkVapiAddress(update.vapi.baseUrl);
    if (update.orderSource) checkOrderSource(update.orderSource);
    if (update.calling) {
      const calling = { ...this.calling(), ...update.calling };
      checkCalling(calling);
      this.store.settings.setJson('calling', calling);
    }
    if (update.vapi) {
      const { apiKey, ...rest } = update.vapi;
      const before = this.vapi();
      const after = { ...before, ...rest };
      const moved = normalisedAddress(before.baseUrl) !== normalisedAddress(after.baseUrl);
      this.saveSecret({
        name: SECRET_VAPI_KEY,
        notice: 'vapi',
        given: apiKey?.trim(),
        origins: vapiOrigins(after),
        removedBecause: moved
          ? `The VAPI key was removed because the API address changed to ${after.baseUrl}: enter the key again`
          : null,
      });
      this.store.settings.setJson('vapi', after);
    }
    if (update.orderSource) {
      const { credentials, ...rest } = update.orderSource;
      const before = this.orderSource();
      const after = { ...before, ...rest };
      const moved =
        before.kind !== after.kind || normalisedAddress(before.baseUrl) !== normalisedAddress(after.baseUrl);
      this.saveSecret({
        name: SECRET_ORDER_SOURCE,
        notice: 'orderSource',
        given: credentials === undefined ? undefined : credentials.trim() === '' ? '' : credentials,
        origins: orderSourceOrigins(after),
        removedBecause: moved
          ? `The order-source credentials were removed because the source changed (${after.kind}${after.baseUrl ? `, ${after.baseUrl}` : ''}): enter them again`
          : null,
      });
      this.store.settings.setJson('orderSource', after);
    }
    if (update.shell) this.store.settings.setJson('shell', { ...this.shell(), ...update.shell });
    if (update.backups) this.store.settings.setJson('backups', { ...this.backups(), ...update.backups });
    if (update.answers) this.store.settings.setJson('answers', { ...this.answers(), ...update.answers });
    return this.view();
  }
}

/**
 * A secret saved with the settings it belongs to: a new one (bound to the new address), an explicit removal
 * (''), or — when the address moved and no secret was given — the old one removed, with the reason kept for
 * the settings view. The secret changes before the address is written: a failure in between leaves a secret
 * that refuses the unchanged address, never an old secret on a new address.
 */
interface SecretChange {
  name: string;
  notice: keyof SecretNotices;
  /** undefined: not in this save; '': remove; else the new secret. */
  given: string | undefined;
  origins: string[];
  removedBecause: string | null;
}
