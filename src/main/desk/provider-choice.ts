/**
 * Which provider the desk dials: the real VAPI API when a key is configured, else the local fake VAPI
 * (sandbox mode) with plausible random outcomes. The choice is re-made at every session start, so saving a
 * key switches the next session to live without a restart.
 *
 * The key goes only to the origin it was saved for: when the base URL in force points elsewhere, no client
 * holding the key is built; the desk gets a provider that refuses every request with the reason, and
 * liveProblem() says it, so no session starts.
 *
 * Live — incomplete: with a key but no phone number id, or without a passing Check VAPI of exactly the saved
 * key, ids and address, the desk dials nobody (liveProblem() says what is missing). Without an assistant id,
 * every call carries the shipped assistant (resources/assistant/) as VAPI's transient `assistant`.
 */
import { DEFAULT_TIMINGS, type FakeTimings } from '../../dev/fake-vapi/calls';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../dev/fake-vapi/server';
import shippedAssistant from '../../../resources/assistant/delivery-confirmation.assistant.json';
import type { Clock } from '../clock';
import type { CallProvider } from '../engine/provider';
import type { DialingProvider } from '../engine/scheduler';
import { SecretOriginError, secretOriginRefusal } from '../secrets';
import type { CallProviderKind } from '../store';
import { VapiClient } from '../vapi';
import type { VapiCheckItem } from '../../shared/desk-types';
import type { DeskSettings } from './desk-settings';
import { checkSignature, type VapiCheckBook } from './vapi-check';

/** How a failed Check VAPI item is named in the run-now reason. */
const CHECKED: Record<VapiCheckItem['what'], string> = {
  key: 'the key',
  assistant: 'the assistant',
  phoneNumber: 'the phone number',
  concurrency: 'the concurrency',
};

/** The shipped assistant, as VAPI's `CreateAssistantDTO` (POST /assistant, or a call's transient `assistant`). */
export const SHIPPED_ASSISTANT: Record<string, unknown> = shippedAssistant;

export interface SandboxOptions {
  callSeconds?: number;
  /** Scripted outcomes per number (E.164); unscripted numbers get random plausible outcomes. */
  outcomes?: FakeVapiOptions['outcomes'];
  random?: () => number;
}

const SANDBOX_KEY = 'sandbox-key';
const SANDBOX_PHONE_NUMBER_ID = 'sandbox-phone-number';
const DEFAULT_CALL_SECONDS = 45;

/** Shorter sandbox calls (demos, browser tests) shorten ringing, busy and voicemail alike. */
function scaledTimings(scale: number): FakeTimings {
  const factor = Math.min(1, scale);
  const scaled = Object.entries(DEFAULT_TIMINGS).map(([name, seconds]) => [name, seconds * factor]);
  return Object.fromEntries(scaled) as unknown as FakeTimings;
}

export class ProviderChoice {
  private sandbox: FakeVapi | null = null;
  private sandboxClient: VapiClient | null = null;
  private live: { client: VapiClient; signature: string } | null = null;

  constructor(
    private readonly settings: DeskSettings,
    private readonly clock: Clock,
    private readonly sandboxOptions: SandboxOptions = {},
    private readonly checks: VapiCheckBook | null = null,
  ) {}

  /** Which provider calls go to (and are recorded as made by). */
  get mode(): 'sandbox' | 'live' {
    return this.settings.vapiKey() ? 'live' : 'sandbox';
  }

  /** What the header shows: sandbox, live, or live but not dialling until something is done. */
  deskMode(): 'sandbox' | 'live' | 'live-incomplete' {
    if (this.mode === 'sandbox') return 'sandbox';
    return this.liveProblem() === null ? 'live' : 'live-incomplete';
  }

  /** In live mode, what is missing before the desk dials: "phone number id", "Check VAPI", ... */
  liveMissing(): string[] {
    const secret = this.settings.vapiSecret();
    if (!secret) return [];
    if (this.originRefusal()) return ['the VAPI key for this address'];
    const missing: string[] = [];
    if (!this.settings.vapi().phoneNumberId.trim()) missing.push('phone number id');
    const check = this.lastCheck();
    if (!check) missing.push('Check VAPI');
    else if (!check.ok) missing.push('a passing Check VAPI');
    return missing;
  }

  /** The last Check VAPI of exactly the saved key, ids and address; null when none. */
  lastCheck() {
    const key = this.settings.vapiKey();
    if (!key || !this.checks) return null;
    return this.checks.current(checkSignature(key, this.settings.vapi()));
  }

