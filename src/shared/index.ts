/** The shared contract's public face. */
export * from './contract';
export type * from './desk-types';
