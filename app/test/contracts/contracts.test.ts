import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/contracts/openapi';
import { CreateItemBody, QuantityBody, QuantityQuery, UserItemRoute } from '../../src/contracts/requests';
import type { ErrorCode } from '../../src/domain/result';
import { STATUS_OF } from '../../src/functions/http/status';
import { parseRoute, readJsonBody } from '../../src/functions/http/request';

const request = (body?: string, headers: Record<string, string> = { 'content-type': 'application/json' }, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/x', body: body === undefined ? undefined : { string: body }, headers, params });

describe('readJsonBody', () => {
  it('parses a valid body and defaults an empty one', async () => {
    expect(await readJsonBody(request('{"quantity": 3}'), QuantityBody, { quantity: 1 })).toEqual({ ok: true, value: { quantity: 3 } });
    expect(await readJsonBody(request(), QuantityBody, { quantity: 1 })).toEqual({ ok: true, value: { quantity: 1 } });
    expect(await readJsonBody(request('   '), QuantityBody, { quantity: 1 })).toEqual({ ok: true, value: { quantity: 1 } });
  });
  it.each([
    ['{"quantity": ', 'MalformedJson'],
    ['{"quantity": -1}', 'ValidationFailed'],
    ['{"quantity": 1.5}', 'ValidationFailed'],
    ['{"quantity": "2"}', 'ValidationFailed'],
    ['{"quantity": 0}', 'ValidationFailed'],
    ['{"quantity": 1e9}', 'ValidationFailed'],
    ['{"quantity": 1, "extra": true}', 'ValidationFailed'],
    ['{"__proto__": {"quantity": 5}}', 'ValidationFailed'],
    ['[1]', 'ValidationFailed'],
    ['null', 'ValidationFailed'],
  ])('refuses %s as %s', async (body, code) => {
    expect(await readJsonBody(request(body), QuantityBody, { quantity: 1 })).toMatchObject({ ok: false, error: { code } });
  });
  it('requires a body when there is no default, and JSON media types', async () => {
    expect(await readJsonBody(request(), CreateItemBody)).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    expect(await readJsonBody(request('quantity=1', { 'content-type': 'application/x-www-form-urlencoded' }), QuantityBody, { quantity: 1 }))
      .toMatchObject({ ok: false, error: { code: 'UnsupportedMediaType' } });
    expect(await readJsonBody(request('{"quantity": 2}', { 'content-type': 'application/json; charset=utf-8' }), QuantityBody)).toMatchObject({ ok: true });
  });
  it('names the offending fields', async () => {
    const r = await readJsonBody(request('{"description": "", "price": 1.234, "availableStock": 1, "restockThreshold": 0}'), CreateItemBody);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = (r.error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['description', 'price', 'maxStockThreshold']));
  });
});

describe('route values and query', () => {
  it('accepts safe ids and refuses others', () => {
    expect(parseRoute(request(undefined, {}, { userId: 'u-1_A', itemId: 'latte' }), UserItemRoute).ok).toBe(true);
    for (const bad of ['a b', 'x'.repeat(65), 'ü', '..', 'a/b', '']) {
      expect(parseRoute(request(undefined, {}, { userId: bad, itemId: 'latte' }), UserItemRoute)).toMatchObject({ ok: false, error: { code: 'ValidationFailed' } });
    }
  });
  it('parses ?quantity=n strictly', () => {
    expect(QuantityQuery.safeParse('3').data).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '99999999', '1e3']) expect(QuantityQuery.safeParse(bad).success).toBe(false);
  });
});

describe('error statuses', () => {
  it('maps every code in one table', () => {
    expect(STATUS_OF).toMatchObject({ ValidationFailed: 400, ItemNotFound: 404, OutOfStock: 409, EmptyCart: 409, OrderNotFound: 404, Unauthorized: 401, Forbidden: 403, CorruptState: 500 });
    const _exhaustive: Record<ErrorCode, number> = STATUS_OF;
    expect(Object.keys(_exhaustive).length).toBeGreaterThan(10);
  });
});

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };
  it('is OpenAPI 3.1 with every function of the API', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations).toEqual(expect.arrayContaining([
      'StoreGet', 'InventoryCreateItemPost', 'InventoryAddItemStockPut', 'ShoppingCartPost', 'ShoppingCartDelete',
      'ShoppingCartGet', 'OrderCheckoutPost', 'OrderGet', 'OrderList', 'InventoryItemGet',
    ]));
  });
  it('is generated from the request schemas', () => {
    const create = doc.components.schemas.CreateItemRequest!;
    expect(Object.keys(create.properties!)).toEqual(Object.keys(CreateItemBody.shape));
    expect(create.required).toEqual(['description', 'price', 'availableStock', 'restockThreshold', 'maxStockThreshold']);
    expect(doc.components.schemas.QuantityRequest).toMatchObject({ properties: { quantity: { type: 'integer', minimum: 1 } } });
  });
});
