import './production-mode';
// The contract and its targets start with the oldest month of history.
process.env.BENCH_MONTH ??= '2024-11';
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { LocalHub } from '../gateway/local-hub';
import { bucketBoundaries, bucketStart, nextBucketStart } from '../services/metrics/calendar';
import { sumsRead, waitBucketsRead } from '../services/metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../services/metrics/wait-buckets';
import { sumByBucket, SumsRead } from '../services/performance/aggregate';
import { SUBGRAPHS, SubgraphName } from '../services/platform/config';
import { QueryCounter } from '../services/platform/database';
import { writeIntervals } from '../services/performance/intervals';
import { timedPosts } from './graphql';
import { fmt, round, RunStats, runStats, timed, writeResults } from './timing';
import { benchMonth, QUEUES, SLA, TIME_ZONE } from './performance/config';
import { rowsFor } from './performance/data';
import { chooseDatabase, cleanUp } from './performance/database';
import { setUp } from './performance/setup';

/**
 * `npm run bench:history`: does DAY compliance cost what the range asks, or what the history
 * holds? One contract of BENCH_QUEUES (100) Paris queues with a SERVICE_LEVEL DAY target each;
 * quarter-hour actuals written month by month (through the upload's storage path, so the daily
 * sums are written as an upload writes them). DAY compliance of every target for the newest
 * month (2026-10) is timed through the gateway with 1, 6 and 24 months stored, then a 12-month
 * window against a 1-month one. Three runs each, each the median of five requests, after five warm-up
 * requests: min/median/max. SQLite by
 * default, MySQL/MariaDB with DATABASE_URL=mysql://… (see bench/performance.ts).
 */
const NEWEST = '2026-10';
const RUNS = 3;
/** Requests sent before each case is timed. */
const WARM_UPS = 5;
/** Requests per timed run: a run is their median. */
const PER_RUN = 5;
/** Compliance with every window's verdict, and the summary alone (what a 12-month view shows per target). */
const WITH_WINDOWS = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) {
  windowsMet windowsJudged shareMet creditPercent windows { met figure { value } } } } } }`;
const SUMMARY = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) {
  windowsMet windowsJudged shareMet creditPercent } } } }`;

function monthStart(month: string): number {
  return bucketStart(Date.parse(`${month}-15T12:00:00Z`) / 1000, 'MONTH', TIME_ZONE);
}
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}


