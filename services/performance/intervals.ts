import { DataSource } from 'typeorm';
import { badInput, FieldProblem } from '../platform/errors';
import { dateParameter, upsertSql } from '../platform/database';
import { IntervalRecord, validateInterval } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { authorizeQueue, PerformanceContext } from './access';
import { INTERVAL_COLUMNS, SUM_COLUMNS } from './entities/interval-actual';

export const MAX_INTERVALS_PER_CALL = 10_000;
/** 46 columns a row: 700 rows stay under SQLite's 32,766 bound parameters per statement. */
const ROWS_PER_STATEMENT = 700;
const MAX_PROBLEMS = 50;
/** Interval starts are quarter-hour aligned in UTC; every zone's offset is a multiple of 15 minutes. */
const ALIGNMENT_SECONDS = 900;

export type Attribution = 'QUEUE_ENTRY' | 'CONTACT_END';

/** One uploaded interval as the API receives it: the raw record of shared/METRICS.md. */
export interface IntervalUpload extends Omit<IntervalRecord, 'start' | 'bucketBounds'> {
  start: Date;
}

export interface RecordResult {
  queueId: string;
  received: number;
  inserted: number;
  replaced: number;
  from: Date | null;
  to: Date | null;
}

function validateBatch(intervals: IntervalUpload[], now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < intervals.length && problems.length < MAX_PROBLEMS; i++) {
    const row = intervals[i];
    const at = `intervals[${i}]`;
    const startMs = row.start.getTime();
    const record = { ...row, start: row.start.toISOString(), bucketBounds: [...STANDARD_WAIT_BOUNDS] };
    for (const p of validateInterval(record)) problems.push({ field: `${at}.${p.field}`, message: p.message });
    if (startMs % (ALIGNMENT_SECONDS * 1000) !== 0) {
      problems.push({ field: `${at}.start`, message: 'must be on a quarter hour (UTC), e.g. 2026-03-01T08:15:00Z' });
    } else if (startMs + row.lengthSeconds * 1000 > now) {
      problems.push({ field: `${at}.start`, message: 'this interval has not ended yet; upload actuals once it has' });
    }
    const previous = seen.get(startMs);
    if (previous !== undefined) problems.push({ field: `${at}.start`, message: `the same start as intervals[${previous}]` });
    seen.set(startMs, i);
  }
  return problems;
}

/**
 * The compact form of a bulk upload: the column names once, then one array per interval. It
 * travels through the gateway as one JSON scalar, so neither the gateway nor the subgraph walks
 * thousands of input objects field by field; the rows are checked here, once, with the same
 * rules and the same row-and-field error names as the typed form.
 */
export interface IntervalBatch {
  columns: string[];
  rows: unknown[][];
}

// The record's fields are the table's: the lists cannot drift from the entity and migration.
const REQUIRED_BATCH_FIELDS = ['start', 'lengthSeconds', ...SUM_COLUMNS.filter((c) => !c.optional).map((c) => c.field), 'answeredWait', 'abandonedWait'];
const BATCH_FIELDS = new Set([...REQUIRED_BATCH_FIELDS, ...SUM_COLUMNS.filter((c) => c.optional).map((c) => c.field)]);

