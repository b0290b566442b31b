// The API reference in a real browser (Debian's chromium): Swagger UI renders every operation of the
// OpenAPI document from the app's own assets only, and a try-it-out of GET /api/store shows a 200 answer.
import { existsSync, statSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/contracts/openapi';
import { launchBrowser, screenshotPath } from '../support/browser';
import { useHost } from '../support/host';

const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));

const FUNCTION_KEY = 'docs-test-function-key';

describe('API reference page in chromium', () => {
  const { host } = useHost({ args: ['--enable-auth'], env: { STORE_SEED_SAMPLE_CATALOG: 'true', FUNCTIONS_FUNCTION_KEY: FUNCTION_KEY } });
  let browser: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every operation and runs GET /api/store from the page', async () => {
    const page = await browser.newPage();
    const origin = new URL(host().baseUrl).origin;
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(`${host().baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const rendered = await page.locator('.opblock').evaluateAll((blocks) => blocks.map((b) => b.id));
    // Swagger UI ids an operation block "operations-<tag>-<operationId>"
    for (const id of operationIds) expect(rendered.some((r) => r.endsWith(`-${id}`)), id).toBe(true);
    expect(rendered).toHaveLength(operationIds.length);

    const storeGet = page.locator('[id$="-StoreGet"]');
    await storeGet.locator('.opblock-summary').click();
    await storeGet.getByRole('button', { name: 'Try it out' }).click();
    await storeGet.getByRole('button', { name: 'Execute' }).click();
    const status = storeGet.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.innerText()).trim()).toBe('200');
    expect(await storeGet.locator('.live-responses-table .microlight').first().innerText()).toContain('espresso-roast');

    const file = screenshotPath('docs/images/api-reference.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
    expect(foreign).toEqual([]); // nothing from a CDN or any other origin
    expect(consoleErrors).toEqual([]); // e.g. a Content-Security-Policy refusal
  });

  it('sends the function key from "Authorize" and the Idempotency-Key header from try-it-out', async () => {
    const page = await browser.newPage();
    await page.goto(`${host().baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });

    // admin route: the key typed into "Authorize" goes out as x-functions-key, and the host accepts it
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('.auth-container', { hasText: 'x-functions-key' }).locator('input').fill(FUNCTION_KEY);
    await dialog.locator('.auth-container', { hasText: 'x-functions-key' }).locator('button.authorize').click();
    await dialog.locator('.btn-done').first().click();
    const addStock = page.locator('[id$="-InventoryAddItemStockPut"]');
    await addStock.locator('.opblock-summary').click();
    await addStock.getByRole('button', { name: 'Try it out' }).click();
    await addStock.locator('input[placeholder="itemId"]').fill('house-blend');
    await addStock.locator('textarea.body-param__text').fill('{"quantity": 3}');
    await addStock.getByRole('button', { name: 'Execute' }).click();
    const stockStatus = addStock.locator('.live-responses-table tbody .response-col_status').first();
    await stockStatus.waitFor({ timeout: 30_000 });
    expect((await stockStatus.innerText()).trim()).toBe('200');
    expect(await addStock.locator('.request-url').innerText()).toContain('/api/store/inventory/house-blend');

    // checkout: the Idempotency-Key parameter is sent as a header (a replay answers with the same order)
    const add = await fetch(`${host().baseUrl}/api/user/docs-user/shoppingCart/espresso-roast`, { method: 'POST' });
    expect(add.status).toBe(200);
    const checkout = page.locator('[id$="-OrderCheckoutPost"]');
    await checkout.locator('.opblock-summary').click();
    await checkout.getByRole('button', { name: 'Try it out' }).click();
    await checkout.locator('input[placeholder="userId"]').fill('docs-user');
    await checkout.locator('input[placeholder="Idempotency-Key"]').fill('docs-try-it-out');
    await checkout.getByRole('button', { name: 'Execute' }).click();
    const checkoutStatus = checkout.locator('.live-responses-table tbody .response-col_status').first();
    await checkoutStatus.waitFor({ timeout: 30_000 });
    expect((await checkoutStatus.innerText()).trim()).toBe('201');
    const replay = await fetch(`${host().baseUrl}/api/user/docs-user/order/checkout`, { method: 'POST', headers: { 'idempotency-key': 'docs-try-it-out' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
