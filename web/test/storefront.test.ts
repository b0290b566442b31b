// The storefront in a real browser (Debian's chromium) against the real store on the local host, open
// local mode (no sign-in: the customer picker). The API is the independent witness of every outcome.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerContext, launchBrowser, seriousViolations, tabTo } from './support/browser.js';
import { repoRoot, startStore, type Store } from './support/host.js';

interface Product {
  id: string;
  availableStock: number;
}
interface Order {
  id: string;
  items: { itemId: string; quantity: number }[];
}

let store: Store;
let browser: Browser;

beforeAll(async () => {
  [store, browser] = await Promise.all([startStore(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await store?.stop();
});

const stockOf = async (itemId: string) => (await store.api<Product>(`/api/store/inventory/${itemId}`)).body.availableStock;
const ordersOf = async (userId: string) => (await store.api<Order[]>(`/api/user/${userId}/order`)).body;
const createProduct = (id: string, stock: number) =>
  store.api('/api/store/inventory', {
    method: 'POST',
    body: { id, description: `${id}, 250 g whole beans`, price: 9, availableStock: stock, restockThreshold: 1, maxStockThreshold: 50, origin: 'Test', roast: 'light' },
  });

async function addFromCatalog(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Add to cart: ${name}` }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: `Added ${name}` }).count()).toBeGreaterThan(0);
}

async function openPage(customer: string | undefined, route = '/'): Promise<Page> {
  const context = await customerContext(browser, store.url, customer);
  const page = await context.newPage();
  await page.goto(route);
  return page;
}

describe('a purchase', () => {
  it('browse, pick a customer, add two products, change a quantity, check out: the order is listed and the stock went down', async () => {
    const before = { house: await stockOf('house-blend'), ethiopia: await stockOf('ethiopia-yirgacheffe') };
    const page = await openPage(undefined);
    const checkoutRequests: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/order/checkout')) checkoutRequests.push(r);
    });

    // Browse: every product of the catalog has a card with origin, roast, price and stock.
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Origin' }).count()).toBe(6);
    const card = page.getByRole('listitem').filter({ hasText: 'Ethiopia Yirgacheffe' });
    expect(await card.textContent()).toMatch(/Ethiopia.*light.*\$14\.20.*25 in stock/s);

    // Who is shopping (open local mode): the picker.
    await page.getByRole('link', { name: 'Choose customer' }).click();
    await page.getByLabel('Customer name').fill('walt');
    await page.getByRole('button', { name: 'Shop as this customer' }).click();
    await expect.poll(() => page.getByTestId('customer').textContent()).toBe('walt');

    // The product detail view.
    await page.getByRole('link', { name: 'House Blend' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('House Blend');
    expect(await page.locator('main').textContent()).toMatch(/Latin America.*medium.*\$9\.95/s);
    await page.getByRole('link', { name: '← All coffees' }).click();

    await addFromCatalog(page, 'House Blend');
    await addFromCatalog(page, 'Ethiopia Yirgacheffe');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('2');

    // The storefront's picture for the README (docs/storefront.png), taken with a cart in use.
    mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'docs/storefront.png') });

    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('button', { name: 'One more House Blend' }).click();
    await expect.poll(() => page.getByLabel('Quantity of House Blend').textContent()).toBe('2');
    expect(await page.getByTestId('cart-total').textContent()).toBe('$34.10');

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    expect(await page.getByTestId('checkout-total').textContent()).toBe('$34.10');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    expect(await page.getByTestId('order-total').textContent()).toBe('$34.10');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

    // The API agrees: one order with both lines, the stock went down, the cart is empty.
    const orders = await ordersOf('walt');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.items.map((l) => [l.itemId, l.quantity]).sort()).toEqual([['ethiopia-yirgacheffe', 1], ['house-blend', 2]]);
    expect(await stockOf('house-blend')).toBe(before.house - 2);
    expect(await stockOf('ethiopia-yirgacheffe')).toBe(before.ethiopia - 1);
    expect((await store.api<{ items: unknown[] }>('/api/user/walt/shoppingCart')).body.items).toEqual([]);
    // The attempt carried an Idempotency-Key.
    expect(checkoutRequests).toHaveLength(1);
    expect(checkoutRequests[0]!.headers()['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    // The history lists it; its detail shows the lines.
    await page.getByRole('link', { name: 'All your orders' }).click();
    await expect.poll(() => page.getByTestId('orders').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('orders').getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Order details');
    await expect.poll(() => page.locator('main').textContent()).toContain(orders[0]!.id); // once it has loaded
    await page.context().close();
  });

  it('a lost answer and a retry of the same attempt place one order, and the page says so', async () => {
    await createProduct('retry-roast', 10);
    const page = await openPage('rita');
    await addFromCatalog(page, 'retry-roast');
    await page.goto('/checkout');
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/order/checkout', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the store places the order...
      await route.abort('connectionreset'); // ...and the answer never reaches the browser
    });
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'We could not confirm your order' }).count()).toBe(1);
    // The store has the order, so the re-read cart is empty: the page offers to retry the same attempt.
    await page.getByRole('button', { name: 'Retry this attempt' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'This order was already placed' }).count()).toBe(1);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await ordersOf('rita')).toHaveLength(1);
    expect(await stockOf('retry-roast')).toBe(9);
    await page.context().close();
  });

  it('a double click on "Place order" sends one attempt', async () => {
    await createProduct('double-click', 10);
    const page = await openPage('dora');
    await addFromCatalog(page, 'double-click');
    await page.goto('/checkout');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/order/checkout')) posts++;
    });
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    expect(posts).toBe(1);
    expect(await ordersOf('dora')).toHaveLength(1);
    await page.context().close();
  });

  it('a reload in the middle keeps the cart (it lives on the server)', async () => {
    const page = await openPage('reno');
    await addFromCatalog(page, 'Colombia Supremo');
    await addFromCatalog(page, 'Decaf Swiss Water');
    await page.goto('/cart');
    await page.getByRole('button', { name: 'One more Colombia Supremo' }).click();
    await expect.poll(() => page.getByLabel('Quantity of Colombia Supremo').textContent()).toBe('2');
    await page.reload();
    await expect.poll(() => page.getByLabel('Quantity of Colombia Supremo').textContent()).toBe('2');
    expect(await page.getByLabel('Quantity of Decaf Swiss Water').textContent()).toBe('1');
    await page.goto('/checkout');
    await page.reload();
    expect(await page.getByTestId('checkout-total').textContent()).toBe('$33.80');
    await page.context().close();
  });
});

describe('stock running out', () => {
  it('the out-of-stock path: the short lines are listed and one click fixes the cart', async () => {
    await createProduct('scarce-bean', 2);
    const page = await openPage('olga');
    await addFromCatalog(page, 'scarce-bean');
    await page.goto('/cart');
    await page.getByRole('button', { name: 'One more scarce-bean' }).click();
    await expect.poll(() => page.getByLabel('Quantity of scarce-bean').textContent()).toBe('2');
    // Someone else buys one unit meanwhile.
    await store.api('/api/user/other/shoppingCart/scarce-bean', { method: 'POST', body: { quantity: 1 } });
    expect((await store.api('/api/user/other/order/checkout', { method: 'POST' })).status).toBe(201);

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Some products ran short' }).count()).toBe(1);
    const row = page.getByRole('row').filter({ hasText: 'scarce-bean' }).first();
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toMatch(/scarce-bean\s*2\s*1/);
    expect(await ordersOf('olga')).toHaveLength(0);
    expect(await stockOf('scarce-bean')).toBe(1);

    await page.getByRole('button', { name: /Fix my cart/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'only for what is in stock' }).count()).toBe(1);
    const cart = (await store.api<{ items: { itemId: string; quantity: number }[] }>('/api/user/olga/shoppingCart')).body;
    expect(cart.items).toEqual([expect.objectContaining({ itemId: 'scarce-bean', quantity: 1 })]);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    expect(await stockOf('scarce-bean')).toBe(0);

    // The catalog now says so.
    await page.goto('/');
    const card = page.getByRole('listitem').filter({ hasText: 'scarce-bean' });
    await expect.poll(() => card.getByRole('button').textContent()).toMatch(/^Sold out/);
    await page.context().close();
  });

  it('two customers race for the last unit: exactly one order, the other sees a clear refusal', async () => {
    await createProduct('last-unit', 1);
    const [a, b] = await Promise.all([openPage('racer-a'), openPage('racer-b')]);
    for (const page of [a, b]) {
      await addFromCatalog(page, 'last-unit');
      await page.goto('/checkout');
    }
    await Promise.all([a, b].map((page) => page.getByRole('button', { name: 'Place order' }).click()));
    // Each page's result heading (and, for a plain notice, its text), whatever it is.
    const outcome = async (page: Page) => {
      await page.locator('.result').first().waitFor();
      const text = ((await page.locator('.result').first().textContent()) ?? '').trim();
      if (text.startsWith('Thank you! Your order is placed')) return 'placed';
      if (text.startsWith('Some products ran short')) return 'refused';
      return text;
    };
    const outcomes = await Promise.all([outcome(a), outcome(b)]);
    expect([...outcomes].sort()).toEqual(['placed', 'refused']);
    const orders = [...(await ordersOf('racer-a')), ...(await ordersOf('racer-b'))];
    expect(orders).toHaveLength(1);
    expect(await stockOf('last-unit')).toBe(0);
    const loser = outcomes[0] === 'refused' ? a : b;
    expect(await loser.getByRole('alert').textContent()).toContain('No order was placed');
    await Promise.all([a.context().close(), b.context().close()]);
  });
});

describe('answers the API may give', () => {
  it('a 202 with a Location: the page waits, polls that status URL, and shows the order it gives', async () => {
    await createProduct('slow-roast', 10);
    const page = await openPage('sam');
    await addFromCatalog(page, 'slow-roast');
    await page.goto('/checkout');
    let order: unknown;
    let polls = 0;
    await page.route('**/api/user/sam/order/checkout', async (route) => {
      order = await (await route.fetch()).json(); // the store places it; the page is told "not known yet"
      await route.fulfill({ status: 202, headers: { location: '/api/user/sam/order/checkout/attempt-1' }, json: { id: 'attempt-1' } });
    });
    await page.route('**/api/user/sam/order/checkout/attempt-1', async (route) => {
      polls++;
      if (polls < 3) await route.fulfill({ status: 202, headers: { location: '/api/user/sam/order/checkout/attempt-1' }, json: {} });
      else await route.fulfill({ status: 200, json: order });
    });
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    expect(polls).toBe(3);
    expect(await page.locator('main').textContent()).toContain((order as { id: string }).id);
    await page.context().close();
  });

  it('a 5xx: a clear message, the cart re-read from the store, and the retry is the same attempt', async () => {
    await createProduct('flaky-roast', 10);
    const page = await openPage('fay');
    await addFromCatalog(page, 'flaky-roast');
    await page.goto('/checkout');
    const keys: string[] = [];
    await page.route('**/api/user/fay/order/checkout', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await route.fulfill({ status: 503, json: { error: { code: 'ServiceUnavailable', message: 'The store is restarting.' } } });
      else await route.continue();
    });
    const cartReads = page.waitForRequest((r) => r.url().endsWith('/api/user/fay/shoppingCart') && r.method() === 'GET');
    await page.getByRole('button', { name: 'Place order' }).click();
    await cartReads;
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The store is restarting.' }).count()).toBe(1);
    expect(await ordersOf('fay')).toHaveLength(0);
    await page.getByRole('button', { name: 'Retry this attempt' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await ordersOf('fay')).toHaveLength(1);
    await page.context().close();
  });

  it('the order history follows Link rel="next" when the API pages it', async () => {
    for (let i = 0; i < 3; i++) {
      await store.api('/api/user/paula/shoppingCart/house-blend', { method: 'POST', body: { quantity: 1 } });
      expect((await store.api('/api/user/paula/order/checkout', { method: 'POST' })).status).toBe(201);
    }
    const all = await ordersOf('paula');
    const page = await openPage('paula', '/');
    const asked: string[] = [];
    // A paging API: two orders, then Link rel="next" to the rest.
    await page.route('**/api/user/paula/order?**', async (route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      if (url.searchParams.get('after') === 'cursor-2') await route.fulfill({ json: all.slice(2) });
      else await route.fulfill({ json: all.slice(0, 2), headers: { link: '</api/user/paula/order?limit=2&after=cursor-2>; rel="next"' } });
    });
    await page.goto('/orders');
    await expect.poll(() => page.getByTestId('orders').locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Show older orders' }).click();
    await expect.poll(() => page.getByTestId('orders').locator('tbody tr').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Show older orders' }).count()).toBe(0);
    expect(asked).toEqual(['?limit=10', '?limit=2&after=cursor-2']);
    await page.context().close();
  });
});

describe('keyboard and accessibility', () => {
  it('a purchase with the keyboard alone', async () => {
    const page = await openPage('kim');
    await page.waitForSelector('text=House Blend');
    await tabTo(page, /^Add to cart: Sumatra Mandheling$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
    await tabTo(page, /^Cart/, { backwards: true }); // back up to the header's cart link
    await page.keyboard.press('Enter');
    await tabTo(page, /^One more Sumatra Mandheling$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Quantity of Sumatra Mandheling').textContent()).toBe('2');
    await tabTo(page, /^Go to checkout$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Place order$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Thank you! Your order is placed' }).count()).toBe(1);
    const orders = await ordersOf('kim');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.items).toEqual([expect.objectContaining({ itemId: 'sumatra-mandheling', quantity: 2 })]);
    await page.context().close();
  });

  it('axe-core finds no serious or critical violation on any page', async () => {
    await store.api('/api/user/ada/shoppingCart/house-blend', { method: 'POST', body: { quantity: 1 } });
    await store.api('/api/user/ada/order/checkout', { method: 'POST' });
    const [order] = await ordersOf('ada');
    await store.api('/api/user/ada/shoppingCart/espresso-roast', { method: 'POST', body: { quantity: 2 } });
    const page = await openPage('ada');
    const pages: [string, string][] = [
      ['/', 'Our coffees'],
      ['/product/espresso-roast', 'Espresso Roast'],
      ['/cart', 'Your cart'],
      ['/checkout', 'Checkout'],
      ['/orders', 'Your orders'],
      [`/orders/${order!.id}`, 'Order details'],
      ['/manage', 'Store admin'],
      ['/sign-in', 'Who is shopping?'],
      ['/no/such/page', 'Page not found'],
    ];
    const found: Record<string, string[]> = {};
    for (const [route, heading] of pages) {
      await page.goto(route);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[route] = violations;
    }
    // A page with a refusal showing: the out-of-stock table and its fix.
    await store.api('/api/user/ada/shoppingCart/espresso-roast', { method: 'POST', body: { quantity: 1 } });
    const stock = await stockOf('espresso-roast');
    await store.api('/api/user/ada2/shoppingCart/espresso-roast', { method: 'POST', body: { quantity: stock - 1 } });
    await store.api('/api/user/ada2/order/checkout', { method: 'POST' });
    await page.goto('/checkout');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByRole('heading', { name: 'Some products ran short' }).waitFor();
    const refused = await seriousViolations(page);
    if (refused.length > 0) found['/checkout (refused)'] = refused;
    expect(found).toEqual({});
    await page.context().close();
  });
});
