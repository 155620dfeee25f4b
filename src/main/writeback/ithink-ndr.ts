/**
 * Tells iThink Logistics what the customer said about an undelivered (NDR) shipment: deliver again on a day
 * (with a new address or phone when given), or return it to origin (RTO).
 *
 * iThink's "Reattempt/RTO" API, v3 (docs.ithinklogistics.com/doc-reattempt-rto/3):
 *   POST https://my.ithinklogistics.com/api_v3/ndr/add-reattempt-rto.json
 *   (staging: https://pre-alpha.ithinklogistics.com/api_v3/ndr/add-reattempt-rto.json)
 *   { "data": { "shipments": [ { "awb_numbers": "SDD1001008", "ndr_action": "1",
 *       "reattempt_date": "2023-04-06", "reattempt_time": "15:00:00", "reattempt_mobile_number": "8888888888",
 *       "reattempt_address": "ABC Compnay, ABC Road", "reattempt_address_type": "1", "rto_remark": "" } ],
 *     "access_token": "...", "secret_key": "..." } }
 *   ndr_action 1 = reattempt (reattempt_date 'Y-m-d' mandatory), 2 = rto (rto_remark mandatory);
 *   reattempt_time 'H:i:s'; reattempt_address_type 1 = home, 2 = office.
 *   Answer: { "status": "success", "status_code": 200, "html_message": "",
 *             "data": { "SDD1001008": { "status": "success", "remark": "reattempt/rto done successfully." } } }
 * The production host is the one the order-details API uses (my.ithinklogistics.com, as in public
 * integrations calling /api_v3/ndr/add-reattempt-rto.json). Like iThink's other APIs it reports its own
 * failures with HTTP 200 and `status: "error"` plus `html_message`, and a shipment it will not act on with
 * `data[awb].status` other than "success" and a `remark`.
 *
 * Every result is typed: `ok`, `refused` (iThink or the desk said no; sending again will not help: the
 * message says why, in iThink's words when it gave them) or `transient` (no answer, 5xx, rate limit: send it
 * again later). Nothing here throws, and the access token and secret key never appear in a message.
 *
 * The body carries the secret key, so it goes only to the origins the credentials were saved for
 * (`credentialOrigins`), and a redirect is never followed: fetch would re-send the body wherever it points.
 */
import type { IThinkCredentials } from '../intake/sync/ithink';
import { isRecord, textOf } from '../intake/sync/http';
import { secretOriginRefusal } from '../secrets';

export const ITHINK_NDR_URL = 'https://my.ithinklogistics.com';
export const ITHINK_NDR_PATH = '/api_v3/ndr/add-reattempt-rto.json';

export type NdrAction =
  | {
      kind: 'reattempt';
      awb: string;
      /** YYYY-MM-DD. */
      date: string;
      /** HH:MM or HH:MM:SS. */
      time?: string | null;
      /** A new phone number for the delivery partner (Indian mobile, any format). */
      phone?: string | null;
      /** A new delivery address. */
      address?: string | null;
      addressType?: 'home' | 'office';
    }
  | { kind: 'rto'; awb: string; remark: string };

export type NdrResult =
  | { kind: 'ok'; awb: string; message: string }
  | { kind: 'refused'; awb: string; message: string; detail?: string }
  | { kind: 'transient'; awb: string; message: string; detail?: string };

export interface IThinkNdrOptions {
  credentials: IThinkCredentials;
  /** Staging or a fake; production when absent. */
  baseUrl?: string;
  timeoutMs?: number;
  /** The origins the credentials were saved for; a request anywhere else is refused unsent. */
  credentialOrigins?: readonly string[];
}

const NAME = 'iThink Logistics';
const DEFAULT_TIMEOUT_MS = 30_000;
/** Statuses that mean "not now" rather than "no". */
const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);
const TRANSIENT_WORDS = /try again|too many|rate limit|timed? ?out|temporar|server error|maintenance|busy/i;
const CREDENTIAL_WORDS = /token|secret|auth|invalid key|credential/i;

type Shipment = Record<string, string>;

