import { EntityManager } from 'typeorm';
import { RawSums, SumsField, WaitBucketsRead } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { sqlDialect } from '../platform/database';
import { bucketExpression } from '../platform/sql-buckets';
import { alignedToDays, PERIOD_FROM_DAYS_SQL, ZONE_MARGIN_SECONDS } from './daily-sums';
import { DAILY_BUCKET_COLUMNS, DAILY_REPORTED_COLUMNS, DAILY_VALUE_COLUMNS, reportedColumn } from './entities/interval-daily-sums';
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

/** Where each field of the sums is stored: its column, or the columns of a wait histogram. */
const VALUE_COLUMN = new Map<string, { column: string; optional: boolean }>([...SUM_COLUMNS, ...MAX_COLUMNS].map((c) => [c.field, c]));

/** Histogram counts of a field not read: zeros, shared (nothing reads them). */
const UNREAD_HISTOGRAM: readonly number[] = Object.freeze(STANDARD_WAIT_BOUNDS.map(() => 0));
const SHARED_BOUNDS: readonly number[] = Object.freeze([...STANDARD_WAIT_BOUNDS]);

/** What a figure reads of the sums (sumsRead, waitBucketsRead): a read of DAY buckets from the daily sums fetches only these. */
export interface SumsRead {
  /** The fields read, besides the offered count (always read: it is a window's sample). */
  fields: readonly SumsField[];
  /** Of a histogram among `fields`, the leading buckets read when not all of them. */
  waitBuckets?: WaitBucketsRead;
}

/** The stored bucket columns of a histogram read, in bucket order: all, or its leading ones. */
function histogramColumns(field: 'answeredWait' | 'abandonedWait', read: SumsRead): readonly string[] {
  const columns = field === 'answeredWait' ? ANSWERED_BUCKET_COLUMNS : ABANDONED_BUCKET_COLUMNS;
  const leading = read.waitBuckets?.[field];
  return leading === undefined ? columns : columns.slice(0, leading);
}

/** Where a reader finds one field of the sums in a row of values: its column, or a histogram's bucket columns. */
type FieldAt = { field: string; histogram: number[] } | { field: string; index: number; optional: boolean };

/**
 * What builds the sums of a row (an array of values) that holds only what `read` names and the
 * offered count, given where each column is (`at`): the other fields are zero (null for optional
 * ones), and of a histogram the buckets not read are zero. Only for figures that read no other
 * field (sumsRead). Where each field is found is worked out once, not per row. With `reuse`, every
 * row refills one object (and one array per histogram): a caller that is done with a row's sums
 * before the next is read (sumByBucket's `visit`) makes no garbage per row.
 */
function someSumsReader(read: SumsRead, at: (column: string) => number, reuse: boolean): (values: unknown[]) => RawSums {
  const offered = at('offered');
  const fields: FieldAt[] = read.fields.map((field) => {
    if (field === 'answeredWait' || field === 'abandonedWait') return { field, histogram: histogramColumns(field, read).map(at) };
    if (field === 'lengthSeconds') return { field, index: at('length_seconds'), optional: false };
    const c = VALUE_COLUMN.get(field)!;
    return { field, index: at(c.column), optional: c.optional };
  });
  const fresh = (): Record<string, unknown> => ({
    offered: 0,
    answered: 0,
    abandoned: 0,
    flowedOut: null,
    callbackRequested: null,
    answeredWaitSeconds: 0,
    abandonedWaitSeconds: 0,
    talkSeconds: 0,
    holdSeconds: 0,
    wrapSeconds: 0,
    transferred: null,
    resolvedFirstContact: null,
    staffedSeconds: null,
    availableSeconds: null,
    lengthSeconds: null,
    longestWaitSeconds: null,
    bucketBounds: SHARED_BOUNDS,
    answeredWait: UNREAD_HISTOGRAM,
    abandonedWait: UNREAD_HISTOGRAM,
  });
  const histogram = (): number[] => new Array<number>(STANDARD_WAIT_BOUNDS.length).fill(0);
  const kept = reuse ? fresh() : null;
  if (kept) for (const f of fields) if ('histogram' in f) kept[f.field] = histogram();
  return (values) => {
    const sums = kept ?? fresh();
    sums.offered = Number(values[offered]);
    for (const f of fields) {
      if ('histogram' in f) {
        // Buckets past the ones read stay zero, in a kept array as in a new one.
        const counts = kept ? (sums[f.field] as number[]) : (sums[f.field] = histogram());
        for (let i = 0; i < f.histogram.length; i++) counts[i] = Number(values[f.histogram[i]]);
      } else {
        sums[f.field] = f.optional ? toNumber(values[f.index]) : Number(values[f.index]);
      }
    }
    return sums as unknown as RawSums;
  };
}

