import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalHub } from '../gateway/local-hub';
import { signToken } from '../services/platform/auth';
import { manualClock } from '../services/platform/clock';
import { buildConsole } from '../scripts/build-console';
import { launchChromium } from '../scripts/chromium';
import { median, round, writeResults } from './timing';

/**
 * First load of the web console on localhost, in headless Chromium with an empty cache each time:
 *  - sign-in: from navigation to the demo organisations listed (HTML, script, style, config);
 *  - overview: a signed-in client opening / to the contracts overview with every SLA verdict of
 *    the month drawn (the same files plus 1 + 2 GraphQL requests through the gateway).
 * The hub runs in this process on SQLite in memory with the demo data, on a fixed clock.
 * Writes bench/results/console-load.json.
 */
const RUNS = Number(process.env.RUNS ?? 7);
const SECRET = 'bench-console-secret-0123456789abcdef0123';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-console-bench-'));
  const build = await buildConsole(dir);
  const clock = manualClock('2026-11-20T10:00:00Z');
  const hub = await startLocalHub({ databaseUrl: 'sqlite::memory:', jwtSecret: SECRET, seed: true, ephemeralPorts: true, clock, gateway: { console: { dir } } });
  const base = hub.url.replace(/\/graphql$/, '');
  const browser = await launchChromium();
  const token = signToken({ sub: 'bench', org: 'northwind', roles: ['read', 'write'] }, SECRET, 3600, { now: clock() });
  const measure = async (signedIn: boolean) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (signedIn) await context.addInitScript(`sessionStorage.setItem('cc-hub-token', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (r) => {
      const length = Number(r.headers()['content-length'] ?? 0);
      bytes += length;
    });
    const t0 = performance.now();
    await page.goto(`${base}/`);
    // Functions, not strings: the console's CSP forbids evaluating strings. No DOM types here, hence `any`.
    await page.waitForFunction(
      signedIn
        ? () => (globalThis as any).document.querySelectorAll('[data-contract] .verdicts').length === 2 // eslint-disable-line @typescript-eslint/no-explicit-any
        : () => (globalThis as any).document.querySelectorAll('button[data-org]').length > 0, // eslint-disable-line @typescript-eslint/no-explicit-any
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const ms = performance.now() - t0;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const nav = await page.evaluate(() => JSON.stringify((globalThis as any).performance.getEntriesByType('navigation')[0]));
    const { domContentLoadedEventEnd, loadEventEnd } = JSON.parse(nav) as { domContentLoadedEventEnd: number; loadEventEnd: number };
    await context.close();
    return { ms, domContentLoadedMs: domContentLoadedEventEnd, loadMs: loadEventEnd, bytes };
  };
  const results: Record<string, unknown> = {};
  try {
    await measure(false); // the first start of Chromium and the hub's first requests warm up
    for (const [name, signedIn] of [['signIn', false], ['overview', true]] as const) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(signedIn));
      const ms = runs.map((r) => r.ms);
      results[name] = {
        runs: RUNS,
        medianMs: round(median(ms), 1),
        maxMs: round(Math.max(...ms), 1),
        minMs: round(Math.min(...ms), 1),
        domContentLoadedMedianMs: round(median(runs.map((r) => r.domContentLoadedMs)), 1),
        loadEventMedianMs: round(median(runs.map((r) => r.loadMs)), 1),
        bytesTransferred: runs[0].bytes,
      };
      console.log(`${name}: median ${round(median(ms), 0)} ms, max ${round(Math.max(...ms), 0)} ms over ${RUNS} cold loads (${(runs[0].bytes / 1024).toFixed(0)} KiB)`);
    }
  } finally {
    await browser.close();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const file = writeResults('console-load.json', {
    at: new Date().toISOString(),
    loadAverage: (await import('node:os')).loadavg(),
    bundles: build.files,
    ...results,
  });
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
