import { build, Metafile } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/**
 * Builds the web console into `outDir` (dist/console by default): esbuild bundles the browser code
 * (the server code stays compiled by tsc), one bundle for the console and one for the explorer,
 * with content-hashed names written into the two HTML pages. Takes about a second.
 */
const ROOT = join(__dirname, '..', ...(basename(join(__dirname, '..')) === 'dist' ? ['..'] : []));
const SOURCE = join(ROOT, 'console');

export interface ConsoleBuild {
  dir: string;
  /** Bytes of each page's own assets (scripts and styles), uncompressed and gzip-compressed. */
  files: Array<{ file: string; bytes: number }>;
}

export async function buildConsole(outDir = join(ROOT, 'dist', 'console')): Promise<ConsoleBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(SOURCE, 'src', 'main.ts'), explorer: join(SOURCE, 'src', 'explorer.tsx') },
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.svg': 'file' },
    legalComments: 'linked',
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  const outputs = (result.metafile as Metafile).outputs;
  const url = (file: string) => '/' + relative(outDir, join(ROOT, file)).split('\\').join('/');
  const assetOf = (entry: string, ext: '.js' | '.css') => {
    const found = Object.entries(outputs).find(([, o]) => o.entryPoint === entry);
    const file = ext === '.js' ? found?.[0] : found?.[1].cssBundle;
    if (!file) throw new Error(`esbuild wrote no ${ext} for ${entry}`);
    return url(file);
  };
  for (const [page, entry] of [['index.html', 'console/src/main.ts'], ['explorer.html', 'console/src/explorer.tsx']] as const) {
    const html = readFileSync(join(SOURCE, page), 'utf8').replace('%SCRIPT%', assetOf(entry, '.js')).replace('%STYLE%', assetOf(entry, '.css'));
    writeFileSync(join(outDir, page), html);
  }
  const files = Object.entries(outputs)
    .filter(([file]) => /\.(js|css)$/.test(file))
    .map(([file, o]) => ({ file: relative(outDir, join(ROOT, file)), bytes: o.bytes }));
  return { dir: outDir, files };
}

if (require.main === module) {
  buildConsole(process.argv[2])
    // On stderr, so `npm run --silent token` prints the token alone.
    .then((b) => console.error(`console built in ${relative(process.cwd(), b.dir)}: ${b.files.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(0)} KiB`).join(', ')}`))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