/** The ten-digit mobile number iThink expects, from "+91 98765-00001", "098765 00001", ... */
function mobileNumber(phone: string): string | null {
  const digits = phone.replace(/\D/g, '').replace(/^(?:91|0)(?=\d{10}$)/, '');
  return /^[6-9]\d{9}$/.test(digits) ? digits : null;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The shipment entry iThink wants, or why this action cannot be sent at all. */
export function ndrShipment(action: NdrAction): { shipment: Shipment } | { problem: string } {
  const awb = action.awb.trim();
  if (awb === '') return { problem: 'the action has no AWB' };
  if (action.kind === 'rto') {
    const remark = action.remark.trim();
    if (remark === '') return { problem: `the RTO for ${awb} has no remark; iThink requires one` };
    return { shipment: { awb_numbers: awb, ndr_action: '2', rto_remark: remark } };
  }
  if (!isCalendarDate(action.date)) {
    return { problem: `the reattempt date "${action.date}" for ${awb} is not a YYYY-MM-DD date` };
  }
  const shipment: Shipment = { awb_numbers: awb, ndr_action: '1', reattempt_date: action.date };
  if (action.time) {
    const time = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(action.time.trim());
    if (!time) return { problem: `the reattempt time "${action.time}" for ${awb} is not HH:MM` };
    shipment.reattempt_time = `${time[1]}:${time[2]}:${time[3] ?? '00'}`;
  }
  if (action.phone) {
    const mobile = mobileNumber(action.phone);
    if (!mobile) return { problem: `the phone "${action.phone}" for ${awb} is not a 10-digit Indian mobile` };
    shipment.reattempt_mobile_number = mobile;
  }
  if (action.address?.trim()) {
    shipment.reattempt_address = action.address.replace(/\s+/g, ' ').trim();
    shipment.reattempt_address_type = action.addressType === 'office' ? '2' : '1';
  }
  return { shipment };
}

export class IThinkNdrClient {
  constructor(private readonly options: IThinkNdrOptions) {}

  /** Sends one reattempt or RTO and says how it went; never throws. */
  async send(action: NdrAction): Promise<NdrResult> {
    const awb = action.awb.trim();
    const what = action.kind === 'rto' ? 'RTO' : 'reattempt';
    const built = ndrShipment(action);
    if ('problem' in built) return { kind: 'refused', awb, message: `Not sent to ${NAME}: ${built.problem}` };
    const answer = await this.post(built.shipment);
    if (answer.kind !== 'answered') return { awb, ...answer };
    return this.verdict(awb, what, answer.body);
  }

  private async post(
    shipment: Shipment,
  ): Promise<
    | { kind: 'answered'; body: Record<string, unknown> }
    | { kind: 'refused' | 'transient'; message: string; detail?: string }
  > {
    const { accessToken, secretKey } = this.options.credentials;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const url = `${(this.options.baseUrl || ITHINK_NDR_URL).replace(/\/+$/, '')}${ITHINK_NDR_PATH}`;
    if (this.options.credentialOrigins) {
      const refusal = secretOriginRefusal(
        { value: '', origins: this.options.credentialOrigins },
        url,
        "iThink's access token and secret key",
        'Settings → Order source',
      );
      if (refusal) return { kind: 'refused', message: refusal };
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({
          data: { shipments: [shipment], access_token: accessToken, secret_key: secretKey },
        }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const detail = this.scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const seconds = Math.max(1, Math.round(timeoutMs / 1000));
      return {
        kind: 'transient',
        message: timedOut
          ? `${NAME} did not answer within ${seconds} s; will try again`
          : `${NAME} could not be reached; will try again`,
        detail,
      };
    }
    const text = this.scrub(await response.text().catch(() => ''));
    const detail = text.slice(0, 500);
    if (response.status === 401 || response.status === 403) {
      return { kind: 'refused', message: this.credentialsMessage(`HTTP ${response.status}`), detail };
    }
    if (response.status >= 300 && response.status < 400) {
      return {
        kind: 'refused',
        message: `${NAME} redirected the request (HTTP ${response.status}); not followed, the secret key would go with it — check the address in Settings → Order source`,
        detail,
      };
    }
    if (!response.ok) {
      return RETRYABLE_HTTP.has(response.status)
        ? { kind: 'transient', message: `${NAME} answered HTTP ${response.status}; will try again`, detail }
        : { kind: 'refused', message: `${NAME} refused the request (HTTP ${response.status})`, detail };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: 'transient', message: `${NAME} did not answer with JSON; will try again`, detail };
    }
    if (!isRecord(body)) {
      return { kind: 'transient', message: `${NAME} answered with something other than an object`, detail };
    }
    return { kind: 'answered', body };
  }

  private verdict(awb: string, what: string, body: Record<string, unknown>): NdrResult {
    const detail = this.scrub(JSON.stringify(body)).slice(0, 500);
    const status = textOf(body.status).toLowerCase();
    if (status !== 'success') {
      const said = this.scrub(
        textOf(body.html_message).trim() || textOf(body.message).trim() || 'no reason given',
      );
      if (CREDENTIAL_WORDS.test(said))
        return { kind: 'refused', awb, message: this.credentialsMessage(said), detail };
      if (TRANSIENT_WORDS.test(said)) {
        return {
          kind: 'transient',
          awb,
          message: `${NAME} could not take the ${what} now (${said}); will try again`,
          detail,
        };
      }
      return { kind: 'refused', awb, message: `${NAME} refused the ${what} for ${awb}: ${said}`, detail };
    }
    const entry = this.entryFor(awb, body.data);
    if (!entry) {
      return {
        kind: 'transient',
        awb,
        message: `${NAME}'s answer did not mention ${awb}; will try again`,
        detail,
      };
    }
    const remark = this.scrub(textOf(entry.remark).trim());
    if (textOf(entry.status).toLowerCase() === 'success') {
      return { kind: 'ok', awb, message: remark || `${what} recorded` };
    }
    return {
      kind: 'refused',
      awb,
      message: `${NAME} refused the ${what} for ${awb}: ${remark || 'no reason given'}`,
      detail,
    };
  }

  /** `data` is keyed by AWB; a single unkeyed entry ("1") is taken as ours. */
  private entryFor(awb: string, data: unknown): Record<string, unknown> | null {
    if (Array.isArray(data)) return data.length === 1 && isRecord(data[0]) ? data[0] : null;
    if (!isRecord(data)) return null;
    const keyed = data[awb];
    if (isRecord(keyed)) return keyed;
    const entries = Object.values(data).filter(isRecord);
    return entries.length === 1 ? entries[0]! : null;
  }

  private credentialsMessage(said: string): string {
    return `${NAME} refused the access token or secret key (${said}) — check them in Settings → Order source`;
  }

  /** Blanks the credentials out of anything iThink or the network echoed back. */
  private scrub(text: string): string {
    let clean = text;
    for (const secret of [this.options.credentials.accessToken, this.options.credentials.secretKey]) {
      if (secret && secret.length >= 4) clean = clean.split(secret).join('***');
    }
    return clean;
  }
}
