import './production-mode';
// One queue: an export is one queue's month.
process.env.BENCH_QUEUES ??= '1';
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { LocalHub } from '../gateway/local-hub';
import { SUBGRAPHS, SubgraphName } from '../services/platform/config';
import { QueryCounter } from '../services/platform/database';
import { writeIntervals } from '../services/performance/intervals';
import { timedPosts } from './graphql';
import { fmt, round, runStats, writeResults } from './timing';
import { benchMonth, TIME_ZONE } from './performance/config';
import { rowsFor } from './performance/data';
import { chooseDatabase, cleanUp } from './performance/database';
import { setUp } from './performance/setup';

/**
 * `npm run bench:export`: what a month of quarter hours costs as a file, beside the same series
 * read through the gateway. One Paris queue with a month of quarter-hour actuals, thirty days of
 * it read (2,880 rows); three warm-up requests, then three timed runs each, min/median/max:
 *
 * - exportIntervals (the hub-intervals CSV: sums and wait buckets per quarter hour);
 * - exportQueueSeries at INTERVAL granularity (sums and every default figure per quarter hour);
 * - the INTERVAL series itself (`queues { performance(granularity: INTERVAL) }` with the sums,
 *   both wait histograms and every default figure: what a client reads without a file).
 *
 * The gateway waits SUBGRAPH_TIMEOUT_MS (10 s) for the exchange subgraph: an export must stay well
 * inside it on a busy machine. SQLite by default, MariaDB with DATABASE_URL=mysql://…
 */
const RUNS = 3;
const WARM_UPS = 3;

async function main(): Promise<void> {
  const target = chooseDatabase();
  const counters = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  let hub: LocalHub | null = null;
  const load: number[][] = [loadavg().map((x) => round(x, 2))];
  console.log(`export benchmark on ${target.display}, NODE_ENV=${process.env.NODE_ENV}, node ${process.version}, ${cpus().length} CPUs, load ${load[0].join(' ')}`);
  try {
    const month = benchMonth();
    const { bench } = await setUp(target, counters, month, (started) => (hub = started));
    const { url, client, queueIds, perfDb } = bench;
    const queueId = queueIds[0];
    const uploads = rowsFor(0, month.starts, month.monthStart).map((r) => ({ ...r, start: new Date(r.start) }));
    await writeIntervals(perfDb, queueId, uploads as never, 'QUEUE_ENTRY', 'bench-centre', new Date(), TIME_ZONE);
    // Thirty days: the longest INTERVAL range is 31 days, and October has a 25-hour day.
    const variables = { q: queueId, from: new Date(month.monthStart * 1000).toISOString(), to: new Date((month.monthStart + 30 * 86_400) * 1000).toISOString() };
    const cases: Array<{ name: string; query: string }> = [
      { name: 'exportIntervals (CSV)', query: `query($q: ID!, $from: DateTime!, $to: DateTime!) { exportIntervals(queueId: $q, from: $from, to: $to) { rows content } }` },
      {
        name: 'exportQueueSeries INTERVAL (CSV)',
        query: `query($q: ID!, $from: DateTime!, $to: DateTime!) { exportQueueSeries(queueId: $q, from: $from, to: $to, granularity: INTERVAL) { rows content } }`,
      },
      {
        name: 'the INTERVAL series read directly',
        query: `query($q: ID!, $from: DateTime!, $to: DateTime!) { queues(ids: [$q]) { performance(from: $from, to: $to, granularity: INTERVAL) { points { start end label intervals
          sums { offered answered abandoned flowedOut callbackRequested answeredWaitSeconds abandonedWaitSeconds talkSeconds holdSeconds wrapSeconds transferred resolvedFirstContact staffedSeconds availableSeconds
            answeredWait { upToSeconds count } abandonedWait { upToSeconds count } }
          figures { value approximate numerator denominator definition { metric variant thresholdSeconds label } } } } } }`,
      },
    ];
    const results: Record<string, unknown> = {};
    for (const c of cases) {
      const body = JSON.stringify({ query: c.query, variables });
      const { first: warm, runsMs: runs } = await timedPosts<any>(url, client, body, RUNS, WARM_UPS);
      const rows = warm.data.exportIntervals?.rows ?? warm.data.exportQueueSeries?.rows ?? warm.data.queues?.[0]?.performance?.points?.length;
      const stats = runStats(runs);
      results[c.name] = { rows, bytes: warm.bytes, ...stats };
      console.log(`${c.name.padEnd(36)} ${fmt(stats.minMs)} / ${fmt(stats.medianMs)} / ${fmt(stats.maxMs)} ms (min/median/max), ${fmt(rows)} rows, ${fmt(warm.bytes / 1024)} KiB`);
    }
    load.push(loadavg().map((x) => round(x, 2)));
    console.log(`load average along the way: ${load.map((l) => l.join(' ')).join(' | ')}`);
    const file = writeResults(`export-${target.dialect}.json`, { at: new Date().toISOString(), node: process.version, database: target.dialect, loadAverage: load, results });
    console.log(`written to ${file}`);
  } finally {
    await cleanUp(target, hub);
  }
}

main().catch((error) => {
  console.error('benchmark failed:', error);
  process.exitCode = 1;
});
