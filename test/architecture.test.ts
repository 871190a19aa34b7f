import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The dependency rule of ARCHITECTURE.md: the subgraphs stand side by side. A subgraph
 * imports platform, metrics, clients and (for its demo seed only) demo, never another
 * subgraph's folder; the shared folders import no subgraph; metrics is pure (no platform, no
 * I/O libraries).
 */
const ROOT = resolve(__dirname, '..');
const SERVICES = join(ROOT, 'services');
const SUBGRAPHS = ['contracts', 'forecasts', 'feedback', 'performance', 'quality', 'billing', 'exchange'];
const SHARED = ['platform', 'metrics', 'clients', 'demo'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder under services/ that a relative import of `file` lands in, or the package name. */
function importsOf(file: string): Array<{ spec: string; folder: string | null }> {
  const source = readFileSync(file, 'utf8');
  const specs = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)|require\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return { spec, folder: null };
    const target = relative(SERVICES, resolve(dirname(file), spec));
    return { spec, folder: target.startsWith('..') ? '<outside services>' : target.split(sep)[0] };
  });
}

function folderOf(file: string): string {
  return relative(SERVICES, file).split(sep)[0];
}

const files = filesUnder(SERVICES).filter((f) => !f.endsWith('registry.ts'));

describe('the dependency rule', () => {
  it('finds the files it checks', () => {
    for (const folder of [...SUBGRAPHS, ...SHARED]) expect(files.some((f) => folderOf(f) === folder)).toBe(true);
  });

  it('no subgraph imports another subgraph, and only seeds and their tests import demo data', () => {
    const offences: string[] = [];
    for (const file of files) {
      const own = folderOf(file);
      if (!SUBGRAPHS.includes(own)) continue;
      for (const { spec, folder } of importsOf(file)) {
        if (folder === null || folder === own) continue;
        const isSeed = /(^|[/\\])seed(\.test)?\.ts$/.test(file);
        if (folder === 'demo' && isSeed) continue;
        if (!SHARED.includes(folder) || folder === 'demo') offences.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the shared folders import no subgraph, and metrics imports nothing but metrics', () => {
    const offences: string[] = [];
    for (const file of files) {
      const own = folderOf(file);
      if (!SHARED.includes(own)) continue;
      for (const { spec, folder } of importsOf(file)) {
        if (folder === null) {
          if (own === 'metrics' && !file.endsWith('.test.ts')) offences.push(`${relative(ROOT, file)} imports the package ${spec}`);
          continue;
        }
        if (SUBGRAPHS.includes(folder) || folder === '<outside services>') offences.push(`${relative(ROOT, file)} imports ${spec}`);
        if (own === 'metrics' && folder !== 'metrics') offences.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
