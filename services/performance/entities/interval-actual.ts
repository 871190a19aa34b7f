import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WAIT_BUCKET_KEYS } from '../../metrics/wait-buckets';

/**
 * One queue's raw figures for one interval (shared/METRICS.md). Keyed by queue and start, so
 * re-sending an interval replaces it. Starts are epoch seconds: integer comparisons are the same
 * on SQLite and MySQL and need no time-zone handling in SQL. Histogram buckets are columns
 * (aw_5 … aw_inf, bw_5 … bw_inf) so SQL can add them up.
 */
@Entity('interval_actuals')
export class IntervalActualRow {
  @PrimaryColumn({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @PrimaryColumn({ name: 'start_epoch', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  startEpoch!: number;

  @Column({ name: 'length_seconds', type: 'int' })
  lengthSeconds!: number;

  @Column({ type: 'varchar', length: 16 })
  attribution!: string;

  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3 })
  uploadedAt!: Date;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy!: string;
}

/** Count and duration columns, in the order of the table; the optional ones may be null. */
export const SUM_COLUMNS = [
  { field: 'offered', column: 'offered', type: 'int', optional: false },
  { field: 'answered', column: 'answered', type: 'int', optional: false },
  { field: 'abandoned', column: 'abandoned', type: 'int', optional: false },
  { field: 'flowedOut', column: 'flowed_out', type: 'int', optional: true },
  { field: 'callbackRequested', column: 'callback_requested', type: 'int', optional: true },
  { field: 'answeredWaitSeconds', column: 'answered_wait_seconds', type: 'double', optional: false },
  { field: 'abandonedWaitSeconds', column: 'abandoned_wait_seconds', type: 'double', optional: false },
  { field: 'talkSeconds', column: 'talk_seconds', type: 'double', optional: false },
  { field: 'holdSeconds', column: 'hold_seconds', type: 'double', optional: false },
  { field: 'wrapSeconds', column: 'wrap_seconds', type: 'double', optional: false },
  { field: 'transferred', column: 'transferred', type: 'int', optional: true },
  { field: 'resolvedFirstContact', column: 'resolved_first_contact', type: 'int', optional: true },
  { field: 'staffedSeconds', column: 'staffed_seconds', type: 'double', optional: true },
  { field: 'availableSeconds', column: 'available_seconds', type: 'double', optional: true },
] as const;

/**
 * Columns that hold one figure of the interval that periods take the maximum of, not the sum
 * (the longest single wait). Optional: null when the platform does not report it.
 */
export const MAX_COLUMNS = [{ field: 'longestWaitSeconds', column: 'longest_wait_seconds', type: 'int', optional: true }] as const;

export const ANSWERED_BUCKET_COLUMNS = WAIT_BUCKET_KEYS.map((k) => `aw_${k}`);
export const ABANDONED_BUCKET_COLUMNS = WAIT_BUCKET_KEYS.map((k) => `bw_${k}`);

/** Every column an upload writes, in insert order. */
export const INTERVAL_COLUMNS = [
  'queue_id',
  'start_epoch',
  'length_seconds',
  ...SUM_COLUMNS.map((c) => c.column),
  ...MAX_COLUMNS.map((c) => c.column),
  ...ANSWERED_BUCKET_COLUMNS,
  ...ABANDONED_BUCKET_COLUMNS,
  'attribution',
  'uploaded_at',
  'uploaded_by',
];

/**
 * One agent's raw figures for one interval of a queue: the same record as the queue's, over the
 * contacts that agent handled, under the agent's pseudonymous reference (a pseudonym the centre
 * controls, never a name). A breakdown beside the queue rows, never added to them: queue KPIs read
 * interval_actuals only, per-agent figures read this table only, so nothing counts twice.
 * Keyed by queue, start and agent (the primary key's order serves the range reads).
 */
@Entity('agent_interval_actuals')
export class AgentIntervalActualRow {
  @PrimaryColumn({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @PrimaryColumn({ name: 'start_epoch', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  startEpoch!: number;

  @PrimaryColumn({ name: 'agent_ref', type: 'varchar', length: 200 })
  agentRef!: string;

  @Column({ name: 'length_seconds', type: 'int' })
  lengthSeconds!: number;

  @Column({ type: 'varchar', length: 16 })
  attribution!: string;

  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3 })
  uploadedAt!: Date;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy!: string;
}

/** Every column an agent upload writes, in insert order. */
export const AGENT_INTERVAL_COLUMNS = ['queue_id', 'start_epoch', 'agent_ref', ...INTERVAL_COLUMNS.slice(2)];

// The count, duration and bucket columns are many and regular: declare them from the lists
// above rather than by hand, so the entities, the migrations and the SQL cannot drift apart.
for (const row of [IntervalActualRow, AgentIntervalActualRow]) {
  for (const c of [...SUM_COLUMNS, ...MAX_COLUMNS]) {
    Column({ name: c.column, type: c.type, nullable: c.optional })(row.prototype, c.field);
  }
  for (const name of [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS]) {
    Column({ name, type: 'int' })(row.prototype, name);
  }
}
