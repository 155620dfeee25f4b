import { describe, expect, it } from 'vitest';
import {
  applyCorrections,
  CsvImportError,
  detectMapping,
  findHeaderRow,
  headerSignature,
} from '../../src/main/intake/csv/columns';

describe('detectMapping', () => {
  it.each([
    ['AWB', 'awb'],
    ['AWB No', 'awb'],
    ['AWB No.', 'awb'],
    ['Waybill', 'awb'],
    ['Tracking ID', 'awb'],
    ['Customer Name', 'customer'],
    ['Consignee', 'customer'],
    ['Mobile', 'phone'],
    ['Phone', 'phone'],
    ['Contact No', 'phone'],
    ['Address', 'address'],
    ['Pincode', 'pincode'],
    ['PIN', 'pincode'],
    ['COD Amount', 'codAmount'],
    ['Status', 'type'],
    ['Current Status', 'type'],
    ['Order Type', 'type'],
    ['Order ID', 'orderId'],
    ['Courier', 'courier'],
  ] as const)('reads the header %j as %s', (header, field) => {
    expect(detectMapping(['Something Else', header])[field]).toBe(header);
  });

  it('reads headers that only contain a field word, the specific fields first', () => {
    const mapping = detectMapping([
      'Consignee Mobile No.',
      'Consignee Full Name',
      'Delivery PIN',
      'AWB Code',
    ]);
    expect(mapping).toMatchObject({
      phone: 'Consignee Mobile No.',
      customer: 'Consignee Full Name',
      pincode: 'Delivery PIN',
      awb: 'AWB Code',
    });
  });

  it("does not take the seller's pickup pincode, an alternate phone or the payment status", () => {
    const mapping = detectMapping(['AWB', 'Pickup Pincode', 'Alternate Mobile', 'Payment Status']);
    expect(mapping.pincode).toBeNull();
    expect(mapping.phone).toBeNull();
    expect(mapping.type).toBeNull();
  });

  it('leaves a field null when no header names it', () => {
    expect(detectMapping(['AWB', 'Mobile']).courier).toBeNull();
  });

  it('looks for the fields among the first 1,000 columns only', () => {
    // Probe of issue 12: a 10 MB line of commas is a header of 5 million columns; reading every one for
    // every field kept `desk import` (and the console's import worker) busy for more than 9 minutes.
    const filler = (count: number) => Array.from({ length: count }, (_, index) => `Column ${index}`);
    expect(detectMapping([...filler(1_000), 'AWB', 'Mobile'])).toMatchObject({ awb: null, phone: null });
    expect(detectMapping(['AWB', ...filler(998), 'Mobile'])).toMatchObject({ awb: 'AWB', phone: 'Mobile' });
    expect(findHeaderRow([['Report'], [...filler(1_000), 'AWB', 'Mobile']])).toBe(0);
  });
});

describe('findHeaderRow', () => {
  it('skips title rows above the header', () => {
    expect(
      findHeaderRow([['Shipment report'], ['Generated 24-11'], ['AWB Number', 'Buyer Name', 'Mobile']]),
    ).toBe(2);
  });

  it('takes the first row when none looks like headers', () => {
    expect(
      findHeaderRow([
        ['Ref', 'Client'],
        ['1', 'A'],
      ]),
    ).toBe(0);
  });
});

describe('headerSignature', () => {
  it('is the same for headers that differ only in case, spacing and punctuation', () => {
    expect(headerSignature(['AWB No.', 'Customer Name'])).toBe(headerSignature(['awb no', 'CUSTOMER_NAME']));
    expect(headerSignature(['AWB', 'Phone'])).not.toBe(headerSignature(['AWB', 'Mobile']));
  });
});

describe('applyCorrections', () => {
  const headers = ['Ref', 'Client', 'Tel 1', 'Stage'];
  const base = detectMapping(headers);

  it("lays the operator's choices over the detected mapping, headers matched loosely", () => {
    const mapping = applyCorrections(base, headers, {
      awb: 'Ref',
      phone: 'tel 1',
      status: 'Stage',
      customer: 'Client',
    });
    expect(mapping).toMatchObject({ awb: 'Ref', phone: 'Tel 1', type: 'Stage', customer: 'Client' });
  });

  it('moves a header to its new field instead of reading it twice', () => {
    const first = applyCorrections(base, headers, { awb: 'Ref' });
    expect(applyCorrections(first, headers, { orderId: 'Ref' })).toMatchObject({ awb: null, orderId: 'Ref' });
  });

  it('names the columns the file has when the operator picks one it does not', () => {
    expect(() => applyCorrections(base, headers, { phone: 'Mobile' })).toThrow(
      new CsvImportError('Phone: this file has no column "Mobile" (its columns: Ref, Client, Tel 1, Stage)'),
    );
  });

  it('refuses a field name that is not an order field', () => {
    expect(() => applyCorrections(base, headers, { colour: 'Ref' })).toThrow(
      /"colour" is not an order field/,
    );
  });
});
