/**
 * Headless Chromium (Debian's package) driven by playwright-core for the page
 * tests. The flags keep Chromium off the network: this machine has none, and
 * without them it keeps trying to reach Google's services.
 * playwright gives each launch a fresh, empty profile of its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../helpers/paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const artifactsDir = path.join(repoRoot, 'test-artifacts');

export async function launchChromium(): Promise<{ browser: Browser; cleanup: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium (.ci/run does this)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  fs.mkdirSync(artifactsDir, { recursive: true });
  return {
    browser,
    cleanup: async () => {
      await browser.close();
    },
  };
}
