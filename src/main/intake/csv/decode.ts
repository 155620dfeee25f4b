/**
 * Bytes → text for a CSV file as desks get them: UTF-8 with or without a byte-order mark, Windows-1252 from
 * older Excel and panel exports, and UTF-16 from Excel's "Unicode Text" save. Line endings become '\n' so
 * that line numbers count the same whichever system wrote the file.
 *
 * The text is handed out in pieces of about a megabyte, so a 50 MB file is never one 100 MB string in
 * memory; `decodeCsv` joins them for callers that want it whole.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8 (BOM)' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

export interface DecodedCsvPieces {
  encoding: CsvEncoding;
  /** The text in order, line endings already '\n'; a piece may end in the middle of a line. */
  pieces: Iterable<string>;
}

const PIECE_BYTES = 32 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function detect(bytes: Uint8Array): { encoding: CsvEncoding; skip: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8 (BOM)', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  // Not valid UTF-8: bytes such as 0xE9 ('é') or 0x96 ('–') on their own are what Windows-1252 writes.
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252', skip: 0 };
}

function* decodePieces(bytes: Uint8Array, encoding: CsvEncoding, skip: number): Generator<string> {
  const decoder = iconv.getDecoder(encoding.startsWith('utf-8') ? 'utf-8' : encoding);
  // A '\r' at the end of a piece may be the first half of '\r\n': it waits for the next piece.
  let carry = '';
  const normalise = (text: string, final: boolean): string => {
    let joined = carry + text;
    carry = '';
    if (!final && joined.endsWith('\r')) {
      carry = '\r';
      joined = joined.slice(0, -1);
    }
    return joined.replace(/\r\n?/g, '\n');
  };
  for (let at = skip; at < bytes.length; at += PIECE_BYTES) {
    const text = normalise(
      decoder.write(
        Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(PIECE_BYTES, bytes.length - at)),
      ),
      false,
    );
    if (text !== '') yield text;
  }
  const rest = normalise(decoder.end() ?? '', true);
  if (rest !== '') yield rest;
}

export function decodeCsvPieces(bytes: Uint8Array): DecodedCsvPieces {
  const { encoding, skip } = detect(bytes);
  return { encoding, pieces: decodePieces(bytes, encoding, skip) };
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const { encoding, pieces } = decodeCsvPieces(bytes);
  return { text: [...pieces].join(''), encoding };
}
