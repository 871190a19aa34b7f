import './production-mode';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalHub, LocalHub } from '../gateway/local-hub';
import { Role, signToken } from '../services/platform/auth';
import { LIST_LIMITS } from '../services/metrics/bounds';
import { WAIT_BUCKET_KEYS } from '../services/metrics/wait-buckets';
import { jobRunner } from '../services/exchange/runner';
import { main as hubCli } from '../scripts/hub';
import { interval } from '../test/support/intervals';

/**
 * Benchmark of interval imports (issue 12): a BENCH_ROWS-row (1,000,000) interval file in the
 * generic CSV, spread over BENCH_QUEUES (20) queues of one contract, imported through the gateway
 * the way `npm run hub -- import` does (gzipped on the way, in chunks, then checked and written
 * by the exchange subgraph in the background), side by side with the same rows sent straight to
 * recordIntervalBatch through the gateway in batches of the upload bound. BENCH_RUNS (3) runs of
 * each, into fresh queues, min / median / max; the import must reach at least half the rate.
 *
 * Memory: the peak resident set size of the process (the whole hub runs in it, with the garbage
 * collector run every second) while a BENCH_SMALL-row (100,000) file and then the full file
 * import, above the resident size just before; the import streams, so the peak must not grow
 * with the file.
 *
 * SQLite files in a temp folder (removed afterwards). Results: bench/results/import-<timestamp>.json.
 */
const ROWS = positiveInt('BENCH_ROWS', 1_000_000);
const SMALL = positiveInt('BENCH_SMALL', 100_000);
const QUEUES = positiveInt('BENCH_QUEUES', 20);
const RUNS = positiveInt('BENCH_RUNS', 3);
const SECRET = `bench-${randomBytes(24).toString('hex')}`;
const FIRST_START = Date.UTC(2022, 0, 3) / 1000;
const BUCKETS = WAIT_BUCKET_KEYS;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

const SPECS = Array.from({ length: 16 }, (_, i) => ({ answeredWait: [10 + (i % 5), 6, 4, 3, 2, i % 3], abandonedWait: [1, i % 2, 1], ahtSeconds: 240 + 5 * i }));
type Row = ReturnType<typeof interval>;

/** Row i of a file: queue i mod Q, quarter hour i div Q from FIRST_START. */
function rowAt(i: number, queues: string[]): { queueId: string; row: Row } {
  const start = new Date((FIRST_START + Math.floor(i / queues.length) * 900) * 1000).toISOString();
  return { queueId: queues[i % queues.length], row: interval(start, SPECS[i % SPECS.length]) };
}

