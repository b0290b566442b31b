// The sample catalog appears on a fresh store, is seeded once, and only into an empty store; state
// acknowledged to a client survives a restart of the host (file-backed store).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SAMPLE_CATALOG } from '../../src/domain/sampleCatalog';
import { apiClient, startHost } from '../support/host';

const dir = mkdtempSync(path.join(tmpdir(), 'contoso-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('shows the sample catalog on a never-touched store, and keeps sold stock across restarts', async () => {
  const data = path.join(dir, 'seeded.sqlite');
  let host = await startHost({ env: { STORE_SEED_SAMPLE_CATALOG: 'true' }, data });
  try {
    const api = apiClient(host.baseUrl);
    const fresh = await api('GET', '/api/store');
    expect(fresh.body.map((i: { id: string }) => i.id)).toEqual(SAMPLE_CATALOG.map((i) => i.id));
    await api('POST', '/api/user/sam/shoppingCart/house-blend', { quantity: 2 });
    expect((await api('POST', '/api/user/sam/order/checkout')).status).toBe(201);
  } finally {
    await host.stop();
  }
  host = await startHost({ env: { STORE_SEED_SAMPLE_CATALOG: 'true' }, data });
  try {
    const api = apiClient(host.baseUrl);
    const blend = SAMPLE_CATALOG.find((i) => i.id === 'house-blend')!;
    expect((await api('GET', '/api/store/inventory/house-blend')).body.availableStock).toBe(blend.availableStock - 2);
    expect((await api('GET', '/api/store')).body).toHaveLength(SAMPLE_CATALOG.length);
    expect((await api('GET', '/api/user/sam/order')).body).toHaveLength(1);
  } finally {
    await host.stop();
  }
});

it('never seeds into a store that already has state', async () => {
  const data = path.join(dir, 'unseeded.sqlite');
  let host = await startHost({ env: { STORE_SEED_SAMPLE_CATALOG: 'false' }, data });
  try {
    const created = await apiClient(host.baseUrl)('POST', '/api/store/inventory', {
      id: 'only-one', description: 'The only product', price: 1, availableStock: 1, restockThreshold: 0, maxStockThreshold: 1,
    });
    expect(created.status).toBe(201);
  } finally {
    await host.stop();
  }
  host = await startHost({ env: { STORE_SEED_SAMPLE_CATALOG: 'true' }, data });
  try {
    expect((await apiClient(host.baseUrl)('GET', '/api/store')).body.map((i: { id: string }) => i.id)).toEqual(['only-one']);
  } finally {
    await host.stop();
  }
});
