/**
 * Which CSV column holds which order field. Panels name the same column many ways ('AWB No', 'Waybill',
 * 'Tracking ID'); this module knows the usual names, finds the header row (some exports put a title line
 * above it), and checks a mapping the operator corrected. A mapping is keyed by the file's header
 * signature so that the next file with the same headers is read the same way.
 */
import { clipText } from '../../../shared/printable';

export const CSV_FIELDS = [
  'awb',
  'customer',
  'phone',
  'address',
  'city',
  'pincode',
  'codAmount',
  'type',
  'orderId',
  'courier',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Order field → the header (as written in the file) it is read from, or null when the file has none. */
export type ColumnMapping = Record<CsvField, string | null>;

/** Without these a row can not become an order. */
export const REQUIRED_FIELDS: readonly CsvField[] = ['awb', 'phone'];

/** The desk's words for each field, for messages. */
export const FIELD_LABELS: Record<CsvField, string> = {
  awb: 'AWB',
  customer: 'Customer Name',
  phone: 'Phone',
  address: 'Address',
  city: 'City',
  pincode: 'Pincode',
  codAmount: 'COD Amount',
  type: 'Status',
  orderId: 'Order ID',
  courier: 'Courier',
};

function names(...lists: string[]): string[] {
  return lists.flatMap((list) => list.split(' '));
}

/** Header names, compared after `headerKey` (lower case, letters and digits only). */
const EXACT_NAMES: Record<CsvField, readonly string[]> = {
  awb: names(
    'awb awbno awbnumber awbnum waybill waybillno waybillnumber trackingid trackingno trackingnumber',
    'airwaybill airwaybillno airwaybillnumber docketno consignmentno',
  ),
  customer: names(
    'customername customer consignee consigneename name buyername receivername recipientname',
    'shippingname shiptoname deliveryname fullname',
  ),
  phone: names(
    'mobile mobileno mobilenumber phone phoneno phonenumber contactno contact contactnumber',
    'customermobile customerphone consigneemobile consigneephone consigneecontact',
  ),
  address: names(
    'address customeraddress consigneeaddress shippingaddress deliveryaddress fulladdress address1',
  ),
  city: names('city town customercity consigneecity shippingcity deliverycity destinationcity shiptocity'),
  pincode: names(
    'pincode pin pinno zip zipcode postalcode postcode deliverypincode consigneepincode shippingpincode',
    'customerpincode destinationpincode',
  ),
  codAmount: names('codamount cod codvalue codamt collectableamount collectibleamount amounttocollect'),
  type: names(
    'status currentstatus ordertype shipmentstatus deliverystatus trackingstatus laststatus lateststatus',
    'orderstatus',
  ),
  orderId: names('orderid orderno ordernumber clientorderid referenceno refno channelorderid'),
  courier: names(
    'courier couriername carrier courierpartner logisticspartner shippingpartner deliverypartner logistics',
  ),
};

/** Words that mark a header as being about a field, when no exact name matched. */
const FIELD_WORDS: Record<CsvField, readonly string[]> = {
  awb: ['awb', 'waybill', 'tracking'],
  phone: ['mobile', 'phone', 'contact', 'cell'],
  pincode: ['pincode', 'pin', 'zip', 'postcode'],
  codAmount: ['cod'],
  type: ['status'],
  orderId: ['order'],
  courier: ['courier', 'carrier'],
  address: ['address'],
  city: ['city', 'town'],
  customer: ['consignee', 'customer', 'buyer', 'receiver', 'recipient'],
};

/** Words that mean the column is about someone else (the seller, a second number, the return leg). */
const OTHER_PARTY_WORDS = new Set(['pickup', 'return', 'seller', 'warehouse', 'origin', 'alternate', 'alt']);
const OTHER_PARTY_FOR: Partial<Record<CsvField, readonly string[]>> = {
  type: ['payment', 'pickup', 'rto'],
  address: ['email', 'mail', 'ip'],
  orderId: ['date', 'status', 'type', 'value', 'amount', 'total'],
};

/** Order in which loose matching runs: specific fields first so 'Customer Mobile' is a phone, not a name. */
const LOOSE_ORDER: readonly CsvField[] = [
  'awb',
  'phone',
  'pincode',
  'codAmount',
  'type',
  'orderId',
  'courier',
  'city',
  'address',
  'customer',
];

export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function headerWords(header: string): string[] {
  return header
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function emptyMapping(): ColumnMapping {
  return Object.fromEntries(CSV_FIELDS.map((field) => [field, null])) as ColumnMapping;
}

/**
 * Columns a header row is searched for the fields in. Panels export a few dozen; a 10 MB line of commas is a
 * header of 5 million, and reading each for every field took minutes. Columns beyond this can still be
 * mapped by hand.
 */
export const MAX_DETECTED_COLUMNS = 1_000;

/** Reads the headers: exact names first, then headers that merely contain a field's word. */
export function detectMapping(allHeaders: readonly string[]): ColumnMapping {
  const headers = allHeaders.slice(0, MAX_DETECTED_COLUMNS);
  const mapping = emptyMapping();
  const used = new Set<number>();
  const keys = headers.map(headerKey);
  for (const field of CSV_FIELDS) {
    const index = keys.findIndex((key, at) => !used.has(at) && EXACT_NAMES[field].includes(key));
    if (index !== -1) {
      mapping[field] = headers[index]!;
      used.add(index);
    }
  }
  for (const field of LOOSE_ORDER) {
    if (mapping[field] !== null) continue;
    const index = headers.findIndex((header, at) => {
      if (used.has(at)) return false;
      const words = headerWords(header);
      if (words.some((word) => OTHER_PARTY_WORDS.has(word) || OTHER_PARTY_FOR[field]?.includes(word))) {
        return false;
      }
      return words.some((word) => FIELD_WORDS[field].includes(word));
    });
    if (index !== -1) {
      mapping[field] = headers[index]!;
      used.add(index);
    }
  }
  return mapping;
}

function mappedCount(mapping: ColumnMapping): number {
  return CSV_FIELDS.filter((field) => mapping[field] !== null).length;
}

/**
 * Index of the header row among the first records: the first that names the AWB or phone column and at
 * least one other field. Title rows ('Shipment report 24-11-2026') above it are skipped; when no row looks
 * like headers the first row is taken, and the operator maps the columns by hand.
 */
export function findHeaderRow(records: readonly (readonly string[])[]): number {
  const index = records.findIndex((cells) => {
    const mapping = detectMapping(cells);
    return (mapping.awb !== null || mapping.phone !== null) && mappedCount(mapping) >= 2;
  });
  return index === -1 ? 0 : index;
}

/** Identifies "the same headers" across files: case, spacing and punctuation do not matter. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(headerKey).join('|');
}

/** The file's columns for a message: each clipped, at most 30 named, so a message stays a line or two. */
export function listColumns(headers: readonly string[]): string {
  const shown = headers.slice(0, 30).map((header) => clipText(header, 40));
  const more = headers.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export class CsvImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvImportError';
  }
}

/** Names the operator may also use on the command line ('status=Current Status'). */
const FIELD_ALIASES: Readonly<Record<string, CsvField>> = {
  status: 'type',
  mobile: 'phone',
  cod: 'codAmount',
};

function fieldNamed(name: string): CsvField | null {
  if ((CSV_FIELDS as readonly string[]).includes(name)) return name as CsvField;
  return FIELD_ALIASES[name] ?? null;
}

/**
 * Lays the operator's corrections (field → header, null to ignore a field) over a base mapping. A header
 * may be given in any case or spacing; a name that is neither a field nor a column is an error naming both
 * lists, so the operator can fix it.
 */
export function applyCorrections(
  base: ColumnMapping,
  headers: readonly string[],
  corrections: Readonly<Record<string, string | null>> | undefined,
): ColumnMapping {
  const mapping = { ...base };
  if (!corrections) return mapping;
  for (const [name, header] of Object.entries(corrections)) {
    const field = fieldNamed(name);
    if (field === null) {
      throw new CsvImportError(
        `"${clipText(name, 40)}" is not an order field; use one of: ${CSV_FIELDS.join(', ')}`,
      );
    }
    if (header === null || header.trim() === '') {
      mapping[field] = null;
      continue;
    }
    const found = headers.find((candidate) => headerKey(candidate) === headerKey(header));
    if (found === undefined) {
      throw new CsvImportError(
        `${FIELD_LABELS[field]}: this file has no column "${clipText(header, 40)}" (its columns: ${listColumns(headers)})`,
      );
    }
    for (const other of CSV_FIELDS) if (mapping[other] === found) mapping[other] = null;
    mapping[field] = found;
  }
  return mapping;
}

/** A remembered mapping still fits when every header it names is in the file. */
export function fitsHeaders(mapping: ColumnMapping, headers: readonly string[]): boolean {
  return CSV_FIELDS.every((field) => mapping[field] === null || headers.includes(mapping[field]));
}

export function missingRequired(mapping: ColumnMapping): CsvField[] {
  return REQUIRED_FIELDS.filter((field) => mapping[field] === null);
}
