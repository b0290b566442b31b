// GET /api/store for a big catalog, end to end: the plain GET keeps the whole array; `?limit=` pages with an
// RFC 8288 Link rel=next (relative, absent on the last page); `?ids=` names products; bad queries are 400s
// that say what is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { useHost } from '../support/host';
import { expectDocumented } from '../support/openapi';

const { api } = useHost();
const PRODUCTS = 25;
const id = (i: number) => `page-${String(i).padStart(2, '0')}`;

beforeAll(async () => {
  for (let i = 0; i < PRODUCTS; i++) {
    const r = await api('POST', '/api/store/inventory', { id: id(i), description: `Product ${i}`, price: 5, availableStock: i, restockThreshold: 0, maxStockThreshold: 100 });
    expect(r.status, r.text).toBe(201);
  }
}, 120_000);

const ids = (body: { id: string }[]) => body.map((p) => p.id);

describe('GET /api/store', () => {
  it('answers a plain GET with the whole catalog as a plain array and no Link', async () => {
    const all = await api('GET', '/api/store');
    expect(all.status).toBe(200);
    expectDocumented('StoreGet', all);
    expect(Array.isArray(all.body)).toBe(true);
    expect(ids(all.body).filter((p) => p.startsWith('page-'))).toEqual(Array.from({ length: PRODUCTS }, (_, i) => id(i)));
    expect(all.headers.get('link')).toBeNull();
  });

  it('follows ?limit= pages through the whole catalog, each product once, ending without a Link', async () => {
    const all = ids((await api('GET', '/api/store')).body);
    const seen: string[] = [];
    let path: string | undefined = '/api/store?limit=10';
    for (let pages = 0; path && pages < 20; pages++) {
      const page = await api('GET', path);
      expect(page.status).toBe(200);
      expectDocumented('StoreGet', page);
      expect(page.body.length).toBeLessThanOrEqual(10);
      seen.push(...ids(page.body));
      const link = page.headers.get('link');
      path = link === null ? undefined : /^<([^>]*)>; rel="next"$/.exec(link)![1];
      if (path) expect(path).toBe(`/api/store?limit=10&after=${seen.at(-1)}`);
    }
    expect(seen).toEqual(all);
  });

  it('answers ?ids= with those products in the order asked, unknown ones left out', async () => {
    const r = await api('GET', `/api/store?ids=${id(3)},nope,${id(1)}`);
    expect(r.status).toBe(200);
    expect(ids(r.body)).toEqual([id(3), id(1)]);
    expect(r.body[0]).toMatchObject({ id: id(3), availableStock: 3, price: 5 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=abc', 'limit'],
    ['after=page-01', 'after'],
    ['limit=5&after=nope', 'after'],
    ['ids=a,,b', 'ids'],
    ['ids=a&limit=2', 'ids'],
    [`ids=${Array.from({ length: 101 }, (_, i) => `x${i}`).join(',')}`, 'ids'],
  ])('refuses ?%s with a 400 ValidationFailed naming %s', async (query, path) => {
    const r = await api('GET', `/api/store?${query}`);
    expect(r.status).toBe(400);
    expectDocumented('StoreGet', r);
    expect(r.body.error.code).toBe('ValidationFailed');
    expect(JSON.stringify(r.body.error.details.issues)).toContain(path);
  });
});
