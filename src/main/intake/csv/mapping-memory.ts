/**
 * Remembers the column mapping used for a set of headers, so the next file from the same panel is read
 * the same way without the operator correcting it again. Kept in the store's settings table.
 */
import type { Store } from '../../store';
import { CSV_FIELDS, type ColumnMapping } from './columns';
import type { CsvReadOptions } from './reader';

const KEY_PREFIX = 'csv.mapping:';

type SettingsHolder = Pick<Store, 'settings'>;

function isMapping(value: unknown): value is ColumnMapping {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return CSV_FIELDS.every((field) => record[field] === null || typeof record[field] === 'string');
}

export function rememberedMapping(store: SettingsHolder, signature: string): ColumnMapping | undefined {
  const value = store.settings.getJson<unknown>(KEY_PREFIX + signature);
  return isMapping(value) ? value : undefined;
}

export function rememberMapping(store: SettingsHolder, signature: string, mapping: ColumnMapping): void {
  store.settings.setJson(KEY_PREFIX + signature, mapping);
}

/**
 * How this desk reads a file: the operator's corrections, the phone region, and the mapping remembered for the
 * file's headers. Preview and import both read through it, so the preview shows exactly what the import does.
 */
export function readOptionsFor(
  store: SettingsHolder,
  options: Pick<CsvReadOptions, 'mapping' | 'region'>,
): CsvReadOptions {
  return {
    mapping: options.mapping,
    region: options.region,
    remembered: (signature) => rememberedMapping(store, signature),
  };
}