  /** A client holding the key for the address in force (Check VAPI, creating the assistant), or why not. */
  liveClient(): VapiClient | string {
    if (!this.settings.vapiSecret())
      return 'Enter the VAPI key first: without it the desk is in sandbox mode';
    const refusal = this.originRefusal();
    if (refusal) return refusal;
    return this.liveVapiClient();
  }

  async start(): Promise<void> {
    const callSeconds = this.sandboxOptions.callSeconds ?? DEFAULT_CALL_SECONDS;
    this.sandbox = await startFakeVapi({
      clock: this.clock,
      apiKey: SANDBOX_KEY,
      callSeconds,
      timings: scaledTimings(callSeconds / DEFAULT_CALL_SECONDS),
      outcomes: this.sandboxOptions.outcomes,
      randomOutcomes: true,
      random: this.sandboxOptions.random,
    });
    this.sandboxClient = new VapiClient({
      baseUrl: this.sandbox.url,
      apiKey: SANDBOX_KEY,
      assistantId: 'sandbox-assistant',
      phoneNumberId: SANDBOX_PHONE_NUMBER_ID,
      clock: this.clock,
    });
  }

  current(): CallProvider & { inFlight: number } {
    const secret = this.settings.vapiSecret();
    if (!secret) {
      if (!this.sandboxClient) throw new Error('sandbox provider not started');
      return this.sandboxClient;
    }
    const refusal = this.originRefusal();
    if (refusal) return refusingProvider(refusal);
    return this.liveVapiClient();
  }

  private liveVapiClient(): VapiClient {
    const key = this.settings.vapiKey()!;
    const vapi = this.settings.vapi();
    const signature = JSON.stringify([key, vapi.assistantId, vapi.phoneNumberId, vapi.baseUrl]);
    if (this.live?.signature !== signature) {
      this.live = {
        signature,
        client: new VapiClient({
          baseUrl: vapi.baseUrl,
          apiKey: key,
          assistantId: vapi.assistantId,
          assistant: SHIPPED_ASSISTANT,
          phoneNumberId: vapi.phoneNumberId,
          clock: this.clock,
          onSubscriptionLimits: (limits) => this.checks?.recordLimits(limits, this.clock.now()),
        }),
      };
    }
    return this.live.client;
  }

  /** What a new session dials with; throws the operator's words when live calls cannot be placed. */
  dialing(): DialingProvider {
    const problem = this.liveProblem();
    if (problem) throw new Error(problem);
    const kind = this.mode;
    return {
      provider: this.current(),
      kind,
      phoneNumberId: kind === 'sandbox' ? SANDBOX_PHONE_NUMBER_ID : this.settings.vapi().phoneNumberId,
    };
  }

  /** The provider to ask about a call placed by `kind`, or why it cannot be asked now. */
  forCallsOf(kind: CallProviderKind | null): CallProvider | string {
    if (kind === null || kind === this.mode) return this.current();
    return kind === 'live'
      ? 'the VAPI key was removed, so this live call cannot be checked until it is entered again'
      : 'a sandbox call cannot be checked in live mode';
  }

  /**
   * Why live calls cannot be placed (the key saved for another address, no phone number id, VAPI not
   * checked or the check failed), or null. No assistant id is not a problem: the shipped one is sent.
   */
  liveProblem(): string | null {
    if (!this.settings.vapiKey()) return null;
    const refusal = this.originRefusal();
    if (refusal) return refusal;
    const vapi = this.settings.vapi();
    if (!vapi.phoneNumberId.trim()) return 'VAPI phone number id is missing — open Settings';
    if (!this.checks) return null;
    const check = this.lastCheck();
    if (!check) return 'VAPI is not checked yet — open Settings and press Check VAPI';
    if (!check.ok) {
      const failed = check.items.filter((item) => item.ok === false).map((item) => CHECKED[item.what]);
      return `Check VAPI failed (${failed.join(', ') || 'see Settings'}) — open Settings`;
    }
    return null;
  }

  private originRefusal(): string | null {
    const secret = this.settings.vapiSecret();
    if (!secret) return null;
    return secretOriginRefusal(secret, this.settings.vapi().baseUrl, 'the VAPI key', 'Settings → VAPI');
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
    this.sandbox = null;
  }
}

/** A provider that sends nothing: every request fails with why the key may not go to the address in force. */
function refusingProvider(reason: string): CallProvider & { inFlight: number } {
  return {
    inFlight: 0,
    createCall: () => Promise.reject(new SecretOriginError(reason)),
    getCall: () => Promise.reject(new SecretOriginError(reason)),
    listCalls: () => Promise.reject(new SecretOriginError(reason)),
  };
}
