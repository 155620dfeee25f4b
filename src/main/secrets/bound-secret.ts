/**
 * A secret stored together with the web origins it was saved for (`https://api.vapi.ai`), so that code about
 * to send it can refuse any other host. Changing an address in Settings without entering the secret again
 * must never hand the old secret to the new host: the binding travels inside the stored value itself, in
 * every secret store (safeStorage, the headless host's encrypted file, memory), and is checked at send time.
 *
 * A value saved before bindings existed reads as unbound (`origins: null`); the desk pins it to the address in
 * force when it first reads it (see DeskSettings).
 */

export interface BoundSecret {
  value: string;
  /** Origins (scheme://host[:port]) the secret may be sent to; null for a value saved before bindings existed. */
  origins: readonly string[] | null;
}

interface Envelope {
  acsBoundSecret: 1;
  origins: string[];
  value: string;
}

/** The origin of an http(s) address, normalised by the URL parser (case, default port); null otherwise. */
export function originOf(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
}

/** An address as the desk compares it: parsed and without trailing slashes; the text itself when unparsable. */
export function normalisedAddress(address: string): string {
  try {
    return new URL(address.trim()).href.replace(/\/+$/, '');
  } catch {
    return address.trim();
  }
}

export function encodeBoundSecret(value: string, origins: readonly string[]): string {
  const envelope: Envelope = { acsBoundSecret: 1, origins: [...new Set(origins)], value };
  return JSON.stringify(envelope);
}

export function decodeBoundSecret(stored: string): BoundSecret {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { value: stored, origins: null };
  }
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    (parsed as Partial<Envelope>).acsBoundSecret === 1 &&
    typeof (parsed as Partial<Envelope>).value === 'string' &&
    Array.isArray((parsed as Partial<Envelope>).origins)
  ) {
    const envelope = parsed as Envelope;
    return { value: envelope.value, origins: envelope.origins.filter((o) => typeof o === 'string') };
  }
  return { value: stored, origins: null };
}

/**
 * Why `secret` must not be sent to `address`, in words an operator can act on; null when it may be.
 * `what` names the secret ("the VAPI key"), `where` the place to re-enter it ("Settings → VAPI").
 */
export function secretOriginRefusal(
  secret: BoundSecret,
  address: string,
  what: string,
  where: string,
): string | null {
  const origin = originOf(address);
  if (origin === null) {
    return `Did not send ${what} to "${address}": not an http(s) address. Fix it in ${where}`;
  }
  if (secret.origins === null || secret.origins.includes(origin)) return null;
  const savedFor =
    secret.origins.length > 0
      ? `saved for ${secret.origins.join(' and ')} only`
      : 'not saved for any address';
  return `Did not send ${what} to ${origin}: ${savedFor}. Enter ${what} again in ${where} to use the new address`;
}

/** Thrown instead of sending a secret to a host it was not saved for. Nothing was sent. */
export class SecretOriginError extends Error {
  /** Read by the dialer like a provider error: not retryable, never dialled. */
  readonly kind = 'secret-origin';
  readonly retryable = false;
  readonly mayHaveDialled = false;
  constructor(message: string) {
    super(message);
    this.name = 'SecretOriginError';
  }
}

/**
 * The strings a log redactor must blank out for one stored value: the secret itself and, when it is JSON
 * (order-source credentials), every string inside it. The origins it is bound to are not secret.
 */
export function redactableValues(stored: string): string[] {
  const { value } = decodeBoundSecret(stored);
  return [value, ...jsonStrings(value)];
}

function jsonStrings(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(parsed);
  return found;
}
