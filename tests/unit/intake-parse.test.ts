import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCsv } from '../../src/main/intake/csv/decode';
import { sniffDelimiter } from '../../src/main/intake/csv/delimiter';
import { CsvParser, parseCsvText, type BrokenLine, type CsvRecord } from '../../src/main/intake/csv/parse';

function parseAll(text: string) {
  const records: CsvRecord[] = [];
  const broken: BrokenLine[] = [];
  parseCsvText(text, ',', { record: (record) => records.push(record), broken: (line) => broken.push(line) });
  return { records, broken };
}

describe('parseCsvText', () => {
  it('numbers each record by the line it starts on in the original file, blank lines included', () => {
    const { records } = parseAll('AWB,Address\n1,"Door 5,\n2nd Cross"\n\n2,Plain\n3,"a\nb\nc"\n4,Last');
    expect(records.map((record) => [record.line, record.endLine, record.cells[0]])).toEqual([
      [1, 1, 'AWB'],
      [2, 3, '1'],
      [4, 4, ''],
      [5, 5, '2'],
      [6, 8, '3'],
      [9, 9, '4'],
    ]);
    expect(records[1]!.cells[1]).toBe('Door 5,\n2nd Cross');
  });

  it('keeps doubled quotes and stray inch marks as text', () => {
    const { records } = parseAll('a,b\n"Ravi ""Bunty"" Kumar",5" pack\n');
    expect(records[1]!.cells).toEqual(['Ravi "Bunty" Kumar', '5" pack']);
  });

  it('reports a quote never closed at its line and reads the rows after it', () => {
    const { records, broken } = parseAll('a,b\n1,"cut off\n2,x\n3,y\n');
    expect(broken).toEqual([{ line: 2, reason: expect.stringContaining('never closed') }]);
    expect(records.map((record) => [record.line, record.cells[0]])).toEqual([
      [1, 'a'],
      [3, '2'],
      [4, '3'],
    ]);
  });

  it('reads a last line without a newline', () => {
    expect(parseAll('a,b\n1,2').records.at(-1)).toEqual({ line: 2, endLine: 2, cells: ['1', '2'] });
  });
});

describe('CsvParser fed in pieces', () => {
  const fixtures = join(__dirname, '..', 'fixtures', 'csv');
  const corpus = readdirSync(fixtures).filter((name) => /\.(csv|tsv|txt)$/.test(name));

  it.each(corpus)('reads %s in 1-, 7- and 64-character pieces exactly as in one piece', (name) => {
    const { text } = decodeCsv(readFileSync(join(fixtures, name)));
    const delimiter = sniffDelimiter(text);
    const whole = parseAll(text);
    for (const size of [1, 7, 64]) {
      const records: CsvRecord[] = [];
      const broken: BrokenLine[] = [];
      const parser = new CsvParser(delimiter, {
        record: (record) => records.push(record),
        broken: (line) => broken.push(line),
      });
      for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
      parser.end();
      expect({ records, broken }).toEqual(delimiter === ',' ? whole : parseWith(text, delimiter));
    }
  });

  it('reads a doubled quote split across two pieces as one quote', () => {
    const records: CsvRecord[] = [];
    const parser = new CsvParser(',', { record: (record) => records.push(record), broken: () => {} });
    parser.push('a\n"Ravi "');
    parser.push('"Bunty"" Kumar"\n');
    parser.end();
    expect(records[1]!.cells).toEqual(['Ravi "Bunty" Kumar']);
  });
});

function parseWith(text: string, delimiter: ',' | ';' | '\t' | '|') {
  const records: CsvRecord[] = [];
  const broken: BrokenLine[] = [];
  parseCsvText(text, delimiter, {
    record: (record) => records.push(record),
    broken: (line) => broken.push(line),
  });
  return { records, broken };
}
