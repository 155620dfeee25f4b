/**
 * The schema's history: numbered, forward-only migrations. A new schema change is a new entry at the end;
 * an applied entry is never edited.
 */
import { up as initial } from './001-initial';
import { up as orderCity } from './003-order-city';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  // 002 reserved for the engine
  { version: 3, name: 'order-city', up: orderCity },
];
