/**
 * Checks a `POST /call` body the way VAPI does and answers with VAPI's error bodies (NestJS shape:
 * `{ message, error: 'Bad Request', statusCode: 400 }`): unknown properties are rejected, the customer
 * number must be E.164, and an assistant and a phone number must be named.
 */

/** `CreateCallDTO` properties in VAPI's OpenAPI document; anything else is refused like VAPI refuses it. */
const CREATE_CALL_PROPERTIES = new Set([
  'assistantVersion',
  'transport',
  'customers',
  'name',
  'schedulePlan',
  'assistantId',
  'assistant',
  'assistantOverrides',
  'squadId',
  'squad',
  'squadOverrides',
  'workflowId',
  'workflow',
  'workflowOverrides',
  'phoneNumberId',
  'phoneNumber',
  'customerId',
  'customer',
]);

const E164 = /^\+[1-9]\d{6,14}$/;

export interface ValidCreateCall {
  assistantId: string;
  phoneNumberId: string;
  customer: { number: string; name?: string };
  assistantOverrides?: Record<string, unknown>;
  name?: string;
}

export interface ApiErrorBody {
  message: string | string[];
  error: string;
  statusCode: number;
}

export function badRequest(message: string | string[]): ApiErrorBody {
  return { message, error: 'Bad Request', statusCode: 400 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function validateCreateCall(
  body: unknown,
): { ok: true; call: ValidCreateCall } | { ok: false; error: ApiErrorBody } {
  if (!isRecord(body)) return { ok: false, error: badRequest('Expected a JSON object') };
  // Property-level validation runs first (class-validator), so all its complaints come back together.
  const problems: string[] = [];
  for (const key of Object.keys(body)) {
    if (!CREATE_CALL_PROPERTIES.has(key)) problems.push(`property ${key} should not exist`);
  }
  const customer = body.customer;
  if (customer !== undefined) {
    if (!isRecord(customer)) {
      problems.push('customer must be an object');
    } else {
      if (typeof customer.number !== 'string' || !E164.test(customer.number)) {
        problems.push(
          'customer.number must be a valid phone number in the E.164 format. Hot tip, you may be missing the country code (Eg. US: +1).',
        );
      }
      if (customer.name !== undefined && (typeof customer.name !== 'string' || customer.name.length > 40)) {
        problems.push('customer.name must be shorter than or equal to 40 characters');
      }
    }
  }
  if (body.assistantOverrides !== undefined && !isRecord(body.assistantOverrides)) {
    problems.push('assistantOverrides must be an object');
  }
  if (problems.length > 0) return { ok: false, error: badRequest(problems) };

  // A transient `assistant` object is as good as an id; the fake does not run it either way.
  const assistantId =
    typeof body.assistantId === 'string' && body.assistantId !== ''
      ? body.assistantId
      : isRecord(body.assistant)
        ? 'transient-assistant'
        : null;
  if (assistantId === null) {
    return {
      ok: false,
      error: badRequest(
        "Couldn't Get Assistant. Need Either `assistant`, `assistantId`, `squad`, Or `squadId`.",
      ),
    };
  }
  if (typeof body.phoneNumberId !== 'string' || body.phoneNumberId === '') {
    return {
      ok: false,
      error: badRequest("Couldn't Get Phone Number. Need Either `phoneNumberId` Or `phoneNumber`."),
    };
  }
  if (!isRecord(customer)) {
    return { ok: false, error: badRequest("Couldn't Get Customer. Need Either `customer` Or `customerId`.") };
  }
  const validCustomer = customer as { number: string; name?: string };
  return {
    ok: true,
    call: {
      assistantId,
      phoneNumberId: body.phoneNumberId,
      customer: { number: validCustomer.number, ...(validCustomer.name ? { name: validCustomer.name } : {}) },
      ...(isRecord(body.assistantOverrides) ? { assistantOverrides: body.assistantOverrides } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
    },
  };
}
