import { Browser, chromium } from 'playwright-core';

/**
 * Real headless Chromium, Debian's `chromium` package (.ci/run installs it), driven by
 * playwright-core: no browser is downloaded and nothing leaves the machine. The browser tests
 * and bench/console-load.ts start it the same way.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