const HEADER = ['queue', 'start', 'lengthSeconds', 'offered', 'answered', 'abandoned', 'answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'staffedSeconds', 'availableSeconds', ...BUCKETS.map((b) => `answeredWait_${b}`), ...BUCKETS.map((b) => `abandonedWait_${b}`)];

function line(queueId: string, r: Row): string {
  return [queueId, r.start, r.lengthSeconds, r.offered, r.answered, r.abandoned, r.answeredWaitSeconds, r.abandonedWaitSeconds, r.talkSeconds, r.holdSeconds, r.wrapSeconds, r.staffedSeconds, r.availableSeconds, ...r.answeredWait, ...r.abandonedWait].join(',');
}

async function writeFile(path: string, rows: number, queues: string[]): Promise<number> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${HEADER.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const { queueId, row } = rowAt(i, queues);
    chunk += `${line(queueId, row)}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(path).size;
}

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** Samples the resident set size while `run` runs; answers its peak above the size before. */
async function peakRss<T>(run: () => Promise<T>): Promise<{ value: T; baseMb: number; peakMb: number }> {
  (global as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  // The collector runs every second so the peak follows what is live, not garbage V8 has yet to
  // collect (with more memory free, V8 simply collects later).
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 20 === 0) (global as { gc?: () => void }).gc?.();
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, baseMb: base / 2 ** 20, peakMb: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const r0 = (x: number) => Math.round(x);
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  let hub: LocalHub | null = null;
  console.log(`import benchmark: ${ROWS} rows over ${QUEUES} queues, ${RUNS} runs, SQLite in ${dir}, NODE_ENV=${process.env.NODE_ENV}, node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (FIRST_START + Math.ceil(ROWS / QUEUES) * 900 > Date.now() / 1000) throw new Error('the rows would reach the future: raise BENCH_QUEUES');
  try {
    hub = await startLocalHub({ databaseUrl: `sqlite:${dir}/db`, jwtSecret: SECRET, ephemeralPorts: true });
    const url = hub.url;
    const token = (org: string, roles: Role[]) => signToken({ sub: `bench-${org}`, org, roles }, SECRET, 12 * 3600);
    const admin = token('hub-operator', ['admin']);
    for (const o of [{ id: 'bench-client', kind: 'CLIENT' }, { id: 'bench-centre', kind: 'CENTRE' }]) {
      await gql(url, admin, `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`, { input: { ...o, name: o.id } });
    }
    const client = token('bench-client', ['read', 'write']);
    const centre = token('bench-centre', ['read', 'write']);
    const since = new Date(FIRST_START * 1000).toISOString();
    const contractId = (await gql<any>(url, client, `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
      input: { title: 'Bench', centreId: 'bench-centre', startDate: since.slice(0, 10), currency: 'EUR' },
      f: since,
    })).createContract.id;
    const sets = 2 * RUNS + 2;
    const queueSets: string[][] = [];
    for (let s = 0; s < sets; s++) {
      const set: string[] = [];
      for (let q = 0; q < QUEUES; q++) {
        const r = await gql<any>(url, client, `mutation($c: ID!, $f: DateTime, $n: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $n, channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: since, n: `S${s} Q${q}` });
        set.push(r.addQueue.id);
      }
      queueSets.push(set);
    }
    await gql(url, client, `mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: contractId, f: since });
    await gql(url, client, `mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: since });
    const runner = jobRunner(hub.subgraphs.exchange.db);

    const importFile = async (file: string): Promise<void> => {
      const out: string[] = [];
      const code = await hubCli(['import', '--contract', contractId, '--profile', 'hub-intervals', file], { HUB_TOKEN: centre, HUB_URL: url }, { out: (l) => out.push(l), progress: () => undefined, pause: () => runner.idle() });
      if (code !== 0) throw new Error(`import failed (${code}):\n${out.join('\n')}`);
    };
    const direct = async (queues: string[]): Promise<void> => {
      const columns = HEADER.slice(1).map((c) => c.replace(/^answeredWait_.*/, 'answeredWait').replace(/^abandonedWait_.*/, 'abandonedWait')).filter((c, i, a) => a.indexOf(c) === i);
      const perQueue = new Map<string, unknown[][]>();
      const flush = async (queueId: string) => {
        const rows = perQueue.get(queueId)!;
        perQueue.delete(queueId);
        await gql(url, centre, `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received } }`, { q: queueId, b: { columns, rows } });
      };
      for (let i = 0; i < ROWS; i++) {
        const { queueId, row } = rowAt(i, queues);
        const list = perQueue.get(queueId) ?? [];
        list.push(columns.map((c) => (row as unknown as Record<string, unknown>)[c]));
        perQueue.set(queueId, list);
        if (list.length >= LIST_LIMITS.intervalsPerUpload) await flush(queueId);
      }
      for (const q of [...perQueue.keys()]) await flush(q);
    };

    // Memory: the small file, then the full one, into their own queues.
    const smallFile = join(dir, 'small.csv');
    const smallBytes = await writeFile(smallFile, SMALL, queueSets[2 * RUNS]);
    const small = await peakRss(() => importFile(smallFile));
    const fullFile = join(dir, 'full.csv');
    const fullBytes = await writeFile(fullFile, ROWS, queueSets[2 * RUNS + 1]);
    const full = await peakRss(() => importFile(fullFile));
    console.log(`memory: ${SMALL} rows (${r1(smallBytes / 2 ** 20)} MiB) peak +${r1(small.peakMb)} MiB RSS over ${r0(small.baseMb)} MiB; ${ROWS} rows (${r1(fullBytes / 2 ** 20)} MiB) peak +${r1(full.peakMb)} MiB over ${r0(full.baseMb)} MiB`);

    const importRates: number[] = [];
    const directRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const file = join(dir, `run${run}.csv`);
      await writeFile(file, ROWS, queueSets[2 * run]);
      let t0 = performance.now();
      await importFile(file);
      importRates.push(ROWS / ((performance.now() - t0) / 1000));
      rmSync(file);
      t0 = performance.now();
      await direct(queueSets[2 * run + 1]);
      directRates.push(ROWS / ((performance.now() - t0) / 1000));
      console.log(`run ${run + 1}: import ${r0(importRates[run])} rows/s, recordIntervalBatch ${r0(directRates[run])} rows/s, ratio ${(importRates[run] / directRates[run]).toFixed(2)}`);
    }
    const imp = stats(importRates);
    const dir2 = stats(directRates);
    const ratio = imp.median / dir2.median;
    console.log(`\n                     min      median   max   (rows/s)`);
    console.log(`import (gateway)   ${r0(imp.min)}  ${r0(imp.median)}  ${r0(imp.max)}`);
    console.log(`recordIntervalBatch ${r0(dir2.min)}  ${r0(dir2.median)}  ${r0(dir2.max)}`);
    console.log(`median ratio ${ratio.toFixed(2)} (target ≥ 0.5): ${ratio >= 0.5 ? 'met' : 'MISSED'}; peak memory ${SMALL} vs ${ROWS} rows: +${r1(small.peakMb)} vs +${r1(full.peakMb)} MiB`);
    const results = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(results, { recursive: true });
    const out = join(results, `import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      out,
      `${JSON.stringify({ rows: ROWS, queues: QUEUES, runs: RUNS, cpus: cpus().length, loadAtEnd: loadavg(), importRowsPerSecond: imp, recordIntervalBatchRowsPerSecond: dir2, medianRatio: ratio, memory: { small: { rows: SMALL, bytes: smallBytes, peakAboveBaseMiB: small.peakMb, baseMiB: small.baseMb }, full: { rows: ROWS, bytes: fullBytes, peakAboveBaseMiB: full.peakMb, baseMiB: full.baseMb } } }, null, 2)}\n`,
    );
    console.log(`results: ${out}`);
  } finally {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
