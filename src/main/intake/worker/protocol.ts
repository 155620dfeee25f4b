/**
 * What the desk's main thread and the intake worker say to each other. A file travels as base64 text in
 * slices (each post copies one slice, so no single post stalls the main thread on a 50 MB file); the worker
 * decodes and reads it, and answers with the preview or the import's result, or an error by name and message.
 */
import type { CsvImportResult, CsvPreview } from '../csv';

export interface IntakeWorkerData {
  /** The desk's SQLite file; the worker opens its own connection to it. */
  databaseFile: string;
  nativeBinding?: string;
}

export interface FileOptions {
  fileName: string;
  mapping?: Record<string, string | null>;
  region: string;
}

export type IntakeRequest =
  /** `total`: the whole file's base64 length, so that the worker decodes every slice into one buffer. */
  | { id: number; kind: 'slice'; base64: string; total: number }
  | { id: number; kind: 'preview'; options: FileOptions & { rowLimit?: number } }
  | { id: number; kind: 'import'; options: FileOptions & { now: number } }
  | { id: number; kind: 'close' };

export interface IntakeResults {
  preview: CsvPreview;
  import: CsvImportResult;
}

export type IntakeReply =
  | { id: number; ok: true; value: CsvPreview | CsvImportResult }
  | { id: number; ok: false; error: { name: string; message: string } };
