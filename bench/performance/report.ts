import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fmt, median, round, seconds, writeResults } from '../timing';
import { BenchMonth, COMPLIANCE, MONTH, QUEUES, RAW_ROWS_PER_STATEMENT, RUNS, SAMPLE, TARGETS, TIME_ZONE } from './config';
import { CrossCheck, GatewayCompliance, QueryBreakdown, RawCompliance } from './compliance';
import { sqliteFiles, Target } from './database';
import { RawInsert } from './raw-insert';
import { Upload } from './upload';
import { UploadBreakdown } from './upload-breakdown';

/** Everything the benchmark measured, for its findings, its JSON result and its summary. */
export interface Measured {
  startedAt: Date;
  loadAtStart: number[];
  target: Target;
  month: BenchMonth;
  setupMs: number;
  databaseInfo: Record<string, string>;
  upload: Upload;
  raw: RawInsert;
  uploadBreakdown: UploadBreakdown;
  gateway: GatewayCompliance;
  rawQuery: RawCompliance;
  queryBreakdown: QueryBreakdown;
  check: CrossCheck;
}

const uploadRatio = (m: Measured) => m.upload.apiRate / m.raw.rawRate;
const queryRatio = (m: Measured) => m.gateway.gatewayMedian / m.rawQuery.rawQueryMedian;

/** One upload call taken apart: each path's median minus the next shorter path's. */
function uploadParts({ breakdown }: UploadBreakdown) {
  return {
    gatewayMs: breakdown.gateway.medianMs - breakdown.subgraphDirect.medianMs,
    subgraphGraphqlHttpMs: breakdown.subgraphDirect.medianMs - breakdown.useCaseInProcess.medianMs,
    validationMs: breakdown.useCaseInProcess.medianMs - breakdown.sqlOnly.medianMs - breakdown.contractsLookup.medianMs,
    contractsLookupMs: breakdown.contractsLookup.medianMs,
    sqlMs: breakdown.sqlOnly.medianMs,
  };
}

/** Step 5: what the figures say, in sentences. */
export function findingsOf(m: Measured): string[] {
  const findings: string[] = [];
  const { perTargetRuns, oneStatementRuns } = m.queryBreakdown;
  const { sqlPerRequest, gatewayMedian } = m.gateway;
  const { breakdown } = m.uploadBreakdown;
  const parts = uploadParts(m.uploadBreakdown);
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
  if (uploadRatio(m) < TARGETS.uploadRatioAtLeast) {
    findings.push(`upload through the gateway reaches ${fmt(uploadRatio(m) * 100, 0)} % of the raw insert rate, below the ${TARGETS.uploadRatioAtLeast * 100} % target`);
  }
  if (queryRatio(m) > TARGETS.queryRatioAtMost) findings.push(`the compliance request takes ${fmt(queryRatio(m), 2)}× the raw SQL, above the ${TARGETS.queryRatioAtMost}× target`);
  const { mismatches } = m.check;
  if (mismatches.length > 0) findings.push(`gateway and raw SQL disagree for ${mismatches.length} targets: ${mismatches.slice(0, 3).join('; ')}`);
  findings.push(
    `one ${fmt(m.month.starts.length)}-row upload call (median of ${SAMPLE} re-sends): ${fmt(breakdown.gateway.medianMs, 0)} ms = gateway ${fmt(parts.gatewayMs, 0)} + ` +
      `subgraph GraphQL/HTTP ${fmt(parts.subgraphGraphqlHttpMs, 0)} + contracts lookup ${fmt(parts.contractsLookupMs, 0)} + validation/mapping ${fmt(parts.validationMs, 0)} + SQL ${fmt(parts.sqlMs, 0)} ms; ` +
      `the typed form (recordIntervals, one input object per interval) takes ${fmt(breakdown.gatewayTypedInput.medianMs, 0)} ms`,
  );
  return findings;
}

