import './production-mode';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../services/platform/auth';
import { SUBGRAPHS } from '../services/platform/config';

/**
 * `npm run bench:load`: the hub as production runs it (one process per subgraph and the gateway,
 * NODE_ENV=production, SQLite files seeded with the demo data), driven through the gateway by
 * several tenants at once. Three scenarios, each bounded in requests and time, three runs each:
 *
 * - quiet: one tenant's simple read alone (the reference);
 * - gateway against direct: a single-subgraph read (the organisations directory, contracts only)
 *   with a distinct token on every request, 16 connections, through the gateway and straight to
 *   the contracts subgraph, turn about (what the gateway costs: token check, plan, hop). Driven
 *   twice: by this process's fetch client, and, when `wrk` is installed (Debian's package), by
 *   wrk with bench/distinct-tokens.lua: on two cores the Node.js client takes about as much CPU
 *   per request as the subgraph it drives, so it weighs on the three-process gateway path more
 *   than on the two-process direct one; wrk's share is a few per cent;
 * - mixed: four tenants each running a realistic mix of reads concurrently (2 connections each),
 *   and the same mix at 16 connections (4 each);
 * - noisy neighbour: one tenant runs the heaviest query the limits allow, as fast as its client
 *   can (16 connections), while another runs the same simple read as in "quiet" — through the
 *   gateway as configured, and side by side through a second gateway on the same subgraphs
 *   without the per-organisation limits.
 *
 * The databases are made as a deployment makes them: `scripts/migrate.js` first (migrations and
 * the demo data), then the subgraphs, which do not migrate. It prints requests/s, p50/p95/p99,
 * errors by code, each process's peak RSS and the load average, and writes
 * bench/results/load.json. Traffic goes to 127.0.0.1 only.
 */
const SECRET = 'load-bench-secret-of-at-least-32-characters';
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 4600);
const RUNS = 3;
const MAX_SCENARIO_MS = 60_000;

interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url.replace(/\/graphql$/, '/health'));
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} did not become healthy`);
}

async function startHub(dataDir: string): Promise<{ procs: Proc[]; gatewayUrl: string; unlimitedUrl: string }> {
  const root = join(__dirname, '..', '..');
  const ports: Record<string, number> = { gateway: BASE_PORT };
  SUBGRAPHS.forEach((name, i) => (ports[name] = BASE_PORT + 1 + i));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HUB_JWT_SECRET: SECRET,
    DATABASE_URL: `sqlite:${dataDir}`,
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(ports.gateway),
  };
  for (const name of SUBGRAPHS) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
  }
  const procs: Proc[] = [];
  const deadline = Date.now() + 120_000;
  // The deploy step: migrations and demo data, once, before any subgraph starts.
  const migrate = spawn(process.execPath, [join(root, 'dist', 'scripts', 'migrate.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => migrate.once('exit', resolve));
  if (code !== 0) throw new Error(`the migrate step failed (exit ${code})`);
  for (const name of SUBGRAPHS) {
    const child = spawn(process.execPath, [join(root, 'dist', 'services', name, 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const url = `http://127.0.0.1:${ports[name]}/graphql`;
    procs.push({ name, child, url });
    await waitHealthy(url, deadline);
  }
  const gateway = spawn(process.execPath, [join(root, 'dist', 'gateway', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  procs.push({ name: 'gateway', child: gateway, url: gatewayUrl });
  await waitHealthy(gatewayUrl, deadline);
  // The same hub behind a second gateway without the per-organisation limits, for the side-by-side.
  const unlimitedPort = BASE_PORT + 10;
  const unlimited = spawn(process.execPath, [join(root, 'dist', 'gateway', 'main.js')], {
    env: { ...env, GATEWAY_PORT: String(unlimitedPort), GATEWAY_MAX_INFLIGHT_PER_ORG: '100000', GATEWAY_MAX_QUEUED_PER_ORG: '100000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const unlimitedUrl = `http://127.0.0.1:${unlimitedPort}/graphql`;
  procs.push({ name: 'gateway without tenant limits', child: unlimited, url: unlimitedUrl });
  await waitHealthy(unlimitedUrl, deadline);
  return { procs, gatewayUrl, unlimitedUrl };
}

function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface Sample {
  ms: number;
  code: string | null;
}

/** Runs `count` requests with `concurrency` workers, each with the next of `tokens` (a distinct token a request). */
async function driveTokens(url: string, tokens: string[], query: string, count: number, concurrency: number, stopAt: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && Date.now() < stopAt) {
        const i = next++;
        samples.push(await send(url, tokens[i % tokens.length], query));
      }
    }),
  );
  return samples;
}

async function send(url: string, token: string, query: string): Promise<Sample> {
  const started = performance.now();
  let code: string | null = null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    if (body.errors?.length) code = body.errors[0].extensions?.code ?? 'UNKNOWN';
  } catch (error) {
    code = (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK';
  }
  return { ms: performance.now() - started, code };
}

/** Runs `count` requests with `concurrency` workers, each picking queries round robin; stops early at `stopAt`. */
async function drive(url: string, token: string, queries: string[], count: number, concurrency: number, stopAt: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && Date.now() < stopAt) {
        const i = next++;
        samples.push(await send(url, token, queries[i % queries.length]));
      }
    }),
  );
  return samples;
}

