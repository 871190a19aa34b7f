import './production-mode';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { startLocalHub, LocalHub } from '../gateway/local-hub';
import { Role, signToken, viewerFromAuthorization } from '../services/platform/auth';
import { deriveDatabaseUrl, SUBGRAPHS, SubgraphName } from '../services/platform/config';
import { dateParameter, dialectOf, dropMysqlDatabase, QueryCounter } from '../services/platform/database';
import { bucketBoundaries, bucketStart, nextBucketStart } from '../services/metrics/calendar';
import { sumByBucket } from '../services/performance/aggregate';
import { createContractsClient } from '../services/clients/contracts';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, INTERVAL_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from '../services/performance/entities/interval-actual';
import { MAX_INTERVALS_PER_CALL, recordIntervals, writeIntervals } from '../services/performance/intervals';
import { interval } from '../test/support/intervals';

/**
 * Benchmark of the performance subgraph on the configured database (see README "npm scripts"):
 *
 *  1. the whole hub in-process, one contract with BENCH_QUEUES (100) Paris voice queues and one
 *     SERVICE_LEVEL 20 s DAY target per queue, in force from the start of BENCH_MONTH (2026-10);
 *  2. a month of quarter-hour actuals per queue uploaded through the gateway with recordIntervals,
 *     one queue-month per call, against the same rows inserted with the driver alone;
 *  3. DAY compliance of every target for the month in one gateway request, against one raw
 *     GROUP BY statement computing the same figures.
 *
 * DATABASE_URL unset: a fresh SQLite directory under the temp folder (file-backed, WAL, like
 * `npm start`), removed afterwards. A mysql:// URL: databases bench_<random>_<subgraph>, dropped
 * afterwards (BENCH_KEEP=1 keeps them for inspection). Results go to
 * bench/results/performance-<dialect>-<timestamp>.json. BENCH_QUEUES, BENCH_MONTH, BENCH_RUNS and
 * BENCH_SAMPLE change the size; NODE_ENV defaults to production (see production-mode.ts).
 */

const TIME_ZONE = 'Europe/Paris';
const QUEUES = positiveInt('BENCH_QUEUES', 100);
const MONTH = process.env.BENCH_MONTH ?? '2026-10';
const RUNS = positiveInt('BENCH_RUNS', 5);
/** Queues re-uploaded along each path to see where upload time goes. */
const SAMPLE = Math.min(QUEUES, positiveInt('BENCH_SAMPLE', 5));
const RAW_ROWS_PER_STATEMENT = 500;
const TARGETS = { uploadRatioAtLeast: 0.5, queryRatioAtMost: 1.5 };
const SLA = { thresholdSeconds: 20, goal: 0.8, percentPerPoint: 0.5, capPercent: 10 };
const SECRET = `bench-${randomBytes(24).toString('hex')}`;

const RECORD = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { queueId received inserted replaced from to } }`;
/** The compact form a high-volume feed uses: one JSON scalar, checked once by the subgraph. */
const RECORD_BATCH = `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { queueId received inserted replaced from to } }`;

function asBatch(rows: Array<Record<string, unknown>>): { columns: string[]; rows: unknown[][] } {
  const columns = Object.keys(rows[0]);
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
const COMPLIANCE = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) {
  windowsMet windowsJudged shareMet creditPercent windows { met figure { value } } } } } }`;
const TARGET_FACTS = `query($c: ID!) { contract(id: $c) { slaTargets { id contractId history { effectiveFrom effectiveTo queueId metric variant thresholdSeconds
  shortAbandonSeconds repeatWindowDays tolerance goal comparator window creditPercentPerPoint creditCapPercent } } } }`;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => ms / 1000;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

