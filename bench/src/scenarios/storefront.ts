// storefront: how long until the catalog page is interactive on the local host, in Debian's chromium driven
// by playwright-core (web/README.md). Each of LOADS loads is a first visit (a fresh browser context: empty
// cache) of `/` on the store started with --static web/dist; "interactive" = the catalog's first
// "Add to cart" button is rendered and enabled (the page has loaded its JS, read /api/store and rendered),
// timed by the page's own clock from navigation start. Reported: the median (p50) and the slowest load.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../settings.ts';
import type { SystemUnderTest } from '../systems/system.ts';
import type { Scenario, ScenarioResult } from './scenario.ts';

const LOADS = 10;
const ENSURE_CHROMIUM = fileURLToPath(new URL('../../../scripts/ensure-chromium.sh', import.meta.url));

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const storefront: Scenario = {
  name: 'storefront',
  systems: ['store'],
  async run(system: SystemUnderTest, _settings: Settings): Promise<ScenarioResult> {
    const page = await fetch(`${system.origin}/`);
    const html = await page.text();
    if (!html.includes('<div id="root">')) throw new Error('the store does not serve the storefront at / (is web/dist built? run npm run build)');
    const { chromium } = await import('playwright-core'); // loaded only when this scenario runs
    const executablePath = process.env.CHROMIUM_PATH ?? execFileSync('bash', [ENSURE_CHROMIUM], { encoding: 'utf8' }).trim();
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const times: number[] = [];
    const failures: string[] = [];
    try {
      for (let i = -1; i < LOADS; i++) {
        // i = -1 warms the host (first reads of the files and the catalog) and is not counted
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await tab.goto(`${system.origin}/`, { waitUntil: 'commit' });
          await tab.waitForSelector('button[aria-label^="Add to cart"]:not([disabled])', { timeout: 30_000 });
          const ms = await tab.evaluate(() => performance.now());
          if (i >= 0) times.push(ms);
        } catch (error) {
          if (i >= 0) failures.push(`load ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
        } finally {
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = sorted.length ? median(sorted) : 0;
    return {
      requestsPerSec: p50 > 0 ? 1000 / p50 : 0,
      p50Ms: p50,
      p99Ms: sorted.at(-1) ?? 0,
      errors: failures.length,
      details: { loads: LOADS, interactiveMs: times.map((t) => Math.round(t)), medianMs: Math.round(p50), fastestMs: Math.round(sorted[0] ?? 0), slowestMs: Math.round(sorted.at(-1) ?? 0) },
      failures,
    };
  },
};