/** Keeps `concurrency` requests going until `until` resolves. */
async function flood(url: string, token: string, query: string, concurrency: number, until: Promise<unknown>, stopAt: number): Promise<Sample[]> {
  let done = false;
  void until.then(() => (done = true));
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!done && Date.now() < stopAt) samples.push(await send(url, token, query));
    }),
  );
  return samples;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Summary {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: Record<string, number>;
}

function summarise(samples: Sample[], elapsedMs: number): Summary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of samples) if (s.code) errors[s.code] = (errors[s.code] ?? 0) + 1;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: samples.length,
    perSecond: round((samples.length / elapsedMs) * 1000),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    errors,
  };
}

function isoDaysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCHours(0, 0, 0, 0);
  return d.toISOString();
}

const SIMPLE = `{ contract(id: "ct-northwind-contoso") { id title status queues { id name timeZone } } }`;
/** A read only the contracts subgraph answers, open to any member of the hub: the gateway's own cost shows. */
const DIRECTORY = `{ organisations { id name kind } }`;
const CONNECTIONS = 16;
const DIRECT_REQUESTS = 1500;
/** Seconds of each wrk turn, and the distinct tokens it is given (more than it can send in that time). */
const WRK_SECONDS = 5;
const WRK_TOKENS = 60_000;

