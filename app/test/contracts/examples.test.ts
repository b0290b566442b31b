// Every operation of the OpenAPI document has a summary, an example request body where it takes one, an
// example for every response that has a body, and error descriptions that name exactly the codes of its
// examples; every example is valid against its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) in the
// validator's default settings, and every error example uses the status that status.ts gives its code.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/contracts/examples';
import { buildOpenApiDocument } from '../../src/contracts/openapi';
import type { ErrorCode } from '../../src/domain/result';
import { STATUS_OF } from '../../src/functions/http/status';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const doc = buildOpenApiDocument() as Json;
const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op: op as Json })));

/** Codes the host (not the app) answers with; they are not in the app's status table. */
const HOST_CODES: Record<string, number> = { PayloadTooLarge: 413 };

const ajv = new Ajv2020({ strict: false }); // strict mode rejects OpenAPI's own keywords inside schemas (e.g. `example`)
addFormats(ajv); // date-time and the other formats z.toJSONSchema emits
ajv.addSchema({ $id: 'openapi.json', components: doc.components });
const validatorOf = (schema: Json) => ajv.compile({ $ref: 'openapi.json#', ...rebase(schema) });

/** Points the document's local refs (#/components/...) at the schema registered above. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
}

describe('OpenAPI examples', () => {
  it('has examples for every operation and no examples for operations that do not exist', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ids].sort());
  });

  it('gives every operation a summary, a request example and an example for every response with a body', () => {
    const missing: string[] = [];
    for (const { where, op } of operations) {
      if (!op.summary) missing.push(`${where}: summary`);
      const body = op.requestBody?.content?.['application/json'];
      if (body && Object.keys(body.examples ?? {}).length === 0) missing.push(`${where}: request example`);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const media = response.content?.['application/json'];
        if (media && Object.keys(media.examples ?? {}).length === 0) missing.push(`${where} ${status}: response example`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('validates every example against its schema', () => {
    const invalid: string[] = [];
    for (const { where, op } of operations) {
      const check = (label: string, media: Json | undefined) => {
        if (!media?.schema) return;
        const validate = validatorOf(media.schema);
        for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
          if (!validate(example.value)) invalid.push(`${where} ${label} '${name}': ${ajv.errorsText(validate.errors)}`);
        }
      };
      check('request', op.requestBody?.content?.['application/json']);
      for (const [status, response] of Object.entries(op.responses as Json)) check(status, response.content?.['application/json']);
    }
    expect(invalid).toEqual([]);
  });

  it('names in each error description exactly the codes of its examples, each answered with that status', () => {
    const problems: string[] = [];
    for (const { where, op } of operations) {
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (Number(status) < 400) continue;
        const examples = Object.values((response.content?.['application/json']?.examples ?? {}) as Json).map((e) => e.value);
        const codes = [...new Set(examples.map((body) => body.error.code as string))];
        if (!String(response.description).startsWith(`${codes.join(', ')}: `)) problems.push(`${where} ${status}: "${response.description}" vs ${codes}`);
        for (const code of codes) {
          const expected = STATUS_OF[code as ErrorCode] ?? HOST_CODES[code];
          if (expected !== Number(status)) problems.push(`${where} ${status}: ${code} is answered with ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails on an example that does not match its schema (the check can fail)', () => {
    const validate = validatorOf({ $ref: '#/components/schemas/Order' });
    expect(validate({ id: 'x' })).toBe(false);
    expect(validate(EXAMPLES.OrderGet!.responses[200]!.order)).toBe(true);
  });
});
