/**
 * What the dialer needs from the voice provider: place a call, read one back, list recent ones (to follow
 * many calls with one request, and to find a call whose create got no usable answer). The VAPI client
 * implements it; keeping the dialer on this narrow port lets it run against the real API, the fake VAPI, or a
 * test double.
 */
import type { CreateCallOptions, CreateCallRequest, ListCallsQuery, VapiCall } from '../vapi/types';

export interface CallProvider {
  createCall(request: CreateCallRequest, options?: CreateCallOptions): Promise<VapiCall>;
  getCall(id: string): Promise<VapiCall>;
  listCalls(query?: ListCallsQuery): Promise<VapiCall[]>;
}

/** The provider error facts the dialer acts on (VapiError carries them). */
export interface ProviderErrorFacts {
  kind: string;
  /** A passing fault: the same request may succeed later. */
  retryable: boolean;
  /** A create that may have placed the call although no usable answer came back. */
  mayHaveDialled: boolean;
  /** Every call would be refused alike (key, credits, subscription, assistant, phone number). */
  stopsCalling: boolean;
  /** How long the provider asked us to wait, when it said. */
  retryAfterMs: number | null;
  status: number | null;
  message: string;
  /** The technical words for the log. */
  detail: string;
}

export function providerErrorFacts(error: unknown): ProviderErrorFacts {
  if (error && typeof error === 'object' && 'kind' in error) {
    const facts = error as Partial<ProviderErrorFacts> & { retryAfterMs?: number; status?: number };
    const message = typeof facts.message === 'string' ? facts.message : String(error);
    return {
      kind: String(facts.kind),
      retryable: Boolean(facts.retryable),
      mayHaveDialled: Boolean(facts.mayHaveDialled),
      stopsCalling: Boolean(facts.stopsCalling),
      retryAfterMs: typeof facts.retryAfterMs === 'number' ? facts.retryAfterMs : null,
      status: typeof facts.status === 'number' ? facts.status : null,
      message,
      detail: typeof facts.detail === 'string' ? facts.detail : message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'unexpected',
    retryable: false,
    mayHaveDialled: false,
    stopsCalling: false,
    retryAfterMs: null,
    status: null,
    message,
    detail: message,
  };
}