/** The stored columns of a day that hold what `read` names (with their reported counts) and the offered count. */
function dayColumnsOf(read: SumsRead): string[] {
  const columns = new Set<string>(['offered']);
  for (const field of read.fields) {
    if (field === 'answeredWait' || field === 'abandonedWait') histogramColumns(field, read).forEach((c) => columns.add(c));
    else if (field === 'lengthSeconds') columns.add('length_seconds');
    else {
      const c = VALUE_COLUMN.get(field)!;
      columns.add(c.column);
      if (c.optional) columns.add(reportedColumn(c.column));
    }
  }
  return [...columns];
}

/** How sumByBucket reads: per queue or all together, the zone of the days, what the figures read. */
export interface SumByBucketOptions {
  perQueue?: boolean;
  /** The zone of the local days the buckets are made of. */
  timeZone?: string;
  /** The caller knows every boundary is a local midnight (DAY, WEEK, MONTH buckets): only the range's ends are checked. */
  boundariesAtMidnight?: boolean;
  /**
   * What the caller's figures read (sumsRead, waitBucketsRead), besides the offered count: a
   * read of DAY buckets from the daily sums fetches only their columns, and the other fields
   * are zero. Every field when not given.
   */
  read?: SumsRead;
}

/**
 * Adds up the intervals of some queues in [from, to) into the buckets that start at each
 * boundary, in SQL: one GROUP BY statement whatever the number of buckets or queues (see
 * platform/sql-buckets.ts for how a row finds its bucket). Empty buckets are absent from the
 * result. When `timeZone` is given and the buckets and both ends are local midnights there
 * (DAY, WEEK and MONTH figures of whole days), the statement adds up the queues' daily sums
 * (daily-sums.ts) instead of every interval: the same totals from one row per queue-day.
 */
export async function sumByBucket(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  options: SumByBucketOptions = {},
): Promise<BucketSums[]> {
  const rows: BucketSums[] = [];
  await eachBucket(db, queueIds, boundaries, range, options, (row) => rows.push(row), false);
  return rows;
}

/**
 * sumByBucket one bucket at a time, for a caller that is done with a bucket's sums when `visit`
 * returns (compliance turns each into a value): a year of DAY buckets read from the daily sums
 * then refills one BucketSums and one sums object rather than leaving 365 of each per queue to
 * the collector. Neither may be kept past the call.
 */
export async function visitBucketSums(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  options: SumByBucketOptions,
  visit: (row: Readonly<BucketSums>) => void,
): Promise<void> {
  await eachBucket(db, queueIds, boundaries, range, options, visit, true);
}

async function eachBucket(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  options: SumByBucketOptions,
  visit: (row: BucketSums) => void,
  reuse: boolean,
): Promise<void> {
  if (queueIds.length === 0 || boundaries.length === 0) return;
  const from = Math.trunc(Math.max(range.from, boundaries[0]));
  const to = Math.trunc(range.to);
  if (options.timeZone && to > from && alignedToDays(options.boundariesAtMidnight ? [] : boundaries, { from, to }, options.timeZone)) {
    if (await sumDays(db, queueIds, boundaries, { from, to }, options.timeZone, !!options.perQueue, options.read, visit, reuse)) return;
  }
  const bucketExpr = bucketExpression(boundaries);
  const group = options.perQueue ? 'bucket, queue_id' : 'bucket';
  const sql =
    `SELECT ${bucketExpr} AS bucket${options.perQueue ? ', queue_id' : ''}, ${SUMS_SQL} FROM interval_actuals ` +
    `WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND start_epoch >= ? AND start_epoch < ? GROUP BY ${group}`;
  const rows: Record<string, unknown>[] = await db.query(sql, [...queueIds, from, to]);
  for (const row of rows) visit(toBucketSums(row, !!options.perQueue));
}

