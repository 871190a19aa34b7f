import { EntityManager } from 'typeorm';
import { RawSums } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { bucketExpression } from '../platform/sql-buckets';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from './entities/interval-actual';

/** What reads sums: the data source, or the entity manager of a transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/** Sums of one bucket (or one queue within a bucket), as SQL added them up. */
export interface BucketSums {
  /** Index into the boundaries the caller passed. */
  bucket: number;
  queueId?: string;
  sums: RawSums;
  intervals: number;
  /** The attribution of the rows, or MIXED when they differ. */
  attribution: string;
}

function sumExpressions(): string[] {
  const columns = SUM_COLUMNS.map((c) =>
    // An optional field reported for only some intervals has no meaningful period total.
    c.optional ? `CASE WHEN COUNT(${c.column}) = COUNT(*) THEN SUM(${c.column}) END AS ${c.column}` : `SUM(${c.column}) AS ${c.column}`,
  );
  // A maximum over only the intervals that reported it would understate it: null unless all did.
  const maxima = MAX_COLUMNS.map((c) => `CASE WHEN COUNT(${c.column}) = COUNT(*) THEN MAX(${c.column}) END AS ${c.column}`);
  const buckets = [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((c) => `SUM(${c}) AS ${c}`);
  return [
    ...columns,
    ...maxima,
    'SUM(length_seconds) AS length_seconds',
    ...buckets,
    'COUNT(*) AS intervals',
    'MIN(attribution) AS attr_min',
    'MAX(attribution) AS attr_max',
  ];
}

const SUMS_SQL = sumExpressions().join(', ');

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function rowToSums(row: Record<string, unknown>): RawSums {
  const sums: Record<string, unknown> = {
    bucketBounds: [...STANDARD_WAIT_BOUNDS],
    answeredWait: ANSWERED_BUCKET_COLUMNS.map((c) => Number(row[c])),
    abandonedWait: ABANDONED_BUCKET_COLUMNS.map((c) => Number(row[c])),
  };
  for (const c of [...SUM_COLUMNS, ...MAX_COLUMNS]) sums[c.field] = c.optional ? toNumber(row[c.column]) : Number(row[c.column]);
  sums.lengthSeconds = Number(row.length_seconds);
  return sums as unknown as RawSums;
}

/**
 * Adds up the intervals of some queues in [from, to) into the buckets that start at
 * each boundary, in SQL: one GROUP BY statement whatever the number of buckets or queues. The
 * bucket of a row is found by a CASE over the boundaries (the boundaries of local days, weeks
 * and months are not a fixed number of seconds apart, so no arithmetic would do). Empty
 * buckets are absent from the result.
 */
export async function sumByBucket(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  options: { perQueue?: boolean } = {},
): Promise<BucketSums[]> {
  if (queueIds.length === 0 || boundaries.length === 0) return [];
  const bucketExpr = bucketExpression(boundaries);
  const group = options.perQueue ? 'bucket, queue_id' : 'bucket';
  const sql =
    `SELECT ${bucketExpr} AS bucket${options.perQueue ? ', queue_id' : ''}, ${SUMS_SQL} FROM interval_actuals ` +
    `WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND start_epoch >= ? AND start_epoch < ? GROUP BY ${group}`;
  const rows: Record<string, unknown>[] = await db.query(sql, [...queueIds, Math.trunc(Math.max(range.from, boundaries[0])), Math.trunc(range.to)]);
  return rows.map((row) => ({
    bucket: Number(row.bucket),
    queueId: options.perQueue ? String(row.queue_id) : undefined,
    sums: rowToSums(row),
    intervals: Number(row.intervals),
    attribution: row.attr_min === row.attr_max ? String(row.attr_min) : 'MIXED',
  }));
}

/** Sums of one agent of one queue in one bucket. */
export interface AgentBucketSums extends BucketSums {
  queueId: string;
  agentRef: string;
}

/**
 * Per-agent sums of some queues in [from, to), per bucket, in one SQL statement whatever the
 * number of queues or agents. Per queue, the agents are the first `first` references after
 * `after` (in reference order) with an interval in the range, numbered by a window function in
 * a derived table of the same statement; then every row of theirs in the range is added up per
 * queue, agent and bucket.
 */
export async function sumByAgent(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  page: { first: number; after: string | null },
): Promise<AgentBucketSums[]> {
  if (queueIds.length === 0 || boundaries.length === 0) return [];
  const from = Math.trunc(Math.max(range.from, boundaries[0]));
  const to = Math.trunc(range.to);
  const queues = queueIds.map(() => '?').join(', ');
  const after = page.after === null ? '' : ' AND agent_ref > ?';
  const sql =
    `SELECT ${bucketExpression(boundaries, 'a.start_epoch')} AS bucket, a.queue_id AS queue_id, a.agent_ref AS agent_ref, ${SUMS_SQL} ` +
    `FROM agent_interval_actuals a JOIN (` +
    `SELECT queue_id, agent_ref FROM (SELECT queue_id, agent_ref, ROW_NUMBER() OVER (PARTITION BY queue_id ORDER BY agent_ref) AS rn ` +
    `FROM (SELECT DISTINCT queue_id, agent_ref FROM agent_interval_actuals WHERE queue_id IN (${queues}) AND start_epoch >= ? AND start_epoch < ?${after}) listed) numbered ` +
    `WHERE rn <= ${Math.trunc(page.first)}) agents ON agents.queue_id = a.queue_id AND agents.agent_ref = a.agent_ref ` +
    `WHERE a.queue_id IN (${queues}) AND a.start_epoch >= ? AND a.start_epoch < ? GROUP BY bucket, a.queue_id, a.agent_ref`;
  const params = [...queueIds, from, to, ...(page.after === null ? [] : [page.after]), ...queueIds, from, to];
  const rows: Record<string, unknown>[] = await db.query(sql, params);
  return rows.map((row) => ({
    bucket: Number(row.bucket),
    queueId: String(row.queue_id),
    agentRef: String(row.agent_ref),
    sums: rowToSums(row),
    intervals: Number(row.intervals),
    attribution: row.attr_min === row.attr_max ? String(row.attr_min) : 'MIXED',
  }));
}