/** True when wrk is on the PATH. */
function wrkInstalled(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** One wrk turn of WRK_SECONDS on 16 connections (one thread), each request with a token of `tokensFile` never sent before. */
async function wrkTurn(url: string, tokensFile: string, queryFile: string): Promise<Summary> {
  const script = join(__dirname, '..', '..', 'bench', 'distinct-tokens.lua');
  const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${WRK_SECONDS}s`, '-s', script, url], {
    env: { ...process.env, TOKENS_FILE: tokensFile, QUERY_FILE: queryFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const result = /RESULT requests=(\d+) seconds=([\d.]+) p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) errors=(\d+) tokens=(\d+)/.exec(out);
  if (code !== 0 || !result) throw new Error(`wrk failed (exit ${code}):\n${out}`);
  const [requests, seconds, p50, p95, p99, errors, tokens] = result.slice(1).map(Number);
  if (requests > tokens) throw new Error(`wrk sent ${requests} requests with ${tokens} tokens: raise WRK_TOKENS so that no token is sent twice`);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { requests, perSecond: round(requests / seconds), p50: round(p50), p95: round(p95), p99: round(p99), errors: errors > 0 ? { FAILED: errors } : {} };
}

function mixFor(contractId: string, queueId: string): string[] {
  const from = isoDaysAgo(28);
  const to = isoDaysAgo(0);
  return [
    `{ contracts(first: 20) { id title status queues { id name } slaTargets { id metric goal } } }`,
    `{ queues(ids: ["${queueId}"]) { performance(from: "${from}", to: "${to}", granularity: DAY) { points { label figures { value definition { label } } } } } }`,
    `{ contract(id: "${contractId}") { slaTargets { id compliance(from: "${from}", to: "${to}") { windowsJudged windowsMet creditPercent } } } }`,
    `{ contract(id: "${contractId}") { satisfaction(from: "${from}", to: "${to}", granularity: WEEK) { points { label } } } }`,
    `{ me { organisation { id name kind } } }`,
  ];
}

/** The heaviest read a tenant can send within the limits: a month of 15-minute points with every default figure. */
function heaviest(queueId: string): string {
  return `{ queues(ids: ["${queueId}"]) { performance(from: "${isoDaysAgo(30)}", to: "${isoDaysAgo(0)}", granularity: INTERVAL) { points { start sums { offered answered abandoned talkSeconds } figures { value definition { label } } } } } }`;
}

async function scenario<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

function stats(values: number[]): { min: number; median: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

async function main(): Promise<void> {
  const loadAtStart = require('node:os').loadavg();
  const dataDir = mkdtempSync(join(tmpdir(), 'cchub-load-'));
  const { procs, gatewayUrl, unlimitedUrl } = await startHub(dataDir);
  const token = (org: string) => signToken({ sub: `bench-${org}`, org, roles: ['read', 'write'] }, SECRET, 3600);
  const tenants = [
    { org: 'northwind', contract: 'ct-northwind-contoso', queue: 'q-northwind-billing' },
    { org: 'globex', contract: 'ct-globex-fabrikam', queue: 'q-globex-mobile' },
    { org: 'contoso', contract: 'ct-northwind-contoso', queue: 'q-northwind-outages' },
    { org: 'fabrikam', contract: 'ct-northwind-fabrikam', queue: 'q-northwind-chat' },
  ];
  // A distinct token for every request of the gateway-against-direct scenario, from 16 organisations
  // (one per connection, so no organisation waits for its own lane at the gateway).
  const distinctTokens = Array.from({ length: DIRECT_REQUESTS * 2 }, (_, i) =>
    signToken({ sub: `bench-user-${i}`, org: `bench-org-${i % CONNECTIONS}`, roles: ['read'] }, SECRET, 3600),
  );
  const contractsUrl = procs.find((p) => p.name === 'contracts')!.url;
  // wrk's tokens: a file of its own for each turn (gateway and direct, every run), none sent twice.
  const withWrk = wrkInstalled();
  if (!withWrk) console.log('wrk is not installed (apt-get install wrk): the gateway-against-direct scenario runs with the Node.js client only');
  const queryFile = join(dataDir, 'directory.json');
  writeFileSync(queryFile, JSON.stringify({ query: DIRECTORY }));
  const wrkTokens = (run: number, side: string): string => {
    const file = join(dataDir, `tokens-${run}-${side}.txt`);
    const lines: string[] = [];
    for (let i = 0; i < WRK_TOKENS; i++) lines.push(signToken({ sub: `wrk-${side}-${run}-${i}`, org: `bench-org-${i % CONNECTIONS}`, roles: ['read'] }, SECRET, 3600));
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const runs: Array<{
    quiet: Summary;
    gatewayDirectory: Summary;
    directDirectory: Summary;
    wrkGateway: Summary | null;
    wrkDirect: Summary | null;
    mixed16: Summary;
    mixed: Summary;
    mixedErrors: number;
    noisyVictim: Summary;
    noisyAggressor: Summary;
    unlimitedVictim: Summary;
    unlimitedAggressor: Summary;
  }> = [];

  /** One tenant floods `url` with the heaviest query while another runs the simple read through the same gateway. */
  async function noisy(url: string): Promise<{ victim: Summary; aggressor: Summary }> {
    const stop = Date.now() + MAX_SCENARIO_MS;
    let victimDone!: () => void;
    const victimFinished = new Promise<void>((resolve) => (victimDone = resolve));
    const aggressor = flood(url, token('globex'), heaviest('q-globex-mobile'), 16, victimFinished, stop);
    await sleep(500); // let the flood build up before measuring the victim
    const victim = await scenario(async () => {
      const samples = await drive(url, token('northwind'), [SIMPLE], 200, 2, stop);
      victimDone();
      return samples;
    });
    const aggressorSamples = await aggressor;
    return { victim: summarise(victim.result, victim.ms), aggressor: summarise(aggressorSamples, victim.ms) };
  }
  try {
    // Warm-up: every query once.
    for (const t of tenants) for (const q of mixFor(t.contract, t.queue)) await send(gatewayUrl, token(t.org), q);
    await send(gatewayUrl, token('globex'), heaviest('q-globex-mobile'));
    for (let i = 0; i < 50; i++) {
      await send(gatewayUrl, token('northwind'), DIRECTORY);
      await send(contractsUrl, token('northwind'), DIRECTORY);
    }

    for (let run = 0; run < RUNS; run++) {
      const stopAt = () => Date.now() + MAX_SCENARIO_MS;
      const quiet = await scenario(() => drive(gatewayUrl, token('northwind'), [SIMPLE], 200, 2, stopAt()));

      // Gateway and direct take turns, each with tokens it has not seen.
      const viaGateway = await scenario(() => driveTokens(gatewayUrl, distinctTokens.slice(0, DIRECT_REQUESTS), DIRECTORY, DIRECT_REQUESTS, CONNECTIONS, stopAt()));
      const direct = await scenario(() => driveTokens(contractsUrl, distinctTokens.slice(DIRECT_REQUESTS), DIRECTORY, DIRECT_REQUESTS, CONNECTIONS, stopAt()));
      const wrkGateway = withWrk ? await wrkTurn(gatewayUrl, wrkTokens(run, 'gateway'), queryFile) : null;
      const wrkDirect = withWrk ? await wrkTurn(contractsUrl, wrkTokens(run, 'direct'), queryFile) : null;

      const mixed16Stop = stopAt();
      const mixed16 = await scenario(() =>
        Promise.all(tenants.map((t) => drive(gatewayUrl, token(t.org), mixFor(t.contract, t.queue), 200, CONNECTIONS / tenants.length, mixed16Stop))),
      );

      const mixedStop = stopAt();
      const mixed = await scenario(() =>
        Promise.all(tenants.map((t) => drive(gatewayUrl, token(t.org), mixFor(t.contract, t.queue), 100, 2, mixedStop))),
      );
      const mixedSamples = mixed.result.flat();

      const limited = await noisy(gatewayUrl);
      const unlimited = await noisy(unlimitedUrl);
      runs.push({
        quiet: summarise(quiet.result, quiet.ms),
        gatewayDirectory: summarise(viaGateway.result, viaGateway.ms),
        directDirectory: summarise(direct.result, direct.ms),
        wrkGateway,
        wrkDirect,
        mixed16: summarise(mixed16.result.flat(), mixed16.ms),
        mixed: summarise(mixedSamples, mixed.ms),
        mixedErrors: mixedSamples.filter((s) => s.code).length,
        noisyVictim: limited.victim,
        noisyAggressor: limited.aggressor,
        unlimitedVictim: unlimited.victim,
        unlimitedAggressor: unlimited.aggressor,
      });
      console.log(`run ${run + 1}:`, JSON.stringify(runs[run]));
    }
  } finally {
    const rss = Object.fromEntries(procs.map((p) => [p.name, peakRssMb(p.child.pid)]));
    for (const p of procs) p.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    if (runs.length === RUNS) {
      const pick = (f: (r: (typeof runs)[number]) => number) => stats(runs.map(f));
      const result = {
        at: new Date().toISOString(),
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: require('node:os').loadavg() },
        quietP95Ms: pick((r) => r.quiet.p95),
        gatewayRequestsPerSecond: pick((r) => r.gatewayDirectory.perSecond),
        directRequestsPerSecond: pick((r) => r.directDirectory.perSecond),
        gatewayToDirect: pick((r) => Math.round((r.gatewayDirectory.perSecond / r.directDirectory.perSecond) * 100) / 100),
        gatewayErrors: runs.map((r) => r.gatewayDirectory.errors),
        wrk: withWrk
          ? {
              gatewayRequestsPerSecond: pick((r) => r.wrkGateway!.perSecond),
              directRequestsPerSecond: pick((r) => r.wrkDirect!.perSecond),
              gatewayToDirect: pick((r) => Math.round((r.wrkGateway!.perSecond / r.wrkDirect!.perSecond) * 100) / 100),
              gatewayP95Ms: pick((r) => r.wrkGateway!.p95),
              directP95Ms: pick((r) => r.wrkDirect!.p95),
              errors: runs.map((r) => ({ gateway: r.wrkGateway!.errors, direct: r.wrkDirect!.errors })),
            }
          : null,
        mixed16RequestsPerSecond: pick((r) => r.mixed16.perSecond),
        mixed16P95Ms: pick((r) => r.mixed16.p95),
        mixed16Errors: runs.map((r) => r.mixed16.errors),
        mixedRequestsPerSecond: pick((r) => r.mixed.perSecond),
        mixedP95Ms: pick((r) => r.mixed.p95),
        mixedP99Ms: pick((r) => r.mixed.p99),
        noisyVictimP50Ms: pick((r) => r.noisyVictim.p50),
        noisyVictimP95Ms: pick((r) => r.noisyVictim.p95),
        noisyVictimP99Ms: pick((r) => r.noisyVictim.p99),
        aggressorRequestsPerSecond: pick((r) => r.noisyAggressor.perSecond),
        aggressorErrors: runs.map((r) => r.noisyAggressor.errors),
        withoutTenantLimitsVictimP50Ms: pick((r) => r.unlimitedVictim.p50),
        withoutTenantLimitsVictimP95Ms: pick((r) => r.unlimitedVictim.p95),
        withoutTenantLimitsVictimP99Ms: pick((r) => r.unlimitedVictim.p99),
        withoutTenantLimitsAggressorRequestsPerSecond: pick((r) => r.unlimitedAggressor.perSecond),
        peakRssMb: rss,
        runs,
      };
      mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
      writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'load.json'), JSON.stringify(result, null, 2));
      console.log(JSON.stringify({ ...result, runs: undefined }, null, 2));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