/** Turns a batch into uploads, refusing an unknown or missing column, a short row or a bad start. */
export function uploadsFromBatch(batch: unknown): IntervalUpload[] {
  const b = batch as IntervalBatch;
  if (!b || typeof b !== 'object' || !Array.isArray(b.columns) || !Array.isArray(b.rows)) {
    throw badInput({ field: 'batch', message: 'expected { "columns": [names…], "rows": [[values…], …] }' });
  }
  const problems: FieldProblem[] = [];
  b.columns.forEach((c, i) => {
    if (!BATCH_FIELDS.has(c)) problems.push({ field: `batch.columns[${i}]`, message: `unknown column "${c}"` });
  });
  for (const required of REQUIRED_BATCH_FIELDS) {
    if (!b.columns.includes(required)) problems.push({ field: 'batch.columns', message: `the column ${required} is required` });
  }
  if (new Set(b.columns).size !== b.columns.length) problems.push({ field: 'batch.columns', message: 'a column is named twice' });
  if (b.rows.length > MAX_INTERVALS_PER_CALL) problems.push({ field: 'batch.rows', message: `at most ${MAX_INTERVALS_PER_CALL} intervals per call; split the upload` });
  if (problems.length > 0) throw badInput(problems);
  const uploads: IntervalUpload[] = [];
  for (let i = 0; i < b.rows.length && problems.length < MAX_PROBLEMS; i++) {
    const row = b.rows[i];
    if (!Array.isArray(row) || row.length !== b.columns.length) {
      problems.push({ field: `intervals[${i}]`, message: `expected ${b.columns.length} values, one per column` });
      continue;
    }
    const record: Record<string, unknown> = {};
    b.columns.forEach((c, k) => (record[c] = row[k]));
    const start = typeof record.start === 'string' ? new Date(record.start) : null;
    if (!start || Number.isNaN(start.getTime()) || !/(Z|[+-]\d{2}:\d{2})$/.test(record.start as string)) {
      problems.push({ field: `intervals[${i}].start`, message: 'expected an ISO-8601 instant with a zone, e.g. 2026-03-01T08:15:00Z' });
      continue;
    }
    uploads.push({ ...(record as unknown as IntervalUpload), start });
  }
  if (problems.length > 0) throw badInput(problems);
  return uploads;
}

/**
 * Writes validated intervals of one queue in one transaction, replacing any stored with the
 * same start; returns the starts written and how many replaced stored ones.
 */
export async function writeIntervals(
  db: DataSource,
  queueId: string,
  intervals: IntervalUpload[],
  attribution: Attribution,
  uploadedBy: string,
): Promise<{ starts: number[]; replaced: number }> {
  const uploadedAt = dateParameter(db, new Date());
  const values = intervals.map((row) => [
    queueId,
    row.start.getTime() / 1000,
    row.lengthSeconds,
    ...SUM_COLUMNS.map((c) => (row as unknown as Record<string, number | null | undefined>)[c.field] ?? null),
    ...row.answeredWait,
    ...row.abandonedWait,
    attribution,
    uploadedAt,
    uploadedBy,
  ]);
  const starts = values.map((v) => v[1] as number);
  let replaced = 0;
  await db.transaction(async (tx) => {
    // One range read tells which of the batch's starts are already stored (replaced, not added).
    const wanted = new Set(starts);
    const stored: Array<{ start_epoch: number | string }> = await tx.query(
      'SELECT start_epoch FROM interval_actuals WHERE queue_id = ? AND start_epoch >= ? AND start_epoch <= ?',
      [queueId, Math.min(...starts), Math.max(...starts)],
    );
    for (const row of stored) if (wanted.has(Number(row.start_epoch))) replaced += 1;
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const chunk = values.slice(i, i + ROWS_PER_STATEMENT);
      await tx.query(upsertSql(db, 'interval_actuals', INTERVAL_COLUMNS, ['queue_id', 'start_epoch'], chunk.length), chunk.flat());
    }
  });
  return { starts, replaced };
}

/**
 * A centre uploads interval actuals for a queue it serves. The whole batch is validated first
 * and written in one transaction; an interval already stored for the same queue and start is
 * replaced, never added to, so re-sending a file is harmless.
 */
export async function recordIntervals(
  ctx: PerformanceContext,
  queueId: string,
  intervals: IntervalUpload[],
  attribution: Attribution = 'QUEUE_ENTRY',
): Promise<RecordResult> {
  await authorizeQueue(ctx, 'upload', queueId);
  if (intervals.length > MAX_INTERVALS_PER_CALL) {
    throw badInput({ field: 'intervals', message: `at most ${MAX_INTERVALS_PER_CALL} intervals per call; split the upload` });
  }
  const problems = validateBatch(intervals, Date.now());
  if (problems.length > 0) throw badInput(problems);
  if (intervals.length === 0) return { queueId, received: 0, inserted: 0, replaced: 0, from: null, to: null };

  const { starts, replaced } = await writeIntervals(ctx.db, queueId, intervals, attribution, ctx.viewer.subject);
  const sorted = [...starts].sort((a, b) => a - b);
  return {
    queueId,
    received: intervals.length,
    inserted: intervals.length - replaced,
    replaced,
    from: new Date(sorted[0] * 1000),
    to: new Date(sorted[sorted.length - 1] * 1000),
  };
}
