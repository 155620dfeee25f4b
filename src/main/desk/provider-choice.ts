/**
 * Which provider the desk dials: the real VAPI API when a key is configured, else the local fake VAPI
 * (sandbox mode) with plausible random outcomes. The choice is re-made at every session start, so saving a
 * key switches the next session to live without a restart.
 *
 * The key goes only to the origin it was saved for: when the base URL in force points elsewhere, no client
 * holding the key is built; the desk gets a provider that refuses every request with the reason, and
 * liveProblem() says it, so no session starts.
 */
import { DEFAULT_TIMINGS, type FakeTimings } from '../../dev/fake-vapi/calls';
import { startFakeVapi, type FakeVapi, type FakeVapiOptions } from '../../dev/fake-vapi/server';
import type { Clock } from '../clock';
import type { CallProvider } from '../engine/provider';
import type { DialingProvider } from '../engine/scheduler';
import { SecretOriginError, secretOriginRefusal } from '../secrets';
import type { CallProviderKind } from '../store';
import { VapiClient } from '../vapi';
import type { DeskSettings } from './desk-settings';

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
  ) {}

  get mode(): 'sandbox' | 'live' {
    return this.settings.vapiKey() ? 'live' : 'sandbox';
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
    const key = secret.value;
    const vapi = this.settings.vapi();
    const signature = JSON.stringify([key, vapi.assistantId, vapi.phoneNumberId, vapi.baseUrl]);
    if (this.live?.signature !== signature) {
      this.live = {
        signature,
        client: new VapiClient({
          baseUrl: vapi.baseUrl,
          apiKey: key,
          assistantId: vapi.assistantId,
          phoneNumberId: vapi.phoneNumberId,
          clock: this.clock,
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

  /** Why live calls cannot be placed (the key saved for another address, missing ids), or null. */
  liveProblem(): string | null {
    if (!this.settings.vapiKey()) return null;
    const refusal = this.originRefusal();
    if (refusal) return refusal;
    const vapi = this.settings.vapi();
    if (!vapi.assistantId) return 'VAPI assistant id is missing — open Settings';
    if (!vapi.phoneNumberId) return 'VAPI phone number id is missing — open Settings';
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