/** Step 6: the JSON result, written to bench/results/performance-<dialect>-<time>.json; returns the file. */
export function writeResult(m: Measured, findings: string[]): string {
  const { target, month, upload, raw, gateway, rawQuery, queryBreakdown, check } = m;
  const { breakdown, jsonMs } = m.uploadBreakdown;
  const result = {
    benchmark: 'performance',
    startedAt: m.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    dialect: target.dialect,
    database: target.display,
    databaseInfo: m.databaseInfo,
    inProcess: 'gateway, subgraphs and the benchmark client share one Node.js event loop',
    nodeEnv: process.env.NODE_ENV,
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      loadAverageAtStart: m.loadAtStart,
      loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
    },
    data: {
      month: MONTH,
      timeZone: TIME_ZONE,
      from: new Date(month.monthStart * 1000).toISOString(),
      to: new Date(month.monthEnd * 1000).toISOString(),
      localDays: month.days.length,
      queues: QUEUES,
      rowsPerQueue: month.starts.length,
      rows: month.totalRows,
      setupSeconds: round(seconds(m.setupMs), 2),
    },
    upload: {
      api: {
        path: 'gateway → performance subgraph recordIntervalBatch (compact JSON rows), centre token, sequential calls',
        calls: QUEUES,
        rowsPerCall: month.starts.length,
        maxBodyBytes: upload.bodyBytes,
        requestSeconds: round(seconds(upload.requestMs), 2),
        wallSeconds: round(seconds(upload.uploadWallMs), 2),
        clientGenerateAndSerializeSeconds: round(seconds(upload.clientMs), 2),
        rowsPerSecond: Math.round(upload.apiRate),
        callMs: { median: round(median(upload.perCallMs), 1), min: round(Math.min(...upload.perCallMs), 1), max: round(Math.max(...upload.perCallMs), 1) },
        sqlStatements: upload.uploadSql,
      },
      raw: {
        path: `driver via the subgraph's DataSource: INSERT of ${RAW_ROWS_PER_STATEMENT} rows, one transaction per queue`,
        table: 'bench_raw',
        ddl: raw.rawDdl,
        statements: raw.rawStatements,
        seconds: round(seconds(raw.rawMs), 2),
        wallSeconds: round(seconds(raw.rawWallMs), 2),
        rowsPerSecond: Math.round(raw.rawRate),
      },
      ratioApiToRaw: round(uploadRatio(m), 3),
      target: `>= ${TARGETS.uploadRatioAtLeast}`,
      met: uploadRatio(m) >= TARGETS.uploadRatioAtLeast,
      breakdownPerCall: { sampleQueues: SAMPLE, rowsPerCall: month.starts.length, note: 'all re-sends replace existing rows', ...breakdown, jsonRoundTripMs: round(jsonMs, 1), parts: mapValues(uploadParts(m.uploadBreakdown), (x) => round(x, 1)) },
    },
    query: {
      gateway: {
        query: COMPLIANCE.replace(/\s+/g, ' '),
        runsMs: gateway.gatewayRuns.map((x) => round(x, 1)),
        medianMs: round(gateway.gatewayMedian, 1),
        responseBytes: gateway.last.bytes,
        sqlStatementsPerRequest: gateway.sqlPerRequest,
      },
      raw: { sql: 'SELECT queue_id, CASE … END AS bucket, <sums> FROM interval_actuals WHERE queue_id IN (…) AND start_epoch >= ? AND start_epoch < ? GROUP BY queue_id, bucket', runsMs: rawQuery.rawQueryRuns.map((x) => round(x, 1)), medianMs: round(rawQuery.rawQueryMedian, 1), resultRows: rawQuery.rawResultRows },
      ratioGatewayToRaw: round(queryRatio(m), 3),
      target: `<= ${TARGETS.queryRatioAtMost}`,
      met: queryRatio(m) <= TARGETS.queryRatioAtMost,
      breakdown: {
        contractsSlaTargetsThroughGatewayMs: round(median(queryBreakdown.factsRuns), 1),
        perTargetStatementsConcurrentMs: round(median(queryBreakdown.perTargetRuns), 1),
        oneStatementAllTargetsMs: round(median(queryBreakdown.oneStatementRuns), 1),
      },
      crossCheck: { targets: gateway.last.data.contract.slaTargets.length, windowsJudged: check.windowsJudged, windowsMet: check.windowsMet, agree: check.mismatches.length === 0, mismatches: check.mismatches.slice(0, 10) },
    },
    findings,
  };
  if (target.sqliteDir) (result.data as Record<string, unknown>).sqliteFiles = sqliteFiles(target.sqliteDir);
  return writeResults(`performance-${target.dialect}-${m.startedAt.toISOString().replace(/[:.]/g, '-')}.json`, result);
}

/** The summary printed last. */
export function printSummary(m: Measured, findings: string[], file: string): void {
  const { target, month, upload, raw, gateway, rawQuery } = m;
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(`\n=== performance benchmark, ${target.dialect}, ${fmt(month.totalRows)} rows (${QUEUES} queues × ${fmt(month.starts.length)}) ===`);
  console.log(`upload via gateway   ${fmt(upload.apiRate).padStart(9)} rows/s   (${fmt(seconds(upload.requestMs), 1)} s, ${QUEUES} calls, median ${fmt(median(upload.perCallMs), 0)} ms/call)`);
  console.log(`raw insert           ${fmt(raw.rawRate).padStart(9)} rows/s   (${fmt(seconds(raw.rawMs), 1)} s)`);
  console.log(`ratio API/raw        ${fmt(uploadRatio(m), 3).padStart(9)}          target ≥ ${TARGETS.uploadRatioAtLeast}: ${yes(uploadRatio(m) >= TARGETS.uploadRatioAtLeast)}`);
  console.log(`compliance, gateway  ${fmt(gateway.gatewayMedian, 1).padStart(9)} ms       (median of ${RUNS}; ${gateway.sqlPerRequest.performance} SQL statements in performance, ${gateway.sqlPerRequest.contracts} in contracts)`);
  console.log(`compliance, raw SQL  ${fmt(rawQuery.rawQueryMedian, 1).padStart(9)} ms       (median of ${RUNS}; 1 statement)`);
  console.log(`ratio gateway/raw    ${fmt(queryRatio(m), 3).padStart(9)}          target ≤ ${TARGETS.queryRatioAtMost}: ${yes(queryRatio(m) <= TARGETS.queryRatioAtMost)}`);
  if (findings.length) {
    console.log('findings:');
    for (const f of findings) console.log(`  - ${f}`);
  }
  console.log(`load average ${m.loadAtStart.join(' ')} at start, ${loadavg().map((x) => fmt(x, 2)).join(' ')} at the end (${cpus().length} CPUs)`);
  console.log(`results: ${file}`);
}

function mapValues<T extends Record<string, number>>(o: T, f: (x: number) => number): Record<keyof T, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as Record<keyof T, number>;
}
