import { describe, expect, it } from 'vitest';
import { parseCodAmount } from '../../src/main/intake/amount';
import { detectMapping } from '../../src/main/intake/csv/columns';
import { columnIndex, readRow, unwrapSpreadsheetText } from '../../src/main/intake/csv/row';

describe('parseCodAmount', () => {
  it.each([
    ['₹1,250.00', 1250],
    ['1,250', 1250],
    ['Rs. 1,250', 1250],
    ['INR 499', 499],
    ['1,25,000', 125000],
    ['1250/-', 1250],
    ['37.5', 37.5],
    ['0', 0],
    ['Prepaid', 0],
  ] as const)('reads %j as %d', (text, amount) => {
    expect(parseCodAmount(text)).toEqual({ ok: true, amount });
  });

  it.each(['', '  ', '-', 'N/A'])('reads %j as no amount', (text) => {
    expect(parseCodAmount(text)).toEqual({ ok: true, amount: null });
  });

  it.each(['abc', '12abc', '-50', '1.250,00'])('refuses %j rather than guess', (text) => {
    expect(parseCodAmount(text)).toEqual({ ok: false });
  });
});

describe('unwrapSpreadsheetText', () => {
  it('undoes the tricks that keep long numbers as text', () => {
    expect(unwrapSpreadsheetText('="1333110020164"')).toBe('1333110020164');
    expect(unwrapSpreadsheetText("'1333110020164")).toBe('1333110020164');
    expect(unwrapSpreadsheetText(' 1333110020164 ')).toBe('1333110020164');
  });
});

describe('readRow', () => {
  const headers = ['AWB', 'Customer Name', 'Mobile', 'COD Amount', 'Status'];
  const context = {
    columns: columnIndex(detectMapping(headers), headers),
    headerCount: 5,
    region: 'IN',
    line: 7,
    endLine: 7,
  };

  it('turns a good row into an order', () => {
    const reading = readRow(['A1', ' Raj ', '98765-00001', '₹100', 'Out for delivery'], context);
    expect(reading).toEqual({
      ok: true,
      order: expect.objectContaining({
        awb: 'A1',
        customer: 'Raj',
        phoneE164: '+919876500001',
        phoneProblem: null,
        type: 'OFD',
        rawStatus: 'Out for delivery',
        codAmount: 100,
      }),
    });
  });

  it('keeps an order whose phone can not be dialled, with the reason', () => {
    const reading = readRow(['A1', 'Raj', '9.87654E+09', '', 'OFD'], context);
    expect(reading).toMatchObject({
      ok: true,
      order: { phoneE164: null, phoneProblem: expect.stringContaining('Excel') },
    });
  });

  it('rejects a row without an AWB or without a phone', () => {
    expect(readRow(['', 'Raj', '9876500001', '', 'OFD'], context)).toEqual({ ok: false, reason: 'no AWB' });
    expect(readRow(['A1', 'Raj', ' ', '', 'OFD'], context)).toEqual({
      ok: false,
      reason: 'no phone for AWB A1',
    });
  });

  it('rejects an AWB Excel turned into a float', () => {
    expect(readRow(['1.33311E+12', 'Raj', '9876500001', '', 'OFD'], context)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('AWB in Excel scientific notation'),
    });
  });

  it('rejects a row with more fields than headers, saying why that happens', () => {
    expect(readRow(['A1', 'Raj', '9876500001', '100', 'OFD', 'Kolkata'], context)).toEqual({
      ok: false,
      reason: '6 fields where the header has 5. Is there an unquoted separator in an address or name?',
    });
  });

  it('accepts a trailing separator and a short row', () => {
    expect(readRow(['A1', 'Raj', '9876500001', '100', 'OFD', '', ''], context).ok).toBe(true);
    expect(readRow(['A1', 'Raj', '9876500001'], context)).toMatchObject({
      ok: true,
      order: { type: 'Unknown' },
    });
  });

  it('skips a row of empty cells', () => {
    expect(readRow(['', ' ', '', '', ''], context)).toEqual({ ok: 'blank' });
  });
});