function toBucketSums(row: Record<string, unknown>, perQueue: boolean): BucketSums {
  return {
    bucket: Number(row.bucket),
    queueId: perQueue ? String(row.queue_id) : undefined,
    sums: rowToSums(row),
    intervals: Number(row.intervals),
    attribution: row.attr_min === row.attr_max ? String(row.attr_min) : 'MIXED',
  };
}

/**
 * The buckets from the daily sums, each given to `visit`; false (and nothing visited) when some
 * day of these queues near the range was summed in another zone (the caller then adds up the
 * intervals). One statement: the days of the range go to their buckets; the days just around it
 * (bucket -1) are read only to see their zone. When every bucket is one local day and holds one
 * queue's day (DAY buckets of one queue, or of each queue apart), a bucket is a stored row as it
 * stands: the rows are read without GROUP BY.
 */
async function sumDays(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  timeZone: string,
  perQueue: boolean,
  read: SumsRead | undefined,
  visit: (row: BucketSums) => void,
  reuse: boolean,
): Promise<boolean> {
  if ((perQueue || queueIds.length === 1) && bucketsAreDays(boundaries, range)) return readDays(db, queueIds, boundaries, range, timeZone, perQueue, read, visit, reuse);
  const bucket = `CASE WHEN day_start >= ${range.from} AND day_start < ${range.to} THEN ${bucketExpression(boundaries, 'day_start')} ELSE -1 END`;
  const group = perQueue ? 'bucket, queue_id' : 'bucket';
  const sql =
    `SELECT ${bucket} AS bucket${perQueue ? ', queue_id' : ''}, ${PERIOD_FROM_DAYS_SQL}, SUM(CASE WHEN time_zone <> ? THEN 1 ELSE 0 END) AS other_zone ` +
    `FROM interval_daily_sums WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND day_start >= ? AND day_start < ? GROUP BY ${group}`;
  const rows: Record<string, unknown>[] = await db.query(sql, [timeZone, ...queueIds, range.from - ZONE_MARGIN_SECONDS, range.to + ZONE_MARGIN_SECONDS]);
  if (rows.some((row) => Number(row.other_zone) > 0)) return false;
  for (const row of rows) if (Number(row.bucket) >= 0) visit(toBucketSums(row, perQueue));
  return true;
}

/** The longest local day (a day that gains a DST hour); two local midnights this close are consecutive. */
const LONGEST_DAY_SECONDS = 25 * 3600;

/** True when every bucket (of local-midnight boundaries) is a single local day. */
function bucketsAreDays(boundaries: readonly number[], range: { from: number; to: number }): boolean {
  for (let i = 1; i < boundaries.length; i++) if (boundaries[i] - boundaries[i - 1] > LONGEST_DAY_SECONDS) return false;
  return range.to - Math.trunc(boundaries[boundaries.length - 1]) <= LONGEST_DAY_SECONDS;
}

/** The stored values of a day every period's sums can be read from (aggregate names). */
const ALL_DAY_VALUES = ['length_seconds', ...DAILY_VALUE_COLUMNS.map((c) => c.column), ...DAILY_REPORTED_COLUMNS, ...DAILY_BUCKET_COLUMNS];

/**
 * The DAY buckets of one queue's days, or of each queue's apart, as the GROUP BY statement would
 * add them up from one row each: a sum or maximum of one day is the day's value, and an optional
 * column has a total only when every interval of the day reported it. With `read`, only the
 * columns it names are fetched: a year of one queue's days is 365 rows, so every column (and
 * every string: the zone is compared in SQL, the queue read only per queue) costs time in
 * proportion to the range. On SQLite the rows come as one JSON text (readDayValues). False, with
 * nothing visited, when a day was summed in another zone.
 */
