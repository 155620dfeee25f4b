/**
 * What the dialer needs from the voice provider: place a call, read it back. The VAPI client implements it;
 * keeping the dialer on this narrow port lets it run against the real API, the fake VAPI, or a test double.
 */
import type { CreateCallOptions, CreateCallRequest, VapiCall } from '../vapi/types';

export interface CallProvider {
  createCall(request: CreateCallRequest, options?: CreateCallOptions): Promise<VapiCall>;
  getCall(id: string): Promise<VapiCall>;
}

/** The provider error facts the dialer acts on (VapiError carries them). */
export interface ProviderErrorFacts {
  kind: string;
  retryable: boolean;
  mayHaveDialled: boolean;
  message: string;
}

export function providerErrorFacts(error: unknown): ProviderErrorFacts {
  if (error && typeof error === 'object' && 'kind' in error) {
    const facts = error as Partial<ProviderErrorFacts>;
    return {
      kind: String(facts.kind),
      retryable: Boolean(facts.retryable),
      mayHaveDialled: Boolean(facts.mayHaveDialled),
      message: typeof facts.message === 'string' ? facts.message : String(error),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', retryable: false, mayHaveDialled: false, message };
}
