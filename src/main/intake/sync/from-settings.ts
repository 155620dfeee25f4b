/**
 * Builds the configured order-source adapter from the desk's settings (kind and base URL) and the
 * credentials JSON kept in the secret store. Missing or unreadable credentials give an adapter whose sync
 * fails with the fix spelled out, so the operator sees why instead of silence.
 */
import { OrderSourceError, type OrderSourceAdapter } from './adapter';
import { GenericJsonAdapter, type GenericJsonOptions } from './generic-json';
import { isRecord, textOf } from './http';
import { IThinkAdapter } from './ithink';

export interface OrderSourceConfig {
  kind: 'none' | 'ithink' | 'generic-json';
  baseUrl: string;
}

function failing(name: string, message: string): OrderSourceAdapter {
  return { name, fetchOrders: () => Promise.reject(new OrderSourceError(message)) };
}

function parseCredentials(json: string | null): Record<string, unknown> | null {
  if (json === null || json.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, textOf(entry)]));
}

/**
 * iThink credentials: {"accessToken": "…", "secretKey": "…"} (access_token / secret_key also read).
 * Generic JSON: {"headers": {"Authorization": "Bearer …"}, "fields": {"phone": "customer.mobile"},
 * "ordersPath": "data.orders", "query": {"from": "start_date", "to": "end_date"}} — every key optional.
 */
export function adapterFromSettings(
  source: OrderSourceConfig,
  credentialsJson: string | null,
  /** The origins the credentials were saved for (DeskSettings.orderSourceSecret); requests elsewhere are refused. */
  credentialOrigins?: readonly string[],
): OrderSourceAdapter | null {
  const credentials = parseCredentials(credentialsJson);
  if (source.kind === 'none') return null;
  if (source.kind === 'ithink') {
    const accessToken = textOf(credentials?.accessToken ?? credentials?.access_token).trim();
    const secretKey = textOf(credentials?.secretKey ?? credentials?.secret_key).trim();
    if (!accessToken || !secretKey) {
      return failing(
        'iThink Logistics',
        'iThink Logistics needs an access token and a secret key — paste {"accessToken":"…","secretKey":"…"} in Settings → Order source',
      );
    }
    return new IThinkAdapter({
      credentials: { accessToken, secretKey },
      baseUrl: source.baseUrl.trim() || undefined,
      credentialOrigins,
    });
  }
  if (source.baseUrl.trim() === '') {
    return failing(
      'order source',
      'The order source has no address — enter its URL in Settings → Order source',
    );
  }
  const options: GenericJsonOptions = {
    url: source.baseUrl.trim(),
    headers: stringRecord(credentials?.headers),
    fields: stringRecord(credentials?.fields),
    ordersPath: textOf(credentials?.ordersPath) || undefined,
    query: stringRecord(credentials?.query),
    // Without credentials there is nothing to protect: a public endpoint may be any address.
    credentialOrigins: credentials ? credentialOrigins : undefined,
  };
  return new GenericJsonAdapter(options);
}
