// Debian's chromium driven by playwright-core (no browser download: scripts/ensure-chromium.sh finds it, or
// installs it when run as root). Flags as this machine needs them: no sandbox as root, no background
// networking (the machine reaches no outside host).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const ENSURE_CHROMIUM = path.join(__dirname, '../../../scripts/ensure-chromium.sh');

export async function launchBrowser(): Promise<BrowserContext> {
  const executablePath = execFileSync('bash', [ENSURE_CHROMIUM], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where a browser test writes a screenshot: the README's image with SCREENSHOTS=update, else a temp file. */
export function screenshotPath(readmeImage: string): string {
  return process.env.SCREENSHOTS === 'update'
    ? path.join(__dirname, '../../..', readmeImage)
    : path.join(mkdtempSync(path.join(os.tmpdir(), 'screenshot-')), path.basename(readmeImage));
}
