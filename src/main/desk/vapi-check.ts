/**
 * Check VAPI: asks VAPI about the saved key, assistant and phone number before the desk dials live, and keeps
 * the answer with exactly what was checked. A check counts only while the key, the assistant id, the phone
 * number id and the address are the ones it checked; change any and it is void (the desk is "Live —
 * incomplete" again until checked anew). Also keeps the account's concurrency as VAPI last said it: VAPI's
 * API has no endpoint that reads it (its OpenAPI document lists no org or subscription route; the `Org` and
 * `Subscription` schemas are not returned by any path), so the figure is the `subscriptionLimits` VAPI sends
 * back on `POST /call`.
 */
import { createHash } from 'node:crypto';
import type { VapiCheckItem, VapiCheckView } from '../../shared/desk-types';
import { whenWords } from '../domain/forecast';
import { normalisedAddress } from '../secrets';
import type { Store } from '../store';
import { isVapiError, type VapiClient, type VapiSubscriptionLimits } from '../vapi';
import type { VapiSettings } from './desk-settings';

const CHECK_KEY = 'vapiCheck';
const LIMITS_KEY = 'vapiLimitsSeen';

/** What a check is valid for: the key (hashed, never stored), the ids and the address. */
export function checkSignature(key: string, vapi: VapiSettings): string {
  const hash = createHash('sha256').update(key).digest('hex');
  return JSON.stringify([
    hash,
    vapi.assistantId.trim(),
    vapi.phoneNumberId.trim(),
    normalisedAddress(vapi.baseUrl),
  ]);
}

interface StoredCheck {
  signature: string;
  view: VapiCheckView;
}

export interface LimitsSeen {
  concurrencyLimit: number;
  at: number;
}

/** The stored check and the concurrency VAPI last reported, in the settings table. */
export class VapiCheckBook {
  private limits: LimitsSeen | null | undefined;

  constructor(private readonly store: Store) {}

  /** The last check, if it was of exactly these settings. */
  current(signature: string): VapiCheckView | null {
    const stored = this.store.settings.getJson<StoredCheck>(CHECK_KEY);
    return stored?.signature === signature ? stored.view : null;
  }

  save(signature: string, view: VapiCheckView): void {
    this.store.settings.setJson(CHECK_KEY, { signature, view } satisfies StoredCheck);
  }

  limitsSeen(): LimitsSeen | null {
    this.limits ??= this.store.settings.getJson<LimitsSeen>(LIMITS_KEY) ?? null;
    return this.limits;
  }

  /** Told by the live client on every create; written only when the figure changes. */
  recordLimits(limits: VapiSubscriptionLimits, at: number): void {
    if (limits.concurrencyLimit === undefined) return;
    if (this.limitsSeen()?.concurrencyLimit === limits.concurrencyLimit) return;
    this.limits = { concurrencyLimit: limits.concurrencyLimit, at };
    try {
      this.store.settings.setJson(LIMITS_KEY, this.limits);
    } catch {
      // A figure for the console only: the next call says it again.
    }
  }
}

export interface CheckInput {
  client: VapiClient;
  vapi: VapiSettings;
  keyHint: string;
  /** The desk's "calls at once". */
  concurrency: number;
  limits: LimitsSeen | null;
  now: number;
  timezone: string;
}

function failureWords(error: unknown): { auth: boolean; words: string } {
  if (isVapiError(error)) return { auth: error.kind === 'auth', words: error.message };
  return { auth: false, words: error instanceof Error ? error.message : String(error) };
}

/** A read that failed: VAPI does not know the id, refused the key (then the id was not checked), or else. */
function readFailure(
  what: VapiCheckItem['what'],
  words: string,
  error: unknown,
  unknownId: () => string,
): VapiCheckItem {
  if (isVapiError(error) && error.kind === 'not-found') return { what, ok: false, detail: unknownId() };
  if (isVapiError(error) && error.kind === 'auth') {
    return { what, ok: null, detail: 'Not checked: VAPI refused the key' };
  }
  return { what, ok: false, detail: words };
}

