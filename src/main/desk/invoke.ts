/**
 * The one door to the desk for every transport (Electron IPC, the headless host's WebSocket and HTTP API):
 * the caller's trust checked, the method name checked against the contract, the arguments validated with the
 * contract's schema, the desk called, and every outcome answered as a DeskReply — never thrown, because
 * Electron re-wraps thrown errors and drops their fields, and a throw in the host would be unhandled.
 * Messages leave with secrets blanked and bounded in length; an unexpected failure is logged in full
 * (redacted too) for whoever reads the log, while the console gets only its message.
 */
import {
  DeskArgumentError,
  isDeskMethod,
  parseDeskArgs,
  type DeskApi,
  type DeskError,
} from '../../shared/contract';
import type { Logger } from '../log';

/** What a transport sends back: the headless host's response message without its id. */
export type DeskReply = { result: unknown } | { error: DeskError };

export interface InvokeContext {
  /** The caller is the console: IPC checks the sending frame, the host checked the token at its door. */
  trusted: boolean;
  /** Blanks out secrets from a message before it leaves the process or reaches the log. */
  redact: (message: string) => string;
  /** Where unexpected failures go, with their stack. */
  logger: Logger;
  now: () => number;
}

/** Long enough for any message the desk writes; an echo of a hostile input is cut here. */
export const MAX_REPLY_MESSAGE = 500;
const MAX_NAME_SHOWN = 60;

export async function invokeDesk(
  desk: DeskApi,
  method: unknown,
  args: unknown,
  context: InvokeContext,
): Promise<DeskReply> {
  if (!context.trusted) return failure(context, 'This page may not use the desk.');
  if (!isDeskMethod(method)) return failure(context, `Unknown desk method: ${describeName(method)}`);
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    return failure(context, `${method}: the arguments must be an object, like {}`);
  }
  try {
    const parsed = parseDeskArgs(method, args);
    // The contract pairs each method with its argument type; TypeScript cannot follow the pairing.
    const call = desk[method] as (validated: typeof parsed) => Promise<unknown>;
    return { result: await call.call(desk, parsed) };
  } catch (error) {
    if (error instanceof DeskArgumentError) {
      return failure(context, error.message, error.field);
    }
    context.logger.log({
      at: context.now(),
      level: 'error',
      message: context.redact(`${method} failed: ${errorText(error)}`),
    });
    const message = error instanceof Error && error.message ? error.message : 'The desk could not do that.';
    return failure(context, message);
  }
}

function failure(context: InvokeContext, text: string, field?: string): DeskReply {
  const message = bounded(context.redact(text));
  return { error: field ? { message, field: bounded(context.redact(field)) } : { message } };
}

function bounded(text: string): string {
  return text.length > MAX_REPLY_MESSAGE ? `${text.slice(0, MAX_REPLY_MESSAGE)}…` : text;
}

/** A method name as the refusal shows it: strings cut short, anything else by its kind (never String()). */
function describeName(method: unknown): string {
  if (typeof method === 'string') {
    return method.length > MAX_NAME_SHOWN ? `${method.slice(0, MAX_NAME_SHOWN)}…` : method;
  }
  if (method === null || method === undefined) return '(none given)';
  const kind = Array.isArray(method)
    ? 'an array'
    : typeof method === 'object'
      ? 'an object'
      : `a ${typeof method}`;
  return `(${kind}, not a name)`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  try {
    return String(error);
  } catch {
    return 'an error that cannot be shown';
  }
}
