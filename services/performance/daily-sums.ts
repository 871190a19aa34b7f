import { EntityManager } from 'typeorm';
import { bucketBoundaries, bucketStart, nextBucketStart } from '../metrics/calendar';
import { upsertSql } from '../platform/database';
import { bucketExpression } from '../platform/sql-buckets';
import { DAILY_BUCKET_COLUMNS, DAILY_COLUMNS, DAILY_VALUE_COLUMNS, reportedColumn } from './entities/interval-daily-sums';

/**
 * Daily sums of interval actuals (interval_daily_sums): reads of DAY, WEEK and MONTH figures
 * whose buckets are whole local days add up one row per queue-day instead of every interval, so
 * they cost what the range asks, not 96 rows a day.
 *
 * Exact by construction: a day's row is computed by SQL from the raw rows (the same columns,
 * SUM for counts, durations and wait buckets, MAX for the longest wait, and how many intervals
 * reported each optional column), in the transaction that writes them, and recomputed whenever
 * an upload touches the day, so a replaced interval replaces its share. Every catalogue figure is
 * a function of these sums, as of the raw rows' sums. A queue's days are local to one zone (its
 * zone when last written); when the zone changes, the queue's days are rebuilt in the new one.
 */

/** The SELECT list that sums raw rows into a day's columns (after the key columns). */
export const DAY_FROM_RAW_SQL = [
  'COUNT(*) AS intervals',
  'SUM(length_seconds) AS length_seconds',
  'MIN(attribution) AS attr_min',
  'MAX(attribution) AS attr_max',
  ...DAILY_VALUE_COLUMNS.map((c) => `${c.aggregate}(${c.column}) AS ${c.column}`),
  ...DAILY_VALUE_COLUMNS.filter((c) => c.optional).map((c) => `COUNT(${c.column}) AS ${reportedColumn(c.column)}`),
  ...DAILY_BUCKET_COLUMNS.map((c) => `SUM(${c}) AS ${c}`),
].join(', ');

/**
 * The SELECT list that adds days up into a period, with the names and meaning of the raw
 * aggregation in aggregate.ts: an optional column has a total only when every interval
 * reported it.
 */
export const PERIOD_FROM_DAYS_SQL = [
  ...DAILY_VALUE_COLUMNS.map((c) =>
    c.optional
      ? `CASE WHEN SUM(${reportedColumn(c.column)}) = SUM(intervals) THEN ${c.aggregate}(${c.column}) END AS ${c.column}`
      : `${c.aggregate}(${c.column}) AS ${c.column}`,
  ),
  'SUM(length_seconds) AS length_seconds',
  ...DAILY_BUCKET_COLUMNS.map((c) => `SUM(${c}) AS ${c}`),
  'SUM(intervals) AS intervals',
  'MIN(attr_min) AS attr_min',
  'MAX(attr_max) AS attr_max',
].join(', ');

/** Starts further apart than this are refreshed by separate statements. */
const RUN_GAP_SECONDS = 31 * 86_400;

/** Runs of days touched by some interval starts: [first local midnight, end of the last day). */
function touchedRuns(starts: readonly number[], timeZone: string): Array<{ from: number; to: number }> {
  const sorted = [...starts].sort((a, b) => a - b);
  const runs: Array<{ from: number; to: number }> = [];
  let first = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] - sorted[i - 1] <= RUN_GAP_SECONDS) continue;
    const last = sorted[i - 1];
    runs.push({ from: bucketStart(first, 'DAY', timeZone), to: nextBucketStart(bucketStart(last, 'DAY', timeZone), 'DAY', timeZone) });
    if (i < sorted.length) first = sorted[i];
  }
  return runs;
}

/** Recomputes a queue's days in [from, to) (local midnights in the zone) from its raw rows. */
async function recomputeDays(tx: EntityManager, mysql: boolean, queueId: string, range: { from: number; to: number }, timeZone: string): Promise<void> {
  const days = bucketBoundaries(range.from, range.to, 'DAY', timeZone);
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT ${bucketExpression(days)} AS bucket, ${DAY_FROM_RAW_SQL} FROM interval_actuals WHERE queue_id = ? AND start_epoch >= ? AND start_epoch < ? GROUP BY bucket`,
    [queueId, range.from, range.to],
  );
  if (rows.length === 0) return;
  const values: unknown[] = [];
  for (const row of rows) {
    const b = Number(row.bucket);
    const dayEnd = days[b + 1] ?? range.to;
    for (const column of DAILY_COLUMNS) {
      if (column === 'queue_id') values.push(queueId);
      else if (column === 'day_start') values.push(days[b]);
      else if (column === 'day_end') values.push(dayEnd);
      else if (column === 'time_zone') values.push(timeZone);
      else values.push(row[column] === undefined ? null : row[column]);
    }
  }
  const db = { options: { type: mysql ? 'mysql' : 'better-sqlite3' } } as Parameters<typeof upsertSql>[0];
  await tx.query(upsertSql(db, 'interval_daily_sums', DAILY_COLUMNS, ['queue_id', 'day_start'], rows.length), values);
}

/**
 * Brings the days an upload touched up to date, inside the upload's transaction and after its
 * raw rows are written. A queue whose days were written in another zone (its zone changed, or
 * the days were made by the migration, in UTC) has all its days rebuilt in this one.
 */
export async function refreshDailySums(tx: EntityManager, mysql: boolean, queueId: string, starts: readonly number[], timeZone: string): Promise<void> {
  if (starts.length === 0) return;
  const other: unknown[] = await tx.query('SELECT 1 AS found FROM interval_daily_sums WHERE queue_id = ? AND time_zone <> ? LIMIT 1', [queueId, timeZone]);
  if (other.length > 0) {
    await tx.query('DELETE FROM interval_daily_sums WHERE queue_id = ?', [queueId]);
    const [span] = await tx.query('SELECT MIN(start_epoch) AS first, MAX(start_epoch) AS last FROM interval_actuals WHERE queue_id = ?', [queueId]);
    const from = bucketStart(Number(span.first), 'DAY', timeZone);
    const to = nextBucketStart(bucketStart(Number(span.last), 'DAY', timeZone), 'DAY', timeZone);
    // A year of days at a time keeps each statement's bucket expression small.
    for (let start = from; start < to; ) {
      const end = Math.min(to, bucketStart(start + 366 * 86_400, 'DAY', timeZone));
      await recomputeDays(tx, mysql, queueId, { from: start, to: end > start ? end : to }, timeZone);
      start = end > start ? end : to;
    }
    return;
  }
  for (const run of touchedRuns(starts, timeZone)) await recomputeDays(tx, mysql, queueId, run, timeZone);
}

/** True when every boundary and both ends are local midnights in the zone. */
export function alignedToDays(boundaries: readonly number[], range: { from: number; to: number }, timeZone: string): boolean {
  const midnight = (t: number) => bucketStart(t, 'DAY', timeZone) === t;
  return midnight(range.from) && midnight(range.to) && boundaries.every(midnight);
}

/** How far before a range a day row of another zone can start and still hold rows of the range. */
export const ZONE_MARGIN_SECONDS = 2 * 86_400;