async function main(): Promise<void> {
  const target = chooseDatabase();
  const counters = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  let hub: LocalHub | null = null;
  const load: number[][] = [loadavg().map((x) => round(x, 2))];
  console.log(`history benchmark on ${target.display}, ${QUEUES} queues, NODE_ENV=${process.env.NODE_ENV}, node ${process.version}, ${cpus().length} CPUs, load ${load[0].join(' ')}`);
  try {
    const { bench } = await setUp(target, counters, benchMonth(), (started) => (hub = started));
    const { url, client, contractId, queueIds, perfDb } = bench;
    const stored = new Set<string>();
    let rows = 0;
    const store = async (months: string[]) => {
      for (const month of months) {
        if (stored.has(month)) continue;
        const start = monthStart(month);
        const end = nextBucketStart(start, 'MONTH', TIME_ZONE);
        const starts = Array.from({ length: (end - start) / 900 }, (_, i) => start + i * 900);
        const t = await timed(async () => {
          for (let q = 0; q < queueIds.length; q++) {
            const uploads = rowsFor(q, starts, start).map((r) => ({ ...r, start: new Date(r.start) }));
            await writeIntervals(perfDb, queueIds[q], uploads as never, 'QUEUE_ENTRY', 'bench-centre', new Date(), TIME_ZONE);
          }
        });
        rows += starts.length * queueIds.length;
        stored.add(month);
        console.log(`  stored ${month}: ${fmt(starts.length * queueIds.length)} rows in ${fmt(t.ms / 1000, 1)} s (${fmt(rows)} rows in all)`);
      }
    };
    const time = async (query: string, from: string, toExclusive: string): Promise<RunStats & { bytes: number; windows: number }> => {
      const body = JSON.stringify({ query, variables: { c: contractId, from: new Date(monthStart(from) * 1000).toISOString(), to: new Date(monthStart(toExclusive) * 1000).toISOString() } });
      // Warmed alike: the 1-month request has run many times before the 12-month one is first asked for.
      const { first: warm, runsMs: runs } = await timedPosts<any>(url, client, body, RUNS, WARM_UPS, PER_RUN);
      const windows = warm.data.contract.slaTargets.reduce((n: number, t: any) => n + t.compliance.windowsJudged, 0);
      return { ...runStats(runs), bytes: warm.bytes, windows };
    };

    const history: Record<string, unknown> = {};
    for (const months of [1, 6, 24]) {
      await store(Array.from({ length: months }, (_, i) => addMonths(NEWEST, -i)));
      const result = await time(WITH_WINDOWS, NEWEST, addMonths(NEWEST, 1));
      load.push(loadavg().map((x) => round(x, 2)));
      history[`${months}`] = { rowsStored: rows, ...result };
      console.log(`DAY compliance of ${NEWEST}, ${months} month(s) stored: ${result.minMs} / ${result.medianMs} / ${result.maxMs} ms (min/median/max), ${result.windows} windows judged`);
    }
    const oneMonth = await time(SUMMARY, NEWEST, addMonths(NEWEST, 1));
    const twelveMonths = await time(SUMMARY, addMonths(NEWEST, -11), addMonths(NEWEST, 1));
    const oneMonthWindows = await time(WITH_WINDOWS, NEWEST, addMonths(NEWEST, 1));
    const twelveMonthsWindows = await time(WITH_WINDOWS, addMonths(NEWEST, -11), addMonths(NEWEST, 1));
    // The storage alone: every queue's DAY sums read in-process, every column as series read them,
    // or only what the targets' definition reads, as compliance reads them.
    const targetDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: SLA.thresholdSeconds };
    const targetRead = { fields: sumsRead(targetDefinition)!, waitBuckets: waitBucketsRead(targetDefinition, STANDARD_WAIT_BOUNDS) };
    const readDays = async (from: string, toExclusive: string, read?: SumsRead): Promise<RunStats & { buckets: number }> => {
      const range = { from: monthStart(from), to: monthStart(toExclusive) };
      const days = bucketBoundaries(range.from, range.to, 'DAY', TIME_ZONE);
      const readAll = () => sumByBucket(perfDb, queueIds, days, range, { perQueue: true, timeZone: TIME_ZONE, boundariesAtMidnight: true, read });
      const buckets = (await readAll()).length;
      const runs: number[] = [];
      for (let r = 0; r < RUNS; r++) runs.push((await timed(readAll)).ms);
      return { ...runStats(runs), buckets };
    };
    const storageOneMonth = await readDays(NEWEST, addMonths(NEWEST, 1));
    const storageTwelveMonths = await readDays(addMonths(NEWEST, -11), addMonths(NEWEST, 1));
    const targetReadOneMonth = await readDays(NEWEST, addMonths(NEWEST, 1), targetRead);
    const targetReadTwelveMonths = await readDays(addMonths(NEWEST, -11), addMonths(NEWEST, 1), targetRead);
    for (const [what, twelve, one] of [
      ['every column', storageTwelveMonths, storageOneMonth],
      [`what SERVICE_LEVEL ${SLA.thresholdSeconds}s reads`, targetReadTwelveMonths, targetReadOneMonth],
    ] as const) {
      console.log(
        `storage read of every queue's DAY sums, ${what}: 12 months ${twelve.medianMs} ms, 1 month ${one.medianMs} ms ` +
          `= ${round(twelve.medianMs / one.medianMs, 2)}× for ${round(twelve.buckets / one.buckets, 1)}× the buckets`,
      );
    }
    load.push(loadavg().map((x) => round(x, 2)));
    const flat = (history['24'] as RunStats).medianMs / (history['1'] as RunStats).medianMs;
    const span = twelveMonths.medianMs / oneMonth.medianMs;
    console.log(`\n24 months stored / 1 month stored, median: ${round(flat, 2)}× (target ≤ 1.5×)`);
    const spread = (x: RunStats) => `${x.minMs} / ${x.medianMs} / ${x.maxMs} ms`;
    console.log(`12-month DAY window / 1-month window (summaries), median: ${twelveMonths.medianMs} / ${oneMonth.medianMs} ms = ${round(span, 2)}× (target ≤ 3×)`);
    console.log(`  min / median / max: 12 months ${spread(twelveMonths)}, 1 month ${spread(oneMonth)}`);
    console.log(
      `12-month / 1-month with every window's verdict in the answer: ${twelveMonthsWindows.medianMs} / ${oneMonthWindows.medianMs} ms = ${round(twelveMonthsWindows.medianMs / oneMonthWindows.medianMs, 2)}× ` +
        `(${fmt(twelveMonthsWindows.bytes / 1024)} KiB against ${fmt(oneMonthWindows.bytes / 1024)} KiB of answer)`,
    );
    console.log(`load average along the way: ${load.map((l) => l.join(' ')).join(' | ')}`);
    const file = writeResults(`history-${target.dialect}.json`, {
      at: new Date().toISOString(),
      node: process.version,
      database: target.dialect,
      queues: QUEUES,
      loadAverage: load,
      newestMonth: NEWEST,
      monthOfComplianceByHistory: history,
      ratio24To1: round(flat, 3),
      oneMonthSummary: oneMonth,
      twelveMonthsSummary: twelveMonths,
      ratio12To1: round(span, 3),
      oneMonthWithWindows: oneMonthWindows,
      twelveMonthsWithWindows: twelveMonthsWindows,
      storageReadOneMonth: storageOneMonth,
      storageReadTwelveMonths: storageTwelveMonths,
      targetReadOneMonth,
      targetReadTwelveMonths,
    });
    console.log(`written to ${file}`);
  } finally {
    await cleanUp(target, hub);
  }
}

main().catch((error) => {
  console.error('benchmark failed:', error);
  process.exitCode = 1;
});
