// Validates real response bodies against the app's OpenAPI document with ajv in its default settings
// (JSON Schema 2020-12, as OpenAPI 3.1 uses; ajv-formats for "date-time"). The document's
// "#/components/schemas/X" references are pointed at "#/$defs/X" of one schema per response, since a
// JSON Schema validator resolves "#" against the schema it compiles, not the enclosing document.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { buildOpenApiDocument } from '../../src/contracts/openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const doc = buildOpenApiDocument() as Json;
const ajv = new Ajv2020();
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

const pointDefs = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));

function operation(operationId: string): Json {
  for (const item of Object.values(doc.paths as Json)) {
    for (const op of Object.values(item as Json)) if ((op as Json).operationId === operationId) return op as Json;
  }
  throw new Error(`no operation ${operationId} in the document`);
}

/** The schema the document gives for this operation's response with this status (it must list the status). */
export function responseValidator(operationId: string, status: number): ValidateFunction {
  const key = `${operationId} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const response = operation(operationId).responses[String(status)] as Json | undefined;
    expect(response, `${operationId} does not document status ${status}`).toBeDefined();
    const schema = response!.content?.['application/json']?.schema;
    expect(schema, `${operationId} ${status} has no JSON schema`).toBeDefined();
    validate = ajv.compile({ ...(pointDefs(schema) as Json), $defs: pointDefs(doc.components.schemas) as Json });
    compiled.set(key, validate);
  }
  return validate;
}

/** Expects the body of a real response to match what the document says of that operation and status. */
export function expectDocumented(operationId: string, reply: { status: number; body: unknown; text: string }): void {
  const validate = responseValidator(operationId, reply.status);
  expect(validate(reply.body), `${operationId} ${reply.status} ${reply.text.slice(0, 300)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
