import { randomBytes } from 'node:crypto';
import { bucketBoundaries, bucketStart, nextBucketStart } from '../../services/metrics/calendar';
import { MAX_INTERVALS_PER_CALL } from '../../services/performance/intervals';

/** What the performance benchmark measures, from BENCH_* variables (see bench/performance.ts). */

export const TIME_ZONE = 'Europe/Paris';
export const QUEUES = positiveInt('BENCH_QUEUES', 100);
export const MONTH = process.env.BENCH_MONTH ?? '2026-10';
export const RUNS = positiveInt('BENCH_RUNS', 5);
/** Queues re-uploaded along each path to see where upload time goes. */
export const SAMPLE = Math.min(QUEUES, positiveInt('BENCH_SAMPLE', 5));
export const RAW_ROWS_PER_STATEMENT = 500;
export const TARGETS = { uploadRatioAtLeast: 0.5, queryRatioAtMost: 1.5 };
export const SLA = { thresholdSeconds: 20, goal: 0.8, percentPerPoint: 0.5, capPercent: 10 };
export const SECRET = `bench-${randomBytes(24).toString('hex')}`;

export const RECORD = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { queueId received inserted replaced from to } }`;
/** The compact form a high-volume feed uses: one JSON scalar, checked once by the subgraph. */
export const RECORD_BATCH = `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { queueId received inserted replaced from to } }`;
export const COMPLIANCE = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) {
  windowsMet windowsJudged shareMet creditPercent windows { met figure { value } } } } } }`;
export const TARGET_FACTS = `query($c: ID!) { contract(id: $c) { slaTargets { id contractId history { effectiveFrom effectiveTo queueId metric variant thresholdSeconds
  shortAbandonSeconds repeatWindowDays tolerance goal comparator window creditPercentPerPoint creditCapPercent } } } }`;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return n;
}

/** The month in Paris: local midnight of the 1st to local midnight of the next 1st, its quarter hours and local days. */
export interface BenchMonth {
  monthStart: number;
  monthEnd: number;
  starts: number[];
  days: number[];
  totalRows: number;
}

export function benchMonth(): BenchMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(MONTH)) throw new Error(`BENCH_MONTH must be YYYY-MM (got ${MONTH})`);
  const monthStart = bucketStart(Date.parse(`${MONTH}-15T12:00:00Z`) / 1000, 'MONTH', TIME_ZONE);
  const monthEnd = nextBucketStart(monthStart, 'MONTH', TIME_ZONE);
  if (monthEnd * 1000 > Date.now()) throw new Error(`BENCH_MONTH ${MONTH} has not ended yet; interval uploads must be in the past`);
  const starts = Array.from({ length: (monthEnd - monthStart) / 900 }, (_, i) => monthStart + i * 900);
  const days = bucketBoundaries(monthStart, monthEnd, 'DAY', TIME_ZONE);
  const totalRows = QUEUES * starts.length;
  if (starts.length > MAX_INTERVALS_PER_CALL) throw new Error('a queue-month exceeds the per-call limit');
  return { monthStart, monthEnd, starts, days, totalRows };
}
