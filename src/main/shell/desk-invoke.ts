/**
 * The IPC handler's logic, without Electron: checks the method name, validates the arguments against the
 * contract, calls the desk, and turns every outcome into a DeskReply — the headless host's response message
 * (src/shared/bridge.ts DeskResponseMessage) without its id. Errors are answered, never thrown, because
 * Electron re-wraps thrown errors ("Error invoking remote method …") and drops their fields.
 */
import {
  DeskArgumentError,
  isDeskMethod,
  parseDeskArgs,
  type DeskApi,
  type DeskError,
} from '../../shared/contract';

/** What the main process answers on IPC_INVOKE_CHANNEL; the preload unwraps it. */
export type DeskReply = { result: unknown } | { error: DeskError };

export interface InvokeContext {
  /** The sending frame belongs to the console (see window-policy isTrustedRendererUrl). */
  trusted: boolean;
  /** Blanks out secrets from a message before it leaves the main process. */
  redact: (message: string) => string;
  /** The full error for the log; the renderer only gets the message. */
  onUnexpected: (method: string, error: unknown) => void;
}

const MAX_NAME_SHOWN = 60;

export async function invokeDesk(
  desk: DeskApi,
  method: unknown,
  args: unknown,
  context: InvokeContext,
): Promise<DeskReply> {
  if (!context.trusted) return failure({ message: 'This page may not use the desk.' });
  if (!isDeskMethod(method)) {
    return failure({ message: `Unknown desk method: ${String(method).slice(0, MAX_NAME_SHOWN)}` });
  }
  try {
    const parsed = parseDeskArgs(method, args);
    const call = desk[method] as (validated: typeof parsed) => Promise<unknown>;
    const result = await call(parsed);
    return { result };
  } catch (error) {
    if (error instanceof DeskArgumentError) {
      return failure(
        error.field
          ? { message: context.redact(error.message), field: error.field }
          : { message: context.redact(error.message) },
      );
    }
    context.onUnexpected(method, error);
    const message = error instanceof Error && error.message ? error.message : 'The desk could not do that.';
    return failure({ message: context.redact(message) });
  }
}

function failure(error: DeskError): DeskReply {
  return { error };
}
