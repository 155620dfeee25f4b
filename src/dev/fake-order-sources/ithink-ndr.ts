/**
 * The fake iThink's NDR route (POST /api_v3/ndr/add-reattempt-rto.json, the "Reattempt/RTO" API v3): it
 * records every shipment action it receives, answers per AWB the way iThink documents
 * ({ status, status_code, html_message, data: { [awb]: { status, remark } } }), refuses what iThink would
 * (an unknown AWB, a missing reattempt date or RTO remark, a shipment already delivered or returned), and
 * fails on demand: one AWB refused with a remark, or the whole request with an error message. HTTP-level
 * faults (5xx, a dropped connection, a slow answer) come from the server's own `failNext`.
 */
import type { JsonReply, LoggedRequest } from './http-server';

export const ITHINK_NDR_ROUTE = '/api_v3/ndr/add-reattempt-rto.json';

/** What iThink says when it has taken an action (its documentation's own words). */
export const NDR_DONE_REMARK = 'reattempt/rto done successfully.';

export interface ReceivedNdrAction {
  awb: string;
  action: 'reattempt' | 'rto' | 'unknown';
  /** The fields as sent (`reattempt_date`, `reattempt_time`, `reattempt_mobile_number`, ...). */
  fields: Record<string, string>;
  accepted: boolean;
  remark: string;
}

export interface FakeIThinkNdr {
  /** Every shipment action received, in order, with how it was answered. */
  received: ReceivedNdrAction[];
  /** The next `times` shipments are refused with `remark`, as iThink refuses one AWB. */
  refuseNext(remark: string, times?: number): void;
  /** The next `times` requests fail as a whole: `status: "error"` with `html_message`. */
  errorNext(htmlMessage: string, times?: number): void;
  handle(request: LoggedRequest): JsonReply;
}

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

const TERMINAL = /^(delivered|rto|cancelled|canceled|lost)/i;

export function createFakeIThinkNdr(
  orders: ReadonlyMap<string, { status: string }>,
  /** Told of each shipment action as it is answered (the sandbox CLI prints them). */
  onReceived: (action: ReceivedNdrAction) => void = () => undefined,
): FakeIThinkNdr {
  const received: ReceivedNdrAction[] = [];
  const refusals: string[] = [];
  const errors: string[] = [];

  function judge(fields: Record<string, string>): {
    action: ReceivedNdrAction['action'];
    remark: string | null;
  } {
    const action = fields.ndr_action === '1' ? 'reattempt' : fields.ndr_action === '2' ? 'rto' : 'unknown';
    const order = orders.get(fields.awb_numbers ?? '');
    if (!order) return { action, remark: 'Invalid AWB number.' };
    if (action === 'unknown') return { action, remark: 'Invalid ndr action.' };
    if (action === 'reattempt' && !/^\d{4}-\d{2}-\d{2}$/.test(fields.reattempt_date ?? '')) {
      return { action, remark: 'Reattempt date is required.' };
    }
    if (action === 'rto' && !fields.rto_remark) return { action, remark: 'RTO remark is required.' };
    if (TERMINAL.test(order.status))
      return { action, remark: `Shipment is ${order.status}; NDR action not allowed.` };
    return { action, remark: refusals.shift() ?? null };
  }

  return {
    received,
    refuseNext(remark, times = 1) {
      for (let count = 0; count < times; count += 1) refusals.push(remark);
    },
    errorNext(htmlMessage, times = 1) {
      for (let count = 0; count < times; count += 1) errors.push(htmlMessage);
    },
    handle(request) {
      const failure = errors.shift();
      if (failure !== undefined) {
        return { body: { status: 'error', status_code: 400, html_message: failure } };
      }
      const data = (request.body as { data?: { shipments?: unknown } } | undefined)?.data;
      if (!Array.isArray(data?.shipments) || data.shipments.length === 0) {
        return { body: { status: 'error', status_code: 400, html_message: 'Shipments are required.' } };
      }
      const answers: Record<string, { status: string; remark: string }> = {};
      for (const shipment of data.shipments as unknown[]) {
        const fields = Object.fromEntries(
          Object.entries(typeof shipment === 'object' && shipment ? shipment : {})
            .map(([key, value]) => [key, asText(value)])
            .filter(([, value]) => value !== ''),
        );
        const { action, remark } = judge(fields);
        const awb = fields.awb_numbers ?? '';
        const entry = { awb, action, fields, accepted: remark === null, remark: remark ?? NDR_DONE_REMARK };
        received.push(entry);
        onReceived(entry);
        answers[awb] =
          remark === null ? { status: 'success', remark: NDR_DONE_REMARK } : { status: 'error', remark };
      }
      return { body: { status: 'success', status_code: 200, html_message: '', data: answers } };
    },
  };
}
