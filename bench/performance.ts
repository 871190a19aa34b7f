import './production-mode';
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { LocalHub } from '../gateway/local-hub';
import { SUBGRAPHS, SubgraphName } from '../services/platform/config';
import { QueryCounter } from '../services/platform/database';
import { fmt, round } from './timing';
import { benchMonth, MONTH, QUEUES, TIME_ZONE } from './performance/config';
import { chooseDatabase, cleanUp } from './performance/database';
import { complianceThroughGateway, crossCheck, queryBreakdown, rawCompliance } from './performance/compliance';
import { insertRaw } from './performance/raw-insert';
import { findingsOf, printSummary, writeResult } from './performance/report';
import { setUp } from './performance/setup';
import { uploadThroughGateway } from './performance/upload';
import { uploadBreakdown } from './performance/upload-breakdown';

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
 *
 * The steps live in bench/performance/: config (BENCH_* variables, queries, the month), setup
 * (step 1), upload and raw-insert (step 2), upload-breakdown (where upload time goes), compliance
 * (step 3 and its cross-check), report (findings, JSON result, summary).
 */
async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg().map((x) => round(x, 2));
  const target = chooseDatabase();
  const counters = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  let hub: LocalHub | null = null;

  const month = benchMonth();
  const { starts, days, monthStart, monthEnd, totalRows } = month;
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
    const { bench, setupMs, databaseInfo } = await setUp(target, counters, month, (started) => (hub = started));
    const upload = await uploadThroughGateway(bench);
    const raw = await insertRaw(bench);
    const breakdown = await uploadBreakdown(bench);
    const gateway = await complianceThroughGateway(bench);
    const rawQuery = await rawCompliance(bench);
    const query = await queryBreakdown(bench);
    const check = await crossCheck(bench, gateway, rawQuery);
    const measured = { startedAt, loadAtStart, target, month, setupMs, databaseInfo, upload, raw, uploadBreakdown: breakdown, gateway, rawQuery, queryBreakdown: query, check };
    const findings = findingsOf(measured);
    const file = writeResult(measured, findings);
    printSummary(measured, findings, file);
  } finally {
    await cleanUp(target, hub);
  }
}

main().catch((error) => {
  console.error('benchmark failed:', error);
  process.exitCode = 1;
});
