/**
 * The one path from a source record (fields already picked out: a CSV row, a sync adapter's order, a
 * scenario's order) to an `OrderInput`: the phone is normalised (or its problem kept), the status text is
 * mapped to an order type (or kept raw as Unknown). CSV, sync and the simulator all go through here.
 */
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
  pincode?: string;
  codAmount?: number | null;
  orderId?: string | null;
  courier?: string | null;
}

export function orderInputFromRecord(record: SourceRecord, region: string): OrderInput {
  const phone = normalisePhone(record.phone, region);
  const rawStatus = record.type.trim();
  return {
    awb: record.awb.trim(),
    orderId: record.orderId ?? null,
    courier: record.courier ?? null,
    customer: record.customer.trim(),
    phoneRaw: record.phone,
    phoneE164: phone.ok ? phone.e164 : null,
    phoneProblem: phone.ok ? null : phone.problem,
    type: orderTypeFromStatus(rawStatus),
    rawStatus,
    address: record.address?.trim() ?? '',
    pincode: record.pincode?.trim() ?? '',
    codAmount: record.codAmount ?? null,
  };
}

export function statusChangeFromRecord(record: { awb: string; type: string }): StatusChange {
  const rawStatus = record.type.trim();
  return { awb: record.awb.trim(), type: orderTypeFromStatus(rawStatus), rawStatus };
}