/** Deterministic pseudo-random numbers in [0, 1) from integer seeds (mulberry32 over a mixed seed). */
function rand(...seeds: number[]): number {
  let a = 0x9e3779b9;
  for (const s of seeds) a = Math.imul(a ^ (s + 0x6d2b79f5), 0x85ebca6b) ^ (a >>> 13);
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), a | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** POSTs a GraphQL request; throws on HTTP or GraphQL errors. Returns the data and the response size. */
async function post<T>(url: string, token: string, body: string): Promise<{ data: T; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const text = await response.text();
  let parsed: GraphQLAnswer<T>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 300)}`);
  }
  if (parsed.errors?.length || !parsed.data) {
    throw new Error(`GraphQL error from ${url}: ${JSON.stringify(parsed.errors ?? parsed).slice(0, 500)}`);
  }
  return { data: parsed.data, bytes: Buffer.byteLength(text) };
}

function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return post<T>(url, token, JSON.stringify({ query, variables })).then((r) => r.data);
}

// ---------------------------------------------------------------------------------------------
// Data: a month of quarter hours per queue, consistent records with deterministic variation
// ---------------------------------------------------------------------------------------------

type Row = ReturnType<typeof interval>;

/** Contacts per quarter hour by UTC hour: quiet nights, a morning and an afternoon peak. */
const HOURLY_VOLUME = [3, 2, 2, 2, 3, 6, 18, 40, 60, 64, 58, 50, 46, 52, 58, 54, 44, 32, 22, 14, 9, 6, 4, 3];

function rowsFor(queueIndex: number, starts: number[], monthStart: number): Row[] {
  return starts.map((epoch, i) => {
    const day = Math.floor((epoch - monthStart) / 86_400);
    const hour = new Date(epoch * 1000).getUTCHours();
    const volume = Math.round(HOURLY_VOLUME[hour] * (0.8 + 0.4 * rand(queueIndex, i, 1)));
    const abandoned = Math.round(volume * (0.04 + 0.05 * rand(queueIndex, i, 2)));
    const answered = volume - abandoned;
    // A day-level quality per queue so that some days meet the 80 % goal and some miss it.
    const share = Math.min(1, Math.max(0, 0.86 + 0.12 * (rand(queueIndex, day, 3) - 0.5) + 0.06 * (rand(queueIndex, i, 4) - 0.5)));
    const within = Math.round(answered * share);
    const beyond = answered - within;
    const w = [Math.floor(within * 0.45), Math.floor(within * 0.25), Math.floor(within * 0.18)];
    const b = [Math.floor(beyond * 0.5), Math.floor(beyond * 0.25), Math.floor(beyond * 0.15)];
    const answeredWait = [...w, within - w[0] - w[1] - w[2], ...b, beyond - b[0] - b[1] - b[2]];
    const a0 = Math.floor(abandoned * 0.3);
    const a3 = Math.floor(abandoned * 0.3);
    const abandonedWait = [a0, 0, 0, a3, 0, abandoned - a0 - a3];
    return interval(new Date(epoch * 1000).toISOString(), { answeredWait, abandonedWait, ahtSeconds: 240 + Math.round(120 * rand(queueIndex, i, 5)) });
  });
}

/** The row as recordIntervals writes it (intervals.ts), for the raw baseline. */
function sqlValues(queueId: string, row: Row, uploadedAt: Date | string, uploadedBy: string): unknown[] {
  return [
    queueId,
    Date.parse(row.start) / 1000,
    row.lengthSeconds,
    ...SUM_COLUMNS.map((c) => (row as unknown as Record<string, number | null | undefined>)[c.field] ?? null),
    ...MAX_COLUMNS.map((c) => (row as unknown as Record<string, number | null | undefined>)[c.field] ?? null),
    ...row.answeredWait,
    ...row.abandonedWait,
    'QUEUE_ENTRY',
    uploadedAt,
    uploadedBy,
  ];
}

function insertSql(table: string, rows: number): string {
  const one = `(${INTERVAL_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${INTERVAL_COLUMNS.join(', ')}) VALUES ${new Array(rows).fill(one).join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Database set-up and clean-up
// ---------------------------------------------------------------------------------------------

interface Target {
  databaseUrl: string;
  dialect: 'sqlite' | 'mysql';
  display: string;
  sqliteDir?: string;
}

function chooseDatabase(): Target {
  const configured = process.env.DATABASE_URL;
  if (!configured) {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-bench-'));
    return { databaseUrl: `sqlite:${dir}`, dialect: 'sqlite', display: `sqlite:${dir}`, sqliteDir: dir };
  }
  if (dialectOf(configured) === 'mysql') {
    const url = new URL(configured);
    url.pathname = `/bench_${randomBytes(4).toString('hex')}`;
    const display = new URL(url.toString());
    if (display.password) display.password = '***';
    return { databaseUrl: url.toString(), dialect: 'mysql', display: display.toString() };
  }
  if (configured === 'sqlite::memory:') throw new Error('the benchmark runs on files like production: leave DATABASE_URL unset or give sqlite:<dir>');
  const dir = configured.slice('sqlite:'.length);
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; the benchmark needs a fresh SQLite directory`);
  return { databaseUrl: configured, dialect: 'sqlite', display: configured };
}

function sqliteFiles(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).size]));
}

async function cleanUp(target: Target, hub: LocalHub | null): Promise<void> {
  if (hub) await hub.stop().catch((e) => console.error('hub stop failed:', e));
  if (process.env.BENCH_KEEP) {
    console.log(`BENCH_KEEP is set: the databases under ${target.display} are kept for inspection`);
  } else if (target.dialect === 'mysql') {
    for (const name of SUBGRAPHS) await dropMysqlDatabase(deriveDatabaseUrl(target.databaseUrl, name)).catch((e) => console.error(`drop ${name} failed:`, e));
  } else if (target.sqliteDir) {
    rmSync(target.sqliteDir, { recursive: true, force: true });
  }
}

/** A table of the same shape as interval_actuals, primary key (queue_id, start_epoch) included. */
async function createRawTable(db: DataSource, dialect: 'sqlite' | 'mysql'): Promise<string> {
  await db.query('DROP TABLE IF EXISTS bench_raw');
  if (dialect === 'mysql') {
    await db.query('CREATE TABLE bench_raw LIKE interval_actuals');
    const [row] = await db.query('SHOW CREATE TABLE bench_raw');
    return String(row['Create Table']);
  }
  const [row] = await db.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'interval_actuals'`);
  const ddl = String(row.sql).replace(/^CREATE TABLE "interval_actuals"/, 'CREATE TABLE "bench_raw"');
  if (!ddl.includes('"bench_raw"')) throw new Error(`unexpected DDL of interval_actuals: ${row.sql}`);
  await db.query(ddl);
  return ddl;
}

// ---------------------------------------------------------------------------------------------
// The raw compliance baseline: one statement, per queue and local day, judged in JS
// ---------------------------------------------------------------------------------------------

function sumsSql(): string {
  const columns = SUM_COLUMNS.map((c) =>
    c.optional ? `CASE WHEN COUNT(${c.column}) = COUNT(*) THEN SUM(${c.column}) END AS ${c.column}` : `SUM(${c.column}) AS ${c.column}`,
  );
  const buckets = [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((c) => `SUM(${c}) AS ${c}`);
  return [...columns, ...buckets, 'COUNT(*) AS intervals', 'MIN(attribution) AS attr_min', 'MAX(attribution) AS attr_max'].join(', ');
}

/** The CASE over local-day boundaries that aggregate.ts builds for uneven buckets. */
function caseBucket(boundaries: number[]): string {
  return `CASE ${boundaries.slice(1).map((b, i) => `WHEN start_epoch < ${b} THEN ${i}`).join(' ')} ELSE ${boundaries.length - 1} END`;
}

interface TargetVerdict {
  windowsMet: number;
  windowsJudged: number;
  creditPercent: number;
  values: Array<number | null>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** SERVICE_LEVEL 20 s canonical per queue-day (answered within 20 s / offered), met, shortfall, capped credit. */
function judgeRaw(rows: Array<Record<string, unknown>>, queueIds: string[], days: number): Map<string, TargetVerdict> {
  const verdicts = new Map<string, TargetVerdict>(queueIds.map((q) => [q, { windowsMet: 0, windowsJudged: 0, creditPercent: 0, values: new Array(days).fill(null) }]));
  const within = ANSWERED_BUCKET_COLUMNS.slice(0, 4); // ≤5, ≤10, ≤15, ≤20 s
  for (const row of rows) {
    const v = verdicts.get(String(row.queue_id))!;
    const offered = Number(row.offered);
    if (offered > 0) v.values[Number(row.bucket)] = within.reduce((s, c) => s + Number(row[c]), 0) / offered;
  }
  for (const v of verdicts.values()) {
    let credit = 0;
    for (const value of v.values) {
      if (value === null) continue;
      v.windowsJudged += 1;
      if (value >= SLA.goal) v.windowsMet += 1;
      else credit += round6(Math.min(SLA.capPercent, round6((SLA.goal - value) * 100) * SLA.percentPerPoint));
    }
    v.creditPercent = round6(Math.min(credit, SLA.capPercent));
  }
  return verdicts;
}

// ---------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg().map((x) => round(x, 2));
  const target = chooseDatabase();
  const counters = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  const findings: string[] = [];
  let hub: LocalHub | null = null;

  // The month in Paris: local midnight of the 1st to local midnight of the next 1st.
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(MONTH)) throw new Error(`BENCH_MONTH must be YYYY-MM (got ${MONTH})`);
  const monthStart = bucketStart(Date.parse(`${MONTH}-15T12:00:00Z`) / 1000, 'MONTH', TIME_ZONE);
  const monthEnd = nextBucketStart(monthStart, 'MONTH', TIME_ZONE);
  if (monthEnd * 1000 > Date.now()) throw new Error(`BENCH_MONTH ${MONTH} has not ended yet; interval uploads must be in the past`);
  const starts = Array.from({ length: (monthEnd - monthStart) / 900 }, (_, i) => monthStart + i * 900);
  const days = bucketBoundaries(monthStart, monthEnd, 'DAY', TIME_ZONE);
  const totalRows = QUEUES * starts.length;
  if (starts.length > MAX_INTERVALS_PER_CALL) throw new Error('a queue-month exceeds the per-call limit');

  console.log(`performance benchmark on ${target.display} (${target.dialect}), NODE_ENV=${process.env.NODE_ENV}, node ${process.version}, ${cpus().length} CPUs`);
  if (loadAtStart[0] > cpus().length / 2) {
    console.log(`  warning: load average ${loadAtStart.join(' ')} on ${cpus().length} CPUs before starting; other work on this machine will skew the figures`);
  }
  console.log(
    `${QUEUES} queues × ${fmt(starts.length)} quarter hours of ${MONTH} in ${TIME_ZONE} (${days.length} local days, ` +
      `${new Date(monthStart * 1000).toISOString()} – ${new Date(monthEnd * 1000).toISOString()}) = ${fmt(totalRows)} rows`,
  );
  if (starts.length !== days.length * 96) {
    console.log(`  note: ${fmt(starts.length)} quarter hours, not ${days.length} × 96 = ${fmt(days.length * 96)}: the month has a daylight-saving change in ${TIME_ZONE}`);
  }

  try {
    // ------------------------------------------------------------------ 1. hub and contract
    const setup = await timed(async () => {
      hub = await startLocalHub({ databaseUrl: target.databaseUrl, jwtSecret: SECRET, ephemeralPorts: true, loggers: counters });
      const url = hub.url;
      const token = (org: string, roles: Role[]) => signToken({ sub: `bench-${org}`, org, roles }, SECRET, 6 * 3600);
      const admin = token('hub-operator', ['admin']);
      for (const o of [{ id: 'bench-client', kind: 'CLIENT' }, { id: 'bench-centre', kind: 'CENTRE' }]) {
        await gql(url, admin, `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`, {
          input: { ...o, name: `Benchmark ${o.id}` },
        });
      }
      const client = token('bench-client', ['read', 'write']);
      const centre = token('bench-centre', ['read', 'write']);
      const effectiveFrom = new Date(monthStart * 1000).toISOString();
      const created = await gql<{ createContract: { id: string } }>(
        url,
        client,
        `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`,
        { input: { title: 'Benchmark contract', centreId: 'bench-centre', startDate: `${MONTH}-01`, currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: effectiveFrom },
      );
      const contractId = created.createContract.id;
      const queueIds: string[] = [];
      for (let i = 0; i < QUEUES; i++) {
        const q = await gql<{ addQueue: { id: string } }>(
          url,
          client,
          `mutation($c: ID!, $f: DateTime, $name: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $name, channel: VOICE, timeZone: "${TIME_ZONE}" }) { id } }`,
          { c: contractId, f: effectiveFrom, name: `Bench queue ${i + 1}` },
        );
        queueIds.push(q.addQueue.id);
        await gql(
          url,
          client,
          `mutation($c: ID!, $q: ID, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { queueId: $q, metric: "SERVICE_LEVEL",
            thresholdSeconds: ${SLA.thresholdSeconds}, goal: ${SLA.goal}, window: DAY, serviceCredit: { percentPerPoint: ${SLA.percentPerPoint}, capPercent: ${SLA.capPercent} } }) { id } }`,
          { c: contractId, q: q.addQueue.id, f: effectiveFrom },
        );
      }
      await gql(url, client, `mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { status } }`, { id: contractId, f: effectiveFrom });
      return { url, client, centre, contractId, queueIds };
    });
    const { url, client, centre, contractId, queueIds } = setup.value;
    const started = hub as unknown as LocalHub;
    const perfDb = started.subgraphs.performance.db;
    const databaseInfo = await describeDatabase(perfDb, target.dialect);
    console.log(`database: ${Object.entries(databaseInfo).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    console.log('note: gateway, subgraphs and this client share one Node.js event loop here; in production each runs in its own process');
    console.log(`hub up, contract ${contractId} with ${QUEUES} queues and ${QUEUES} SLA targets activated in ${fmt(seconds(setup.ms), 1)} s`);

    // ------------------------------------------------------------------ 2. upload through the gateway
    console.log(`\nupload: ${QUEUES} calls of ${fmt(starts.length)} rows through the gateway (recordIntervalBatch, centre token)`);
    let requestMs = 0;
    let clientMs = 0;
    let bodyBytes = 0;
    const perCallMs: number[] = [];
    counters.performance.reset();
    counters.contracts.reset();
    const uploadT0 = performance.now();
    for (let i = 0; i < QUEUES; i++) {
      const c0 = performance.now();
      const rows = rowsFor(i, starts, monthStart);
      const body = JSON.stringify({ query: RECORD_BATCH, variables: { q: queueIds[i], b: asBatch(rows as unknown as Array<Record<string, unknown>>) } });
      clientMs += performance.now() - c0;
      bodyBytes = Math.max(bodyBytes, Buffer.byteLength(body));
      const r = await timed(() => post<{ recordIntervalBatch: { inserted: number; received: number } }>(url, centre, body));
      if (r.value.data.recordIntervalBatch.inserted !== rows.length) throw new Error(`queue ${i}: inserted ${r.value.data.recordIntervalBatch.inserted} of ${rows.length}`);
      requestMs += r.ms;
      perCallMs.push(r.ms);
      if ((i + 1) % 10 === 0 || i + 1 === QUEUES) {
        const done = (i + 1) * starts.length;
        console.log(`  ${String(i + 1).padStart(3)}/${QUEUES} queues, ${fmt(done).padStart(7)} rows, ${fmt(seconds(performance.now() - uploadT0), 1).padStart(6)} s, ${fmt(done / seconds(requestMs))} rows/s`);
      }
    }
    const uploadWallMs = performance.now() - uploadT0;
    const uploadSql = { performance: counters.performance.count, contracts: counters.contracts.count };
    const [{ n: storedRows }] = await perfDb.query('SELECT COUNT(*) AS n FROM interval_actuals');
    if (Number(storedRows) !== totalRows) throw new Error(`interval_actuals holds ${storedRows} rows, expected ${totalRows}`);
    const apiRate = totalRows / seconds(requestMs);

    // ------------------------------------------------------------------ 3. raw insert baseline
    console.log(`\nraw insert: the same ${fmt(totalRows)} rows into bench_raw (same columns and primary key), INSERT of ${RAW_ROWS_PER_STATEMENT} rows, one transaction per queue`);
    const rawDdl = await createRawTable(perfDb, target.dialect);
    let rawMs = 0;
    let rawStatements = 0;
    const rawT0 = performance.now();
    for (let i = 0; i < QUEUES; i++) {
      const rows = rowsFor(i, starts, monthStart);
      const r = await timed(async () => {
        const uploadedAt = dateParameter(perfDb, new Date());
        const values = rows.map((row) => sqlValues(queueIds[i], row, uploadedAt, 'bench-raw'));
        await perfDb.transaction(async (tx) => {
          for (let k = 0; k < values.length; k += RAW_ROWS_PER_STATEMENT) {
            const chunk = values.slice(k, k + RAW_ROWS_PER_STATEMENT);
            await tx.query(insertSql('bench_raw', chunk.length), chunk.flat());
            rawStatements += 1;
          }
        });
      });
      rawMs += r.ms;
      if ((i + 1) % 25 === 0 || i + 1 === QUEUES) {
        console.log(`  ${String(i + 1).padStart(3)}/${QUEUES} queues, ${fmt(seconds(performance.now() - rawT0), 1).padStart(6)} s, ${fmt(((i + 1) * starts.length) / seconds(rawMs))} rows/s`);
      }
    }
    const rawWallMs = performance.now() - rawT0;
    const [{ n: rawRows }] = await perfDb.query('SELECT COUNT(*) AS n FROM bench_raw');
    if (Number(rawRows) !== totalRows) throw new Error(`bench_raw holds ${rawRows} rows, expected ${totalRows}`);
    const rawRate = totalRows / seconds(rawMs);
    const uploadRatio = apiRate / rawRate;

    // ------------------------------------------------------------------ 3b. where upload time goes
    console.log(`\nupload breakdown: ${SAMPLE} queue-months re-sent (replacing) along each path`);
    const sample = queueIds.slice(0, SAMPLE);
    const sampleRows = sample.map((_, i) => rowsFor(i, starts, monthStart));
    const sampleBodies = sample.map((q, i) => JSON.stringify({ query: RECORD_BATCH, variables: { q, b: asBatch(sampleRows[i] as unknown as Array<Record<string, unknown>>) } }));
    const sampleTypedBodies = sample.map((q, i) => JSON.stringify({ query: RECORD, variables: { q, rows: sampleRows[i] } }));
    const contractsUrl = started.subgraphs.contracts.server.url;
    const authorization = `Bearer ${centre}`;
    // Each path sends the same queue-month; the paths take turns per queue so that load from
    // elsewhere on the machine falls on all of them alike.
    const paths: Record<string, (i: number) => Promise<unknown>> = {
      gatewayTypedInput: (i) => post(url, centre, sampleTypedBodies[i]),
      gateway: (i) => post(url, centre, sampleBodies[i]),
      subgraphDirect: (i) => post(started.subgraphs.performance.server.url, centre, sampleBodies[i]),
      useCaseInProcess: (i) => {
        const uploads = sampleRows[i].map((r) => ({ ...r, start: new Date(r.start) }));
        const ctx = { viewer: viewerFromAuthorization(authorization, SECRET), db: perfDb, now: new Date(), contracts: createContractsClient({ name: 'contracts', url: contractsUrl, authorization, timeoutMs: 10_000 }) };
        return recordIntervals(ctx, sample[i], uploads);
      },
      contractsLookup: (i) => createContractsClient({ name: 'contracts', url: contractsUrl, authorization, timeoutMs: 10_000 }).queue.load(sample[i]),
      sqlOnly: (i) => {
        // The write step of recordIntervals alone: the range read and the upserts, in one transaction.
        const uploads = sampleRows[i].map((r) => ({ ...r, start: new Date(r.start) }));
        return writeIntervals(perfDb, sample[i], uploads, 'QUEUE_ENTRY', 'bench-centre', new Date());
      },
    };
    const pathRuns: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
    for (let i = 0; i < sample.length; i++) {
      for (const [name, run] of Object.entries(paths)) pathRuns[name].push((await timed(() => run(i))).ms);
    }
    const breakdown: Record<string, { medianMs: number; runsMs: number[] }> = {};
    for (const [name, runs] of Object.entries(pathRuns)) {
      breakdown[name] = { medianMs: round(median(runs), 1), runsMs: runs.map((x) => round(x, 1)) };
      console.log(`  ${name.padEnd(17)} median ${fmt(median(runs), 1).padStart(8)} ms per ${fmt(starts.length)}-row call`);
    }
    const jsonMs = median(sampleRows.map((rows, i) => timedSync(() => JSON.parse(JSON.stringify({ query: RECORD, variables: { q: sample[i], rows } })))));

    // ------------------------------------------------------------------ 4. compliance query
    console.log(`\nquery: DAY compliance of ${QUEUES} SLA targets for ${MONTH} in one gateway request (client token), warm-up + ${RUNS} runs`);
    const variables = { c: contractId, from: new Date(monthStart * 1000).toISOString(), to: new Date(monthEnd * 1000).toISOString() };
    const complianceBody = JSON.stringify({ query: COMPLIANCE, variables });
    type ComplianceAnswer = {
      contract: { slaTargets: Array<{ id: string; compliance: { windowsMet: number; windowsJudged: number; shareMet: number | null; creditPercent: number; windows: Array<{ met: boolean | null; figure: { value: number | null } }> } }> };
    };
    const warm = await post<ComplianceAnswer>(url, client, complianceBody);
    const gatewayRuns: number[] = [];
    let sqlPerRequest = { performance: 0, contracts: 0 };
    let last = warm;
    for (let r = 0; r < RUNS; r++) {
      counters.performance.reset();
      counters.contracts.reset();
      const t = await timed(() => post<ComplianceAnswer>(url, client, complianceBody));
      gatewayRuns.push(t.ms);
      last = t.value;
      sqlPerRequest = { performance: counters.performance.count, contracts: counters.contracts.count };
    }
    const gatewayMedian = median(gatewayRuns);
    console.log(`  gateway runs (ms): ${gatewayRuns.map((x) => fmt(x, 1)).join(', ')}; median ${fmt(gatewayMedian, 1)} ms, response ${fmt(last.bytes / 1024, 0)} KiB`);
    console.log(`  SQL statements per request: performance ${sqlPerRequest.performance}, contracts ${sqlPerRequest.contracts}`);

    // Raw baseline: one GROUP BY per queue and local day over all queues, judged in JS.
    const rawSql =
      `SELECT queue_id, ${caseBucket(days)} AS bucket, ${sumsSql()} FROM interval_actuals ` +
      `WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND start_epoch >= ? AND start_epoch < ? GROUP BY queue_id, bucket`;
    const rawParams = [...queueIds, monthStart, monthEnd];
    await perfDb.query(rawSql, rawParams); // warm-up
    const rawQueryRuns: number[] = [];
    let rawVerdicts = new Map<string, TargetVerdict>();
    let rawResultRows = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = await timed(async () => {
        const rows: Array<Record<string, unknown>> = await perfDb.query(rawSql, rawParams);
        return { rows, verdicts: judgeRaw(rows, queueIds, days.length) };
      });
      rawQueryRuns.push(t.ms);
      rawVerdicts = t.value.verdicts;
      rawResultRows = t.value.rows.length;
    }
    const rawQueryMedian = median(rawQueryRuns);
    const queryRatio = gatewayMedian / rawQueryMedian;
    console.log(`  raw SQL runs (ms):  ${rawQueryRuns.map((x) => fmt(x, 1)).join(', ')}; median ${fmt(rawQueryMedian, 1)} ms (${fmt(rawResultRows)} result rows)`);

    // Where query time goes: the contracts fetch the gateway makes first, and the subgraph's SQL as its resolvers issue it.
    const factsRuns: number[] = [];
    for (let r = 0; r < RUNS; r++) factsRuns.push((await timed(() => gql(url, client, TARGET_FACTS, { c: contractId }))).ms);
    const perTargetRuns: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      perTargetRuns.push(
        (await timed(() => Promise.all(queueIds.map((q) => sumByBucket(perfDb, [q], days, { from: monthStart, to: monthEnd }))))).ms,
      );
    }
    const oneStatementRuns: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      oneStatementRuns.push((await timed(() => sumByBucket(perfDb, queueIds, days, { from: monthStart, to: monthEnd }, { perQueue: true }))).ms);
    }
    console.log(`  contracts part (slaTargets with history, through the gateway): median ${fmt(median(factsRuns), 1)} ms`);
    console.log(`  ${QUEUES} per-target sumByBucket statements, concurrent as the resolvers issue them: median ${fmt(median(perTargetRuns), 1)} ms`);
    console.log(`  one sumByBucket(perQueue) statement for all targets: median ${fmt(median(oneStatementRuns), 1)} ms`);

    // Cross-check: the gateway's verdicts equal the raw ones, target by target.
    const targetQueue = await gql<{ contract: { slaTargets: Array<{ id: string; queue: { id: string } | null }> } }>(url, client, `query($c: ID!) { contract(id: $c) { slaTargets { id queue { id } } } }`, { c: contractId });
    const queueOfTarget = new Map(targetQueue.contract.slaTargets.map((t) => [t.id, t.queue?.id ?? '']));
    const mismatches: string[] = [];
    let windowsJudged = 0;
    let windowsMet = 0;
    for (const t of last.data.contract.slaTargets) {
      const raw = rawVerdicts.get(queueOfTarget.get(t.id)!);
      const c = t.compliance;
      windowsJudged += c.windowsJudged;
      windowsMet += c.windowsMet;
      const valuesAgree = raw && c.windows.length === raw.values.length && c.windows.every((w, i) => (w.figure.value === null ? raw.values[i] === null : Math.abs(w.figure.value - (raw.values[i] ?? NaN)) < 1e-9));
      if (!raw || raw.windowsMet !== c.windowsMet || raw.windowsJudged !== c.windowsJudged || Math.abs(raw.creditPercent - c.creditPercent) > 1e-6 || !valuesAgree) {
        mismatches.push(`${t.id}: gateway ${c.windowsMet}/${c.windowsJudged} credit ${c.creditPercent}, raw ${raw?.windowsMet}/${raw?.windowsJudged} credit ${raw?.creditPercent}`);
      }
    }
    console.log(
      `  cross-check: ${last.data.contract.slaTargets.length} targets, ${windowsMet}/${windowsJudged} days met; gateway and raw SQL ${mismatches.length === 0 ? 'agree on every value, verdict and credit' : `DISAGREE on ${mismatches.length} targets`}`,
    );

    // ------------------------------------------------------------------ findings
    const uploadParts = {
      gatewayMs: breakdown.gateway.medianMs - breakdown.subgraphDirect.medianMs,
      subgraphGraphqlHttpMs: breakdown.subgraphDirect.medianMs - breakdown.useCaseInProcess.medianMs,
      validationMs: breakdown.useCaseInProcess.medianMs - breakdown.sqlOnly.medianMs - breakdown.contractsLookup.medianMs,
      contractsLookupMs: breakdown.contractsLookup.medianMs,
      sqlMs: breakdown.sqlOnly.medianMs,
    };
    if (sqlPerRequest.performance >= QUEUES) {
      findings.push(
        `compliance runs one SQL statement per SLA target: ${sqlPerRequest.performance} statements in the performance subgraph for ${QUEUES} targets ` +
          `(each SlaTarget.compliance resolver calls computeCompliance → sumByBucket for its own queue). Here the ${QUEUES} statements take ` +
          `${fmt(median(perTargetRuns), 0)} ms together (issued concurrently, as the resolvers do) against ${fmt(median(oneStatementRuns), 0)} ms ` +
          `for one GROUP BY queue_id, bucket over all targets.`,
      );
    }
    if (median(oneStatementRuns) > median(perTargetRuns)) {
      findings.push(
        `the raw baseline (one statement over all queues) is slower than the subgraph's own ${QUEUES} per-target statements here ` +
          `(${fmt(median(oneStatementRuns), 0)} vs ${fmt(median(perTargetRuns), 0)} ms): the one-statement-per-target pattern is not what costs time; ` +
          `the SQL aggregation itself is (${fmt(median(perTargetRuns), 0)} of the gateway's ${fmt(gatewayMedian, 0)} ms)`,
      );
    }
    if (uploadRatio < TARGETS.uploadRatioAtLeast) {
      findings.push(`upload through the gateway reaches ${fmt(uploadRatio * 100, 0)} % of the raw insert rate, below the ${TARGETS.uploadRatioAtLeast * 100} % target`);
    }
    if (queryRatio > TARGETS.queryRatioAtMost) findings.push(`the compliance request takes ${fmt(queryRatio, 2)}× the raw SQL, above the ${TARGETS.queryRatioAtMost}× target`);
    if (mismatches.length > 0) findings.push(`gateway and raw SQL disagree for ${mismatches.length} targets: ${mismatches.slice(0, 3).join('; ')}`);
    const perCall = median(perCallMs);
    findings.push(
      `one ${fmt(starts.length)}-row upload call (median of ${SAMPLE} re-sends): ${fmt(breakdown.gateway.medianMs, 0)} ms = gateway ${fmt(uploadParts.gatewayMs, 0)} + ` +
        `subgraph GraphQL/HTTP ${fmt(uploadParts.subgraphGraphqlHttpMs, 0)} + contracts lookup ${fmt(uploadParts.contractsLookupMs, 0)} + validation/mapping ${fmt(uploadParts.validationMs, 0)} + SQL ${fmt(uploadParts.sqlMs, 0)} ms; ` +
        `the typed form (recordIntervals, one input object per interval) takes ${fmt(breakdown.gatewayTypedInput.medianMs, 0)} ms`,
    );

    const result = {
      benchmark: 'performance',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      dialect: target.dialect,
      database: target.display,
      databaseInfo,
      inProcess: 'gateway, subgraphs and the benchmark client share one Node.js event loop',
      nodeEnv: process.env.NODE_ENV,
      machine: {
        node: process.version,
        platform: `${platform()} ${release()}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
      },
      data: {
        month: MONTH,
        timeZone: TIME_ZONE,
        from: new Date(monthStart * 1000).toISOString(),
        to: new Date(monthEnd * 1000).toISOString(),
        localDays: days.length,
        queues: QUEUES,
        rowsPerQueue: starts.length,
        rows: totalRows,
        setupSeconds: round(seconds(setup.ms), 2),
      },
      upload: {
        api: {
          path: 'gateway → performance subgraph recordIntervalBatch (compact JSON rows), centre token, sequential calls',
          calls: QUEUES,
          rowsPerCall: starts.length,
          maxBodyBytes: bodyBytes,
          requestSeconds: round(seconds(requestMs), 2),
          wallSeconds: round(seconds(uploadWallMs), 2),
          clientGenerateAndSerializeSeconds: round(seconds(clientMs), 2),
          rowsPerSecond: Math.round(apiRate),
          callMs: { median: round(perCall, 1), min: round(Math.min(...perCallMs), 1), max: round(Math.max(...perCallMs), 1) },
          sqlStatements: uploadSql,
        },
        raw: {
          path: `driver via the subgraph's DataSource: INSERT of ${RAW_ROWS_PER_STATEMENT} rows, one transaction per queue`,
          table: 'bench_raw',
          ddl: rawDdl,
          statements: rawStatements,
          seconds: round(seconds(rawMs), 2),
          wallSeconds: round(seconds(rawWallMs), 2),
          rowsPerSecond: Math.round(rawRate),
        },
        ratioApiToRaw: round(uploadRatio, 3),
        target: `>= ${TARGETS.uploadRatioAtLeast}`,
        met: uploadRatio >= TARGETS.uploadRatioAtLeast,
        breakdownPerCall: { sampleQueues: SAMPLE, rowsPerCall: starts.length, note: 'all re-sends replace existing rows', ...breakdown, jsonRoundTripMs: round(jsonMs, 1), parts: mapValues(uploadParts, (x) => round(x, 1)) },
      },
      query: {
        gateway: {
          query: COMPLIANCE.replace(/\s+/g, ' '),
          runsMs: gatewayRuns.map((x) => round(x, 1)),
          medianMs: round(gatewayMedian, 1),
          responseBytes: last.bytes,
          sqlStatementsPerRequest: sqlPerRequest,
        },
        raw: { sql: 'SELECT queue_id, CASE … END AS bucket, <sums> FROM interval_actuals WHERE queue_id IN (…) AND start_epoch >= ? AND start_epoch < ? GROUP BY queue_id, bucket', runsMs: rawQueryRuns.map((x) => round(x, 1)), medianMs: round(rawQueryMedian, 1), resultRows: rawResultRows },
        ratioGatewayToRaw: round(queryRatio, 3),
        target: `<= ${TARGETS.queryRatioAtMost}`,
        met: queryRatio <= TARGETS.queryRatioAtMost,
        breakdown: {
          contractsSlaTargetsThroughGatewayMs: round(median(factsRuns), 1),
          perTargetStatementsConcurrentMs: round(median(perTargetRuns), 1),
          oneStatementAllTargetsMs: round(median(oneStatementRuns), 1),
        },
        crossCheck: { targets: last.data.contract.slaTargets.length, windowsJudged, windowsMet, agree: mismatches.length === 0, mismatches: mismatches.slice(0, 10) },
      },
      findings,
    };
    if (target.sqliteDir) (result.data as Record<string, unknown>).sqliteFiles = sqliteFiles(target.sqliteDir);

    const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `performance-${target.dialect}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

    // ------------------------------------------------------------------ summary
    const yes = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    console.log(`\n=== performance benchmark, ${target.dialect}, ${fmt(totalRows)} rows (${QUEUES} queues × ${fmt(starts.length)}) ===`);
    console.log(`upload via gateway   ${fmt(apiRate).padStart(9)} rows/s   (${fmt(seconds(requestMs), 1)} s, ${QUEUES} calls, median ${fmt(perCall, 0)} ms/call)`);
    console.log(`raw insert           ${fmt(rawRate).padStart(9)} rows/s   (${fmt(seconds(rawMs), 1)} s)`);
    console.log(`ratio API/raw        ${fmt(uploadRatio, 3).padStart(9)}          target ≥ ${TARGETS.uploadRatioAtLeast}: ${yes(uploadRatio >= TARGETS.uploadRatioAtLeast)}`);
    console.log(`compliance, gateway  ${fmt(gatewayMedian, 1).padStart(9)} ms       (median of ${RUNS}; ${sqlPerRequest.performance} SQL statements in performance, ${sqlPerRequest.contracts} in contracts)`);
    console.log(`compliance, raw SQL  ${fmt(rawQueryMedian, 1).padStart(9)} ms       (median of ${RUNS}; 1 statement)`);
    console.log(`ratio gateway/raw    ${fmt(queryRatio, 3).padStart(9)}          target ≤ ${TARGETS.queryRatioAtMost}: ${yes(queryRatio <= TARGETS.queryRatioAtMost)}`);
    if (findings.length) {
      console.log('findings:');
      for (const f of findings) console.log(`  - ${f}`);
    }
    console.log(`load average ${loadAtStart.join(' ')} at start, ${loadavg().map((x) => fmt(x, 2)).join(' ')} at the end (${cpus().length} CPUs)`);
    console.log(`results: ${file}`);
  } finally {
    await cleanUp(target, hub);
  }
}

/** Version and durability settings of the database the figures were measured on. */
async function describeDatabase(db: DataSource, dialect: 'sqlite' | 'mysql'): Promise<Record<string, string>> {
  if (dialect === 'sqlite') {
    const [v] = await db.query('SELECT sqlite_version() AS v');
    const [j] = await db.query('PRAGMA journal_mode');
    const [s] = await db.query('PRAGMA synchronous');
    return { version: `SQLite ${v.v}`, journal_mode: String(j.journal_mode), synchronous: String(s.synchronous) };
  }
  const [r] = await db.query(
    'SELECT VERSION() AS v, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_buffer_pool_size AS pool, @@log_bin AS log_bin, @@sync_binlog AS sync_binlog',
  );
  return {
    version: String(r.v),
    innodb_flush_log_at_trx_commit: String(r.flush),
    innodb_buffer_pool_size: `${Math.round(Number(r.pool) / 2 ** 20)} MiB`,
    log_bin: String(r.log_bin),
    sync_binlog: String(r.sync_binlog),
  };
}

function timedSync(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

function mapValues<T extends Record<string, number>>(o: T, f: (x: number) => number): Record<keyof T, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as Record<keyof T, number>;
}

main().catch((error) => {
  console.error('benchmark failed:', error);
  process.exitCode = 1;
});
