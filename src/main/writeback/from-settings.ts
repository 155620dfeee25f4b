/**
 * The courier the desk can send NDR requests to, from the order-source settings and the credentials kept in
 * the secret store: iThink Logistics with an access token and a secret key, bound to the origins they were
 * saved for; anything else is a sentence saying what to set in Settings.
 */
import { isRecord, textOf } from '../intake/sync/http';
import type { BoundSecret } from '../secrets';
import { IThinkNdrClient } from './ithink-ndr';

export type CourierChoice = { client: IThinkNdrClient } | { refusal: string };

const COURIER = 'iThink Logistics';

export function courierFromSettings(
  source: { kind: string; baseUrl: string },
  secret: BoundSecret | null,
  timeoutMs?: number,
): CourierChoice {
  if (source.kind !== 'ithink') {
    return {
      refusal: `Sending to the courier needs ${COURIER} as the order source (Settings → Order source): it is the only courier whose NDR requests the desk can send`,
    };
  }
  let parsed: unknown = null;
  try {
    parsed = secret ? JSON.parse(secret.value) : null;
  } catch {
    // unreadable credentials: said below
  }
  const accessToken = isRecord(parsed) ? textOf(parsed.accessToken ?? parsed.access_token).trim() : '';
  const secretKey = isRecord(parsed) ? textOf(parsed.secretKey ?? parsed.secret_key).trim() : '';
  if (!secret || !accessToken || !secretKey) {
    return {
      refusal: `${COURIER} needs an access token and a secret key to take NDR requests — paste {"accessToken":"…","secretKey":"…"} in Settings → Order source`,
    };
  }
  return {
    client: new IThinkNdrClient({
      credentials: { accessToken, secretKey },
      baseUrl: source.baseUrl.trim() || undefined,
      credentialOrigins: secret.origins ?? undefined,
      timeoutMs,
    }),
  };
}
