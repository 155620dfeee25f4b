import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/main/intake/csv/decode';
import { sniffDelimiter } from '../../src/main/intake/csv/delimiter';

describe('decodeCsv', () => {
  it('reads plain UTF-8, Hindi included', () => {
    expect(decodeCsv(Buffer.from('AWB,Name\n1,राज\n'))).toEqual({
      text: 'AWB,Name\n1,राज\n',
      encoding: 'utf-8',
    });
  });

  it('drops the byte-order mark Excel writes, so the first header is "AWB" and not "\\uFEFFAWB"', () => {
    const decoded = decodeCsv(Buffer.from('\uFEFFAWB,Name\n'));
    expect(decoded.encoding).toBe('utf-8 (BOM)');
    expect(decoded.text).toBe('AWB,Name\n');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 (é, ’ and – from older panels)', () => {
    const bytes = Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x44, 0x92, 0x53, 0x20, 0x96]);
    expect(decodeCsv(bytes)).toEqual({ text: 'José D’S –', encoding: 'windows-1252' });
  });

  it('reads UTF-16LE with its BOM (Excel "Unicode Text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('AWB\tনাম\n', 'utf16le')]);
    expect(decodeCsv(bytes)).toEqual({ text: 'AWB\tনাম\n', encoding: 'utf-16le' });
  });

  it('turns CRLF and lone CR line endings into LF so line numbers count the same', () => {
    expect(decodeCsv(Buffer.from('a\r\nb\rc\n')).text).toBe('a\nb\nc\n');
  });
});

describe('sniffDelimiter', () => {
  it('picks the comma for a panel export', () => {
    expect(sniffDelimiter('AWB,Name,Phone\n1,A,98\n2,B,97\n')).toBe(',');
  });

  it('picks the semicolon even when addresses hold commas', () => {
    const text =
      'AWB;Name;Address\n1;A;House 1, Sector 5, Dwarka\n2;B;Flat 2, Vasant Kunj\n3;C;Gomti Nagar\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('picks the tab', () => {
    expect(sniffDelimiter('AWB\tName\tAddress\n1\tA\tMG Road, Delhi\n')).toBe('\t');
  });

  it('ignores separators inside quoted fields', () => {
    const text = 'AWB;Name\n1;"a,b,c,d,e"\n2;"f,g,h,i"\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('looks past a title line above the header', () => {
    expect(sniffDelimiter('Shipment report for 24/11\nAWB|Name|Phone\n1|A|9\n2|B|8\n')).toBe('|');
  });
});
