/**
 * Scriptable API failures for the fake VAPI: an error status (429, 500, ...), a request that never gets an
 * answer, a broken JSON body, or a connection reset; limited by count and by a window on the fake's clock.
 */

export type FakeEndpoint = 'createCall' | 'getCall' | 'listCalls';

export interface FaultSpec {
  endpoint: FakeEndpoint;
  /** Answer with this HTTP status and a VAPI-style error body. */
  status?: number;
  /** 'timeout' never answers; 'malformed' answers 200 with broken JSON; 'reset' destroys the socket. */
  kind?: 'timeout' | 'malformed' | 'reset';
  /** How many requests it hits; unlimited when omitted. */
  times?: number;
  /** Window on the fake's clock (epoch ms, `from` inclusive, `to` exclusive). */
  from?: number;
  to?: number;
  /** Sent as Retry-After with a status fault. */
  retryAfterSeconds?: number;
  /**
   * createCall only: whether the call is really placed although the client gets no proper answer. Defaults
   * to true for timeout / malformed / reset (VAPI may have dialled: the case a careful client must expect)
   * and to false for status faults (VAPI refused before dialling).
   */
  dialled?: boolean;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultBook {
  private readonly faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    if (spec.status === undefined && spec.kind === undefined) {
      throw new Error('A fault needs a status or a kind');
    }
    this.faults.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault that applies to this request, used up by one. */
  take(endpoint: FakeEndpoint, now: number): FaultSpec | null {
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.endpoint !== endpoint || fault.remaining <= 0) continue;
      if (spec.from !== undefined && now < spec.from) continue;
      if (spec.to !== undefined && now >= spec.to) continue;
      fault.remaining -= 1;
      return spec;
    }
    return null;
  }
}

export function faultDialled(spec: FaultSpec): boolean {
  return spec.dialled ?? spec.kind !== undefined;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The body VAPI's NestJS stack sends with an error status. */
export function faultBody(status: number): { message: string; error: string; statusCode: number } {
  const text = STATUS_TEXT[status] ?? 'Error';
  return { message: status === 500 ? 'Internal server error' : text, error: text, statusCode: status };
}
