/**
 * The shipped assistant (resources/assistant) is VAPI JSON that must go through as-is: as the body of
 * POST /assistant, as the transient `assistant` of POST /call, and its structured output as the body of
 * POST /structured-output. Checked against VAPI's own schemas, with unknown fields refused, and against what
 * the desk sends and reads (the template variables of the create-call request, the answer's fields).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWER_INTENTS, ANSWER_OUTPUT_NAME } from '../../src/main/domain/answer';
import { vapiSchemaErrors } from '../helpers/vapi-schemas';

type Json = Record<string, unknown>;

const assistant = JSON.parse(
  readFileSync(
    new URL('../../resources/assistant/delivery-confirmation.assistant.json', import.meta.url),
    'utf8',
  ),
) as Json & {
  firstMessage: string;
  model: { messages: Array<{ role: string; content: string }> };
  artifactPlan: { structuredOutputs: Array<Json & { name: string; schema: Json }> };
  analysisPlan: {
    structuredDataPlan: Json & { schema: Json };
    successEvaluationPlan: Json;
  };
};

/** `assistantOverrides.variableValues` as the desk sends them (callRequest in src/main/engine/session-run.ts). */
const DESK_VARIABLES = ['customerName', 'awb', 'awbCount', 'orderType', 'address', 'pincode', 'codAmount'];

/** Variables VAPI fills itself in prompts and in analysis / extraction messages. */
const VAPI_VARIABLES = [
  'startedAt',
  'transcript',
  'callEndedReason',
  'endedReason',
  'schema',
  'systemPrompt',
  'rubric',
  'structuredOutput.schema',
  'structuredOutput.description',
];

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The names inside {{ }} (LiquidJS: `{{"now" | date: ...}}` names the literal "now"). */
function templateVariables(value: unknown): Set<string> {
  const found = new Set<string>();
  for (const text of strings(value)) {
    for (const match of text.matchAll(/\{\{\s*([^}|\s]+)[^}]*\}\}/g)) found.add(match[1]!);
  }
  return found;
}

const output = assistant.artifactPlan.structuredOutputs[0]!;

describe('the shipped assistant as VAPI JSON', () => {
  it('is a valid POST /assistant body (CreateAssistantDTO)', () => {
    expect(vapiSchemaErrors('CreateAssistantDTO', assistant)).toEqual([]);
  });

  it('is a valid transient assistant in the POST /call body the desk sends', () => {
    const body = {
      assistant,
      phoneNumberId: 'phone-number-id',
      customer: { number: '+919876500001', name: 'Raj Kumar' },
      assistantOverrides: {
        variableValues: Object.fromEntries(DESK_VARIABLES.map((name) => [name, 'x'])),
        metadata: { callId: 1, sessionId: 1, awbs: 'AWB1000001' },
      },
    };
    expect(vapiSchemaErrors('CreateCallDTO', body)).toEqual([]);
  });

  it('carries its structured output inline, and that output is also a valid POST /structured-output body', () => {
    expect(assistant.artifactPlan.structuredOutputs).toHaveLength(1);
    expect(vapiSchemaErrors('CreateStructuredOutputDTO', output)).toEqual([]);
  });

  it.each([
    ['a misspelt field', (a: Json) => ((a.artifactPlan as Json).structuredOutputIDs = ['id'])],
    ['an invented field', (a: Json) => (a.language = 'hi')],
    ['an unknown voice provider', (a: Json) => ((a.voice as Json).provider = 'azur')],
    ['a name over 40 characters', (a: Json) => (a.name = 'A'.repeat(41))],
    [
      'a structured output without a schema',
      (a: Json) => delete ((a.artifactPlan as Json).structuredOutputs as Json[])[0]!.schema,
    ],
  ])('would be refused with %s', (_label, spoil) => {
    const spoilt = copy(assistant) as Json;
    spoil(spoilt);
    expect(vapiSchemaErrors('CreateAssistantDTO', spoilt)).not.toEqual([]);
  });
});

describe('the shipped assistant and the desk', () => {
  it('fills the structured output the desk reads, named as answer.ts expects, with every intent and field', () => {
    expect(output.name).toBe(ANSWER_OUTPUT_NAME);
    const schema = output.schema as { properties: Record<string, Json>; required: string[] };
    expect(schema.required).toEqual(['intent']);
    expect(schema.properties.intent!.enum).toEqual([...ANSWER_INTENTS]);
    expect(
      Object.fromEntries(Object.entries(schema.properties).map(([name, field]) => [name, field.type])),
    ).toEqual({
      intent: 'string',
      date: 'string',
      time: 'string',
      address: 'string',
      landmark: 'string',
      codReady: 'boolean',
      notes: 'string',
    });
  });

  it('asks the legacy analysis for the same fields, and for a pass/fail success evaluation', () => {
    expect(assistant.analysisPlan.structuredDataPlan).toMatchObject({ enabled: true });
    expect(assistant.analysisPlan.structuredDataPlan.schema).toEqual(output.schema);
    expect(assistant.analysisPlan.successEvaluationPlan).toMatchObject({ enabled: true, rubric: 'PassFail' });
  });

  it('uses only the variables the desk sends and those VAPI fills, and every one the desk sends', () => {
    const used = templateVariables(assistant);
    const known = new Set([...DESK_VARIABLES, ...VAPI_VARIABLES, '"now"']);
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
    const prompt = assistant.model.messages.find((message) => message.role === 'system')!.content;
    expect(DESK_VARIABLES.filter((name) => !templateVariables(prompt).has(name))).toEqual([]);
    expect(assistant.firstMessage).toContain('{{customerName}}');
  });

  it('asks the customer to choose Hindi or English in its first message', () => {
    expect(assistant.firstMessage).toMatch(/हिंदी/);
    expect(assistant.firstMessage).toMatch(/English/);
  });
});
