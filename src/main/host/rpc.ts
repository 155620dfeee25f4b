/**
 * One desk call from outside: the method name checked against the contract, the arguments validated with
 * the contract's schema, the desk called, and any failure turned into `{ message, field? }` for the console.
 * Unexpected errors keep their message (an operator can act on most) but never a stack trace.
 */
import {
  DeskArgumentError,
  isDeskMethod,
  parseDeskArgs,
  type DeskError,
  type DeskMethod,
} from '../../shared/contract';
import type { Desk } from '../desk/desk';

export type RpcOutcome = { result: unknown } | { error: DeskError };

export async function callDesk(desk: Desk, method: unknown, args: unknown): Promise<RpcOutcome> {
  if (!isDeskMethod(method)) return { error: { message: `Unknown method: ${String(method)}` } };
  try {
    const parsed = parseDeskArgs(method, args);
    // The contract guarantees the argument type matches the method; TypeScript cannot follow the pairing.
    const call = desk[method] as (args: unknown) => Promise<unknown>;
    return { result: await call.call(desk, parsed) };
  } catch (error) {
    if (error instanceof DeskArgumentError) {
      return {
        error: error.field ? { message: error.message, field: error.field } : { message: error.message },
      };
    }
    return { error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

export type { DeskMethod };