async function readDays(
  db: Queryable,
  queueIds: readonly string[],
  boundaries: readonly number[],
  range: { from: number; to: number },
  timeZone: string,
  perQueue: boolean,
  read: SumsRead | undefined,
  visit: (row: BucketSums) => void,
  reuse: boolean,
): Promise<boolean> {
  const columns: Array<[name: string, expression: string]> = [
    ...(perQueue ? [['queue_id', 'queue_id'] as [string, string]] : []),
    ['day_start', 'day_start'],
    ['intervals', 'intervals'],
    ['attribution', "CASE WHEN attr_min = attr_max THEN attr_min ELSE 'MIXED' END"],
    ...(read ? dayColumnsOf(read) : ALL_DAY_VALUES).map((c): [string, string] => [c, c]),
  ];
  const names = columns.map(([name]) => name);
  const at = (name: string) => names.indexOf(name);
  const [queue, day, count, attribution] = ['queue_id', 'day_start', 'intervals', 'attribution'].map(at);
  const fields = read ? new Set<string>(read.fields) : null;
  // An optional column's total, and how many intervals reported it.
  const optional = DAILY_VALUE_COLUMNS.filter((c) => c.optional && (!fields || fields.has(c.field))).map((c) => [at(c.column), at(reportedColumn(c.column))]);
  const sumsOf = read ? someSumsReader(read, at, reuse) : (values: unknown[]) => rowToSums(Object.fromEntries(names.map((name, i) => [name, values[i]])));
  const where = `FROM interval_daily_sums WHERE queue_id IN (${queueIds.map(() => '?').join(', ')}) AND day_start >= ? AND day_start < ?`;
  const days = await readDayValues(db, columns, where, timeZone, [...queueIds, range.from - ZONE_MARGIN_SECONDS, range.to + ZONE_MARGIN_SECONDS]);
  if (!days) return false;
  let row: BucketSums | null = null;
  for (const values of days) {
    const start = Number(values[day]);
    if (start < range.from || start >= range.to) continue;
    const intervals = Number(values[count]);
    for (const [value, reported] of optional) if (Number(values[reported]) !== intervals) values[value] = null;
    const bucket = lastAtOrBefore(boundaries, start);
    const queueId = perQueue ? String(values[queue]) : undefined;
    const sums = sumsOf(values);
    const attributed = String(values[attribution]);
    if (row && reuse) {
      row.bucket = bucket;
      row.queueId = queueId;
      row.sums = sums;
      row.intervals = intervals;
      row.attribution = attributed;
    } else {
      row = { bucket, queueId, sums, intervals, attribution: attributed };
    }
    visit(row);
  }
  return true;
}

/**
 * The rows of `SELECT <columns> <from>`, each an array of values in the columns' order, or null
 * when a row's day was summed in another zone than `timeZone`. On SQLite the statement returns
 * them as one JSON array of arrays (json_group_array), and the zones as one aggregate:
 * better-sqlite3 builds a row object at about 0.3 µs a value, so a year of 100 queues' days
 * (36,500 rows) took 110 ms as row objects and takes 40 ms as JSON (bench:history). SQLite writes
 * a real in JSON with the digits that read back as the same double, and an integer as itself
 * (checked in daily-sums.test.ts against the rows), so the values are those the rows hold. MySQL
 * has JSON_ARRAYAGG, but MariaDB cuts it at group_concat_max_len and mysql2's rows cost less:
 * there the rows are read as they are. `params` are those of `from`.
 */
async function readDayValues(
  db: Queryable,
  columns: ReadonlyArray<[name: string, expression: string]>,
  from: string,
  timeZone: string,
  params: unknown[],
): Promise<unknown[][] | null> {
  const otherZone = 'CASE WHEN time_zone <> ? THEN 1 ELSE 0 END';
  if (sqlDialect(db) === 'sqlite') {
    const [{ days, other }] = await db.query(
      `SELECT json_group_array(json_array(${columns.map(([, expression]) => expression).join(', ')})) AS days, MAX(${otherZone}) AS other ${from}`,
      [timeZone, ...params],
    );
    return Number(other) > 0 ? null : (JSON.parse(days) as unknown[][]);
  }
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${columns.map(([name, expression]) => (name === expression ? name : `${expression} AS ${name}`)).join(', ')}, ${otherZone} AS other_zone ${from}`,
    [timeZone, ...params],
  );
  if (rows.some((row) => Number(row.other_zone) > 0)) return null;
  return rows.map((row) => columns.map(([name]) => row[name]));
}

/** The index of the last boundary at or before t (t at or after the first). */
function lastAtOrBefore(boundaries: readonly number[], t: number): number {
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (Math.trunc(boundaries[mid]) <= t) low = mid;
    else high = mid - 1;
  }
  return low;
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
