/**
 * Who may talk to the desk besides holding the token: a request must be addressed to the console's own
 * address (the Host header — a page on another site that re-points its name at 127.0.0.1, DNS rebinding,
 * sends its own name) and, when a browser says where the page came from (Origin), come from the console's own
 * page. Clients that are not browsers (scripts, tests) send no Origin and are let through on the token alone.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** `host:port` pairs the console is reached at: the loopback names and the address it is bound to. */
export function consoleAddresses(boundTo: string, port: number): ReadonlySet<string> {
  const bound = boundTo.includes(':') ? `[${boundTo}]` : boundTo;
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${bound.toLowerCase()}:${port}`]);
}

/** "host:port" with the scheme's default port spelled out, lower case; null when it is not an address. */
function hostAndPort(host: string, defaultPort: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return `${url.hostname}:${url.port || defaultPort}`;
  } catch {
    return null;
  }
}

function originAddress(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return null;
  }
}

/** Why a request is refused (a sentence for the 403), or null when it is the console's own. */
export function addressRefusal(headers: IncomingHttpHeaders, addresses: ReadonlySet<string>): string | null {
  const host = headers.host === undefined ? null : hostAndPort(headers.host, '80');
  if (host === null || !addresses.has(host)) {
    return 'This desk answers only at its own address (127.0.0.1 or localhost, with its port).';
  }
  const origin = headers.origin;
  if (origin === undefined) return null;
  const from = originAddress(origin);
  if (from === null || !addresses.has(from)) return 'Pages from other sites may not use this desk.';
  return null;
}