/** Asks VAPI about each piece; never throws (a failure is an item that says what VAPI answered). */
export async function runVapiCheck(input: CheckInput): Promise<VapiCheckView> {
  const { client, vapi } = input;
  let keyRejected: string | null = null;
  let keyAccepted = false;
  const note = (error: unknown): string => {
    const { auth, words } = failureWords(error);
    if (auth) keyRejected = words;
    else if (isVapiError(error) && error.kind === 'not-found') keyAccepted = true;
    return words;
  };

  let assistant: VapiCheckItem;
  const assistantId = vapi.assistantId.trim();
  if (!assistantId) {
    assistant = {
      what: 'assistant',
      ok: true,
      detail:
        'No assistant id: every call carries the shipped delivery-confirmation assistant (Hindi / English)',
    };
  } else {
    try {
      const found = await client.getAssistant(assistantId);
      keyAccepted = true;
      assistant = { what: 'assistant', ok: true, detail: `${found.name ?? 'Assistant'} (${found.id})` };
    } catch (error) {
      assistant = readFailure(
        'assistant',
        note(error),
        error,
        () => `VAPI has no assistant ${assistantId}: check the id, or create the assistant`,
      );
    }
  }

  let phoneNumber: VapiCheckItem;
  const phoneNumberId = vapi.phoneNumberId.trim();
  if (!phoneNumberId) {
    phoneNumber = {
      what: 'phoneNumber',
      ok: false,
      detail: 'No phone number id: enter the id of a VAPI number',
    };
  } else {
    try {
      const found = await client.getPhoneNumber(phoneNumberId);
      keyAccepted = true;
      const status = found.status ?? 'active';
      const label = found.number ?? found.name ?? found.id;
      phoneNumber =
        status === 'active'
          ? { what: 'phoneNumber', ok: true, detail: `${label} (${found.provider ?? 'VAPI'}, active)` }
          : {
              what: 'phoneNumber',
              ok: false,
              detail: `${label} is ${status} at VAPI: calls cannot go out from it`,
            };
    } catch (error) {
      phoneNumber = readFailure(
        'phoneNumber',
        note(error),
        error,
        () => `VAPI has no phone number ${phoneNumberId}: check the id`,
      );
    }
  }

  if (!keyAccepted && keyRejected === null) {
    // Nothing above reached VAPI with the key: ask for one call so the key itself is tried.
    try {
      await client.listCalls({ limit: 1 });
      keyAccepted = true;
    } catch (error) {
      const words = note(error);
      if (keyRejected === null) keyRejected = words;
    }
  }
  const key: VapiCheckItem =
    keyRejected !== null
      ? { what: 'key', ok: false, detail: keyRejected }
      : { what: 'key', ok: true, detail: `VAPI accepted the key ${input.keyHint}` };

  const concurrency = concurrencyItem(input);
  const items = [key, assistant, phoneNumber, concurrency];
  return {
    at: input.now,
    ok: key.ok === true && assistant.ok === true && phoneNumber.ok === true,
    items,
    checked: {
      keyHint: input.keyHint,
      assistantId,
      phoneNumberId,
      baseUrl: vapi.baseUrl,
    },
  };
}

function concurrencyItem(input: CheckInput): VapiCheckItem {
  const { limits, concurrency } = input;
  if (!limits) {
    return {
      what: 'concurrency',
      ok: null,
      detail:
        'Not known yet: VAPI tells the account’s limit only when it places a call (accounts start with 10 lines)',
    };
  }
  const seen = `VAPI allows ${limits.concurrencyLimit} calls at once (as of ${whenWords(limits.at, input.now, input.timezone)})`;
  if (concurrency > limits.concurrencyLimit) {
    return {
      what: 'concurrency',
      ok: null,
      detail: `${seen}; "Calls at once" is ${concurrency}, so the rest wait for a free line`,
    };
  }
  return { what: 'concurrency', ok: true, detail: seen };
}
