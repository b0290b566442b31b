// The storefront with the host's --enable-auth and STORE_REQUIRE_AUTH=true: customers sign in through the
// host's development sign-in (as App Service Authentication on Azure), the user id comes from the
// principal, and the admin page asks for the function key when the API answers 401.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerContext, launchBrowser, seriousViolations } from './support/browser.js';
import { startStore, type Store } from './support/host.js';

const FUNCTION_KEY = 'web-test-function-key';
let store: Store;
let browser: Browser;

beforeAll(async () => {
  [store, browser] = await Promise.all([
    startStore({ args: ['--enable-auth'], env: { FUNCTIONS_FUNCTION_KEY: FUNCTION_KEY, STORE_REQUIRE_AUTH: 'true' } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await store?.stop();
});

interface Product {
  id: string;
  availableStock: number;
  onReorder: boolean;
}
const stockOf = async (itemId: string) => (await store.api<Product>(`/api/store/inventory/${itemId}`)).body.availableStock;

async function newPage(route: string): Promise<Page> {
  const context = await customerContext(browser, store.url);
  const page = await context.newPage();
  await page.goto(route);
  return page;
}

describe('signed in through the host', () => {
  it('a customer signs in with the development sign-in and shops as that principal', async () => {
    const page = await newPage('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Customer name').fill('dana');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('customer').textContent()).toBe('dana');

    await page.getByRole('button', { name: 'Add to cart: House Blend' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added House Blend' }).count()).toBe(1);
    // The store required a principal and took the user id from it.
    expect((await store.api('/api/user/dana/shoppingCart')).status).toBe(401);
    const cart = await store.api<{ items: { itemId: string }[] }>('/api/user/dana/shoppingCart', { headers: { 'x-dev-principal': 'dana' } });
    expect(cart.body.items.map((l) => l.itemId)).toEqual(['house-blend']);

    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    const orders = await store.api<unknown[]>('/api/user/dana/order', { headers: { 'x-dev-principal': 'dana' } });
    expect(orders.body).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await page.context().close();
  });
});

describe('admin', () => {
  it('adds stock with a function key, asked for on the 401', async () => {
    const before = await stockOf('house-blend');
    const page = await newPage('/manage');
    await page.getByRole('heading', { name: 'Store admin' }).waitFor();
    await page.getByLabel('Units of House Blend to add').fill('7');
    await page.getByRole('button', { name: 'Add stock of House Blend' }).click();
    await page.getByRole('heading', { name: 'Function key needed' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Function key', { exact: true }).fill('not-the-key');
    await page.getByRole('button', { name: 'Use key and retry' }).click();
    await expect.poll(() => page.getByText('The store did not accept that key.').count()).toBe(1);
    expect(await stockOf('house-blend')).toBe(before);

    await page.getByLabel('Function key', { exact: true }).fill(FUNCTION_KEY);
    await page.getByRole('button', { name: 'Use key and retry' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `House Blend: ${before + 7} in stock` }).count()).toBe(1);
    expect(await stockOf('house-blend')).toBe(before + 7);
    await expect.poll(() => page.getByTestId('stock-house-blend').textContent()).toBe(String(before + 7));
    await page.context().close();
  });

  it('creates a product (the key is kept for the tab) and shows that it is on reorder', async () => {
    const page = await newPage('/manage');
    await page.getByRole('heading', { name: 'Store admin' }).waitFor();
    await page.evaluate((key) => sessionStorage.setItem('contoso.functionKey', key), FUNCTION_KEY);
    await page.getByLabel('Product id (optional)').fill('kenya-aa');
    await page.getByLabel('Description', { exact: true }).fill('Kenya AA, 250 g whole beans');
    await page.getByLabel('Origin', { exact: true }).fill('Kenya');
    await page.getByLabel('Roast', { exact: true }).fill('light');
    await page.getByLabel('Price', { exact: true }).fill('15.80');
    await page.getByLabel('Units in stock', { exact: true }).fill('4');
    await page.getByLabel('Restock threshold').fill('5');
    await page.getByLabel('Maximum stock').fill('40');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Created kenya-aa with 4 in stock (on reorder)' }).count()).toBe(1);
    const row = page.getByTestId('stock').getByRole('row').filter({ hasText: 'kenya-aa' });
    await expect.poll(() => row.textContent()).toContain('On reorder');
    const created = await store.api<Product>('/api/store/inventory/kenya-aa');
    expect(created.body).toMatchObject({ availableStock: 4, onReorder: true });
    // The catalog shows it as low stock.
    await page.goto('/');
    const card = page.getByRole('listitem').filter({ hasText: 'Kenya AA' });
    await expect.poll(() => card.textContent()).toContain('Low stock: 4 left');
    await page.context().close();
  });
});
