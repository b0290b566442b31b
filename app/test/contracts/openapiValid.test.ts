// The generated OpenAPI document is structurally valid OpenAPI 3.1 (the rules a 3.1 validator checks that
// the generator could get wrong): every $ref resolves, every path template variable is declared once as a
// required path parameter and nothing else is, operationIds are unique, every response has a description
// and a status key, security requirements name declared schemes, and the document is plain JSON.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/contracts/openapi';
import { STATUS_OF } from '../../src/functions/http/status';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const doc = buildOpenApiDocument() as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })));

/** Every `$ref` string anywhere in the value, with where it was found. */
function refs(value: unknown, where: string, found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => refs(v, `${where}[${i}]`, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref') found.push([where, String(v)]);
      else refs(v, `${where}.${key}`, found);
    }
  }
  return found;
}

describe('OpenAPI 3.1 structure', () => {
  it('has the required top-level fields and is plain JSON', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // no undefined, functions or class instances
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\//);
  });

  it('resolves every $ref inside the document', () => {
    const unresolved = refs(doc, '#').filter(([, ref]) => {
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
      return !name || !(name in doc.components.schemas);
    });
    expect(unresolved).toEqual([]);
  });

  it('declares every path template variable as one required path parameter, and no others', () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      expect(METHODS).toContain(method);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
      const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path');
      if (JSON.stringify(declared.map((p: Json) => p.name).sort()) !== JSON.stringify(templated)) problems.push(`${method} ${path}: path parameters`);
      if (declared.some((p: Json) => p.required !== true)) problems.push(`${method} ${path}: path parameter not required`);
      for (const p of op.parameters ?? []) {
        if (!['path', 'query', 'header', 'cookie'].includes(p.in) || typeof p.name !== 'string' || !p.schema) problems.push(`${method} ${path}: parameter ${p.name}`);
      }
      const keys = (op.parameters ?? []).map((p: Json) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) problems.push(`${method} ${path}: duplicate parameter`);
    }
    expect(problems).toEqual([]);
  });

  it('has unique operationIds, described responses and declared security schemes', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect(typeof (response as Json).description, `${where} ${status}`).toBe('string');
      }
      for (const requirement of op.security ?? []) for (const name of Object.keys(requirement)) expect(schemes, where).toContain(name);
      if (op.requestBody) expect(Object.keys(op.requestBody.content), where).toEqual(['application/json']);
    }
  });

  it('documents the host-level answers of body routes and the idempotent replay header', () => {
    const byId = Object.fromEntries(operations.map(({ op }) => [op.operationId, op]));
    for (const id of ['InventoryCreateItemPost', 'InventoryAddItemStockPut', 'ShoppingCartPost']) {
      expect(Object.keys(byId[id].responses), id).toEqual(expect.arrayContaining(['202', '413', '415']));
    }
    expect(Object.keys(byId.OrderCheckoutPost.responses[201].headers)).toEqual(['Location', 'Idempotent-Replayed']);
  });
});

describe('the OpenAPI document and the status table', () => {
  it('names every error code the app answers under its status somewhere in the document', () => {
    const described = (status: number) => operations.flatMap(({ op }) => (op.responses[status] ? [String(op.responses[status].description)] : []));
    const missing = Object.entries(STATUS_OF)
      .filter(([code]) => code !== 'Timeout') // in the table, answered by no route
      .filter(([code, status]) => !described(status).some((d) => d.includes(code)))
      .map(([code, status]) => `${status} ${code}`);
    expect(missing).toEqual([]);
  });

  it('documents the checkout status route and its 202s without the durable extension\'s URLs', () => {
    const byId = Object.fromEntries(operations.map(({ op }) => [op.operationId, op]));
    expect(byId.OrderCheckoutStatusGet).toBeDefined();
    expect(Object.keys(byId.OrderCheckoutStatusGet.responses)).toEqual(expect.arrayContaining(['200', '202', '404', '503']));
    expect(Object.keys(byId.OrderCheckoutPost.responses)).toEqual(expect.arrayContaining(['201', '202', '409', '422', '503']));
    expect(JSON.stringify(doc)).not.toMatch(/statusQueryGetUri|sendEventPostUri/);
  });
});
