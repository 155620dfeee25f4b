/**
 * The one path from a source record (fields already picked out: a CSV or XLSX row, a sync adapter's order, a
 * scenario's order) to an `OrderInput`: every text field is cleaned of control characters and terminal escape
 * sequences, the phone is normalised (or its problem kept), the status text is mapped to an order type (or
 * kept raw as Unknown). CSV, XLSX, sync and the simulator all go through here.
 */
import { printableLine, printableText } from '../../shared/printable';
import type { OrderInput } from '../domain/order';
import { orderTypeFromStatus } from '../domain/order-status';
import { normalisePhone } from '../domain/phone';
import type { StatusChange } from '../store';

export interface SourceRecord {
  awb: string;
  customer: string;
  phone: string;
  /** The status text as the source wrote it ('Out for delivery', 'OFD', 'RTO initiated', ...). */
  type: string;
  address?: string;
  city?: string;
  pincode?: string;
  codAmount?: number | null;
  orderId?: string | null;
  courier?: string | null;
}

/** No real name, status or id is longer; a longer field is a broken export, cut so it can not bloat the
 * cache, the console or a message. Addresses get more room. */
const MAX_FIELD = 200;
const MAX_ADDRESS = 1_000;

function line(text: string | null | undefined): string {
  return printableLine((text ?? '').slice(0, MAX_FIELD * 4))
    .trim()
    .slice(0, MAX_FIELD);
}

function lineOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = line(text);
  return cleaned === '' ? null : cleaned;
}

/**
 * The AWB keys maps that live as long as a whole import; read from a piece of a large file it would be a
 * slice of that piece and keep all of it in memory. A private copy keeps only itself.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

export function orderInputFromRecord(record: SourceRecord, region: string): OrderInput {
  const phoneRaw = ownCopy(line(record.phone));
  const phone = normalisePhone(phoneRaw, region);
  const rawStatus = line(record.type);
  return {
    awb: ownCopy(line(record.awb)),
    orderId: lineOrNull(record.orderId),
    courier: lineOrNull(record.courier),
    customer: line(record.customer),
    phoneRaw,
    phoneE164: phone.ok ? phone.e164 : null,
    phoneProblem: phone.ok ? null : phone.problem,
    type: orderTypeFromStatus(rawStatus),
    rawStatus,
    address: printableText((record.address ?? '').slice(0, MAX_ADDRESS * 4))
      .trim()
      .slice(0, MAX_ADDRESS),
    city: line(record.city),
    pincode: line(record.pincode),
    codAmount: record.codAmount ?? null,
  };
}

export function statusChangeFromRecord(record: { awb: string; type: string }): StatusChange {
  const rawStatus = line(record.type);
  return { awb: line(record.awb), type: orderTypeFromStatus(rawStatus), rawStatus };
}
