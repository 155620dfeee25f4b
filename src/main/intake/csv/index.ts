/** CSV intake's public face: preview a file, import it, and the column vocabulary the console shows. */
export {
  previewCsv,
  previewRecords,
  type CsvPreview,
  type CsvPreviewOptions,
  type CsvPreviewRow,
} from './preview';
export {
  importCsv,
  importRecords,
  mergeStaged,
  mergeStagedFile,
  stageRecords,
  StagingBatch,
  type CsvImportOptions,
  type CsvImportResult,
  type StagedFile,
} from './import';
export { csvSource, mappingFor, type RecordSource } from './reader';
export type { CsvRecord } from './parse';
export {
  CSV_FIELDS,
  FIELD_LABELS,
  CsvImportError,
  detectMapping,
  headerSignature,
  missingRequired,
  type ColumnMapping,
  type CsvField,
} from './columns';
export type { CsvEncoding } from './decode';
export type { CsvDelimiter } from './delimiter';
