/**
 * The desk: the one facade the console talks to (DESIGN.md). It implements every method of the shared
 * contract and pushes the contract's events. Transports (Electron IPC, the headless host) only validate
 * arguments and forward to it.
 */
import type { DeskApi, DeskEvent, DeskEvents } from '../../shared/contract';

export type DeskListener<E extends DeskEvent> = (payload: DeskEvents[E]) => void;

export interface Desk extends DeskApi {
  on<E extends DeskEvent>(event: E, listener: DeskListener<E>): () => void;
  /** Stops the scheduler, lets in-flight calls be recorded, closes the store. */
  close(): Promise<void>;
}
