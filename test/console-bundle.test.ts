import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole, ConsoleBuild } from '../scripts/build-console';

/**
 * The console's size budget. A first visit loads index.html and the console's own script and
 * style: at most 150 KiB minified, 50 KiB compressed (uPlot included). The GraphQL explorer
 * (GraphiQL with React and CodeMirror) is a page of its own, loaded only when opened: at most
 * 2.5 MiB minified, 800 KiB compressed (its fonts are embedded). The gateway sends the files uncompressed; the
 * compressed figure is what a compressing proxy in front of it would send.
 */
export const CONSOLE_BUDGET = { bytes: 150 * 1024, gzipBytes: 50 * 1024 };
export const EXPLORER_BUDGET = { bytes: 2.5 * 1024 * 1024, gzipBytes: 800 * 1024 };

let built: ConsoleBuild;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-bundle-'));
  built = await buildConsole(dir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pageAssets(page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
}

function weigh(page: string): { bytes: number; gzipBytes: number; files: string[] } {
  const files = pageAssets(page);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes, files };
}

describe('console bundles', () => {
  it('load only files of the hub itself', () => {
    for (const page of ['index.html', 'explorer.html']) {
      const assets = pageAssets(page);
      expect(assets.length).toBe(2);
      for (const asset of assets) expect(asset).toMatch(/^\/assets\/[\w-]+\.(js|css)$/);
    }
  });

  it(`keep the console within ${CONSOLE_BUDGET.bytes / 1024} KiB (${CONSOLE_BUDGET.gzipBytes / 1024} KiB compressed)`, () => {
    const w = weigh('index.html');
    console.log(`console: ${(w.bytes / 1024).toFixed(1)} KiB, ${(w.gzipBytes / 1024).toFixed(1)} KiB gzip (${w.files.join(', ')})`);
    expect(w.bytes).toBeLessThanOrEqual(CONSOLE_BUDGET.bytes);
    expect(w.gzipBytes).toBeLessThanOrEqual(CONSOLE_BUDGET.gzipBytes);
  });

  it(`keep the explorer within ${EXPLORER_BUDGET.bytes / 1024 / 1024} MiB (${EXPLORER_BUDGET.gzipBytes / 1024} KiB compressed)`, () => {
    const w = weigh('explorer.html');
    console.log(`explorer: ${(w.bytes / 1024).toFixed(1)} KiB, ${(w.gzipBytes / 1024).toFixed(1)} KiB gzip`);
    expect(w.bytes).toBeLessThanOrEqual(EXPLORER_BUDGET.bytes);
    expect(w.gzipBytes).toBeLessThanOrEqual(EXPLORER_BUDGET.gzipBytes);
  });

  it('lists what it built', () => {
    expect(built.files.map((f) => f.file).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^assets\/app-\w+\.js$/), expect.stringMatching(/^assets\/explorer-\w+\.js$/)]));
  });
});
