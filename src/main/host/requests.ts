/**
 * What arrives on the wire, checked before anything reads it: a WebSocket message must be a JSON object
 * `{ "id": <whole number>, "method": …, "args": … }`, an HTTP body empty or JSON, and neither nested deeper
 * than any real request is (a deeply nested value parses slowly and overflows the stack of whatever walks it
 * recursively). Method names and arguments are the desk's door's to judge (desk/invoke.ts).
 */

/** The deepest real request is 4 levels (message, args, calling, workingHours); this leaves room. */
export const MAX_NESTING = 16;

export const REQUEST_SHAPE = '{ "id": 1, "method": "status", "args": {} }';

export type ParsedFrame =
  | { ok: true; id: number; method: unknown; args: unknown }
  | { ok: false; id: number | null; message: string };

export type ParsedBody = { ok: true; args: unknown } | { ok: false; message: string };

/**
 * True when `text` opens more than `max` arrays or objects inside each other. Reads the raw text, so a
 * hostile message is refused before JSON.parse; strings are skipped whole (brackets in them do not count).
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (end === -1) return false; // unterminated: JSON.parse refuses it
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

function parseJson(
  text: string,
  shape: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (nestedDeeperThan(text, MAX_NESTING)) {
    return { ok: false, message: `The request is nested too deeply (more than ${MAX_NESTING} levels).` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: `The request is not JSON; send ${shape}.` };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** One WebSocket message: the id to answer under, and the method and arguments for the desk's door. */
export function parseFrame(text: string): ParsedFrame {
  const parsed = parseJson(text, REQUEST_SHAPE);
  if (!parsed.ok) return { ok: false, id: null, message: parsed.message };
  const frame = parsed.value;
  if (!isPlainObject(frame)) {
    return { ok: false, id: null, message: `A request must be a JSON object like ${REQUEST_SHAPE}.` };
  }
  if (!isRequestId(frame.id)) {
    return {
      ok: false,
      id: null,
      message: `A request needs an "id" that is a whole number (0 or more), like ${REQUEST_SHAPE}.`,
    };
  }
  return { ok: true, id: frame.id, method: frame.method, args: frame.args };
}

/** An HTTP API body: empty (no arguments) or JSON; whether it is an object is the door's to say. */
export function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: true, args: undefined };
  const parsed = parseJson(text, 'the arguments as a JSON object, like {}');
  return parsed.ok ? { ok: true, args: parsed.value } : parsed;
}
