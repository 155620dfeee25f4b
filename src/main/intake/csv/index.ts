/** CSV intake's public face: preview a file, import it, and the column vocabulary the console shows. */
export { previewCsv, type CsvPreview, type CsvPreviewOptions, type CsvPreviewRow } from './preview';
export { importCsv, type CsvImportOptions, type CsvImportResult } from './import';
export {
  CSV_FIELDS,
  FIELD_LABELS,
  CsvImportError,
  detectMapping,
  type ColumnMapping,
  type CsvField,
} from './columns';
export type { CsvEncoding } from './decode';
export type { CsvDelimiter } from './delimiter';
