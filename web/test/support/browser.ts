// Debian's chromium driven by playwright-core (no browser download): the path comes from
// scripts/ensure-chromium.sh (which the web workspace's `test` script runs first, so a missing browser fails the run).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './host.js';

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('bash', [path.join(repoRoot, 'scripts/ensure-chromium.sh')], { encoding: 'utf8' }).trim();
}

export async function launchBrowser(): Promise<Browser> {
  // playwright gives every launch a fresh temporary profile (user-data-dir).
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A context whose storefront already shops as `customer` (the open local mode's picker, pre-filled). */
export async function customerContext(browser: Browser, baseURL: string, customer?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
  if (customer) await context.addInitScript((id) => localStorage.setItem('contoso.customer', id), customer);
  return context;
}

/** Serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab until the focused element's accessible label or text matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, options: { backwards?: boolean; maxPresses?: number } = {}): Promise<void> {
  for (let i = 0; i < (options.maxPresses ?? 80); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}
