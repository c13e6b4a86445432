// Headless Chromium (Debian's, driven by playwright-core) for the browser tests: one page per test,
// its console errors collected, a screenshot written when the test fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Where Debian's `chromium` package puts it (`.ci/run` installs it when missing); override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots of failed tests (gitignored), and the README's pictures. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../reports/browser/', import.meta.url));
export const README_IMAGE_DIR = fileURLToPath(new URL('../../docs/images/', import.meta.url));

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far, each as one line. */
  errors: string[];
}

/**
 * No background networking (the machine has no internet). Playwright's `launch` gives every browser
 * a fresh temporary profile (its own --user-data-dir) and removes it on close.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  ensureChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * Installs Debian's Chromium when it is missing and this process may (root, with apt-get), as the Eve
 * reference's start.sh installs its Python packages: `npm test` on a fresh machine needs nothing else.
 */
function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const howTo = `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (process.env['CHROMIUM_PATH'] || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) throw new Error(howTo);
  console.log('browser tests: installing Debian\'s chromium (apt-get), once');
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium'], { stdio: 'ignore', timeout: 600_000 });
  if (install.status !== 0 || !existsSync(CHROMIUM_PATH)) throw new Error(`${howTo} (installing it failed: exit ${install.status ?? install.signal})`);
}

/** A new page whose console errors are kept; if the current test fails, its screenshot goes to reports/browser/. */
export async function openPage(browser: Browser, name: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  onTestFailed(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-failed.png`), fullPage: true }).catch(() => undefined);
  });
  return { page, errors };
}

/** The README's pictures are rewritten only on request (KC_UPDATE_SCREENSHOTS=1), so a test run leaves git clean. */
export async function readmeScreenshot(page: Page, file: string): Promise<void> {
  if (process.env['KC_UPDATE_SCREENSHOTS'] !== '1') return;
  mkdirSync(README_IMAGE_DIR, { recursive: true });
  await page.screenshot({ path: join(README_IMAGE_DIR, file) });
}
