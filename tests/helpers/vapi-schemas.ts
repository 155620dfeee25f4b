/**
 * Validators for VAPI's request and response shapes, from the reduced copy of VAPI's OpenAPI document in
 * tests/fixtures/vapi (see reduce-openapi.mjs there). VAPI's schemas leave objects open; here every object
 * schema refuses properties it does not name (`unevaluatedProperties: false`, which sees through allOf and
 * oneOf), so a misspelt or invented field fails the test instead of being silently ignored by VAPI.
 * Where a union's branches are plain overlapping values ("a preset name or any string") it is read as anyOf.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';

type SchemaNode = Record<string, unknown>;

function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    // A `properties` map holds property names, not keywords: close the schemas inside it, not the map.
    copy[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, closeObjects(inner)]))
        : closeObjects(value);
  }
  if ('properties' in copy && !('additionalProperties' in copy)) copy.unevaluatedProperties = false;
  // "A preset or any other string" is written as oneOf [enum, string]; a preset matches both branches, which
  // JSON Schema's oneOf refuses and VAPI (class-validator) accepts. Overlapping plain branches are anyOf.
  if (
    Array.isArray(copy.oneOf) &&
    copy.oneOf.every((branch: SchemaNode) => !branch.$ref && !branch.properties)
  ) {
    copy.anyOf = copy.oneOf;
    delete copy.oneOf;
  }
  // OpenAPI 3.0's `nullable` on a union without `type` (StructuredOutputRunResult.result): "or null".
  if (copy.nullable === true && !('type' in copy)) {
    const { nullable: _nullable, ...rest } = copy;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return copy;
}

const document = JSON.parse(
  readFileSync(new URL('../fixtures/vapi/openapi-reduced.json', import.meta.url), 'utf8'),
) as SchemaNode;

// OpenAPI keywords (nullable, example) and formats are not JSON Schema 2020 vocabulary: ignore, do not fail.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(closeObjects(document) as SchemaNode);

export type VapiSchemaName =
  | 'CreateAssistantDTO'
  | 'CreateCallDTO'
  | 'CreateStructuredOutputDTO'
  | 'BotMessage'
  | 'UserMessage'
  | 'SystemMessage'
  | 'StructuredOutputRunResult'
  | 'Analysis';

/** The schema violations of `value` against VAPI's `name` schema, one readable line each; [] when valid. */
export function vapiSchemaErrors(name: VapiSchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(`${String(document.$id)}#/components/schemas/${name}`);
  if (!validate) throw new Error(`no VAPI schema ${name} in the reduced document`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra =
      'unevaluatedProperty' in error.params ? ` (${String(error.params.unevaluatedProperty)})` : '';
    return `${error.instancePath || '/'} ${error.message ?? 'invalid'}${extra}`;
  });
}
