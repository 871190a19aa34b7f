import { Column, ColumnType, Entity, PrimaryColumn } from 'typeorm';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from './interval-actual';

/**
 * One queue's interval actuals of one local day, summed: the same raw columns as
 * interval_actuals (sums of counts, durations and wait buckets, the maximum of the longest wait),
 * with how many intervals reported each optional column (a period total of an optional column
 * exists only when every interval reported it). Written in the transaction that writes the raw
 * rows, recomputed from them (so a replaced interval replaces its part of the day), it lets
 * DAY, WEEK and MONTH figures read one row per queue-day instead of 96 (services/performance/
 * daily-sums.ts). The day is local to `time_zone` (the queue's zone when it was written).
 */
@Entity('interval_daily_sums')
export class IntervalDailySumsRow {
  @PrimaryColumn({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  /** Local midnight, as epoch seconds. */
  @PrimaryColumn({ name: 'day_start', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  dayStart!: number;

  @Column({ name: 'day_end', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  dayEnd!: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'int' })
  intervals!: number;

  @Column({ name: 'length_seconds', type: 'bigint' })
  lengthSeconds!: number;

  @Column({ name: 'attr_min', type: 'varchar', length: 16 })
  attrMin!: string;

  @Column({ name: 'attr_max', type: 'varchar', length: 16 })
  attrMax!: string;
}

/** How many intervals of the day reported an optional column. */
export const reportedColumn = (column: string) => `n_${column}`;

/** Sum and maximum columns with the SQL types of a day's totals (counts of a day can pass 2^31 only in theory; bigint costs little). */
export const DAILY_VALUE_COLUMNS = [
  ...SUM_COLUMNS.map((c) => ({ ...c, dailyType: c.type === 'int' ? 'bigint' : 'double', aggregate: 'SUM' as const })),
  ...MAX_COLUMNS.map((c) => ({ ...c, dailyType: c.type, aggregate: 'MAX' as const })),
];
export const DAILY_BUCKET_COLUMNS = [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS];
export const DAILY_REPORTED_COLUMNS = DAILY_VALUE_COLUMNS.filter((c) => c.optional).map((c) => reportedColumn(c.column));

/** Every column of a row, in insert order. */
export const DAILY_COLUMNS = [
  'queue_id',
  'day_start',
  'day_end',
  'time_zone',
  'intervals',
  'length_seconds',
  'attr_min',
  'attr_max',
  ...DAILY_VALUE_COLUMNS.map((c) => c.column),
  ...DAILY_REPORTED_COLUMNS,
  ...DAILY_BUCKET_COLUMNS,
];

for (const c of DAILY_VALUE_COLUMNS) Column({ name: c.column, type: c.dailyType as ColumnType, nullable: true })(IntervalDailySumsRow.prototype, c.field);
for (const name of DAILY_REPORTED_COLUMNS) Column({ name, type: 'int' })(IntervalDailySumsRow.prototype, name);
for (const name of DAILY_BUCKET_COLUMNS) Column({ name, type: 'bigint' })(IntervalDailySumsRow.prototype, name);
