/**
 * How much the headless host takes: the largest request per method (imports carry a whole file, everything
 * else a few fields) and how many requests one WebSocket connection — or the HTTP API as a whole — may make
 * per second. The defaults leave the console (a burst of view loads on start, then about one poll a second)
 * far below the limits; a runaway script or a flood meets a clear error instead of a stalled desk.
 */
import { MAX_IMPORT_FILE_MB, importRequestBytes } from '../../shared/contract';

export interface HostLimits {
  /** Largest HTTP body or WebSocket message for previewCsv and importCsv, in bytes. */
  importRequestBytes: number;
  /** Largest HTTP body or WebSocket message for every other method, in bytes. */
  requestBytes: number;
  /** Requests allowed per second, sustained… */
  requestsPerSecond: number;
  /** …and at once after a quiet spell. */
  requestBurst: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = {
  importRequestBytes: importRequestBytes(MAX_IMPORT_FILE_MB),
  requestBytes: 64 * 1024,
  requestsPerSecond: 20,
  requestBurst: 100,
};

const FILE_METHODS: ReadonlySet<unknown> = new Set(['previewCsv', 'importCsv']);

/** The byte cap for one request to `method` (any name; unknown ones get the small cap). */
export function requestLimit(method: unknown, limits: HostLimits): number {
  return FILE_METHODS.has(method) ? limits.importRequestBytes : limits.requestBytes;
}

/** "64 KB", "20 MB": sizes as the refusal shows them (binary units, rounded down). */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function tooLargeMessage(method: unknown, limits: HostLimits): string {
  const name = typeof method === 'string' && method.length <= 60 ? method : 'this method';
  return `The request is too large: ${name} takes at most ${describeBytes(requestLimit(method, limits))}.`;
}

export function rateLimitMessage(limits: HostLimits): string {
  return (
    `Too many requests: at most ${limits.requestsPerSecond} a second (bursts of ${limits.requestBurst}). ` +
    'Wait a moment and try again.'
  );
}

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export class RateLimit {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one request's token; false when the caller must be refused. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
