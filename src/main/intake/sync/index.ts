/** Order-source sync's public face: the adapter contract, the two adapters and the sync itself. */
export { OrderSourceError, type OrderSourceAdapter, type SourceRange, type SourceStatus } from './adapter';
export { IThinkAdapter, ITHINK_TRACK_BATCH, type IThinkCredentials, type IThinkOptions } from './ithink';
export {
  GenericJsonAdapter,
  DEFAULT_GENERIC_FIELDS,
  type GenericFieldMapping,
  type GenericJsonOptions,
} from './generic-json';
export { syncOrders, type SyncOptions, type SyncResult } from './sync-orders';
export { adapterFromSettings, type OrderSourceConfig } from './from-settings';
