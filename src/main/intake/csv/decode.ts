/**
 * Bytes → text for a CSV file as desks get them: UTF-8 with or without a byte-order mark, Windows-1252 from
 * older Excel and panel exports, and UTF-16 from Excel's "Unicode Text" save. Line endings become '\n' so
 * that line numbers count the same whichever system wrote the file.
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8 (BOM)' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBytes(bytes: Uint8Array): DecodedCsv {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: Buffer.from(bytes.subarray(3)).toString('utf8'), encoding: 'utf-8 (BOM)' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: bytes such as 0xE9 ('é') or 0x96 ('–') on their own are what Windows-1252 writes.
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const decoded = decodeBytes(bytes);
  return { ...decoded, text: decoded.text.replace(/\r\n?/g, '\n') };
}
