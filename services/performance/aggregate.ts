import { EntityManager } from 'typeorm';
import { RawSums } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { bucketExpression } from '../platform/sql-buckets';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, SUM_COLUMNS } from './entities/interval-actual';

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
  const buckets = [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((c) => `SUM(${c}) AS ${c}`);
  return [...columns, ...buckets, 'COUNT(*) AS intervals', 'MIN(attribution) AS attr_min', 'MAX(attribution) AS attr_max'];
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
  for (const c of SUM_COLUMNS) sums[c.field] = c.optional ? toNumber(row[c.column]) : Number(row[c.column]);
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
