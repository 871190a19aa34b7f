import { DataSource } from 'typeorm';
import { badInput, FieldProblem, Problems } from '../platform/errors';
import { dateParameter, upsertSql } from '../platform/database';
import { checkList } from '../platform/validate';
import { Bound, boundProblem, BOUNDS, instantProblem, LIST_LIMITS, TEXT_LIMITS, textProblem } from '../metrics/bounds';
import { IntervalRecord, validateInterval } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { authorize } from './access';
import type { PerformanceContext } from './context';
import { refreshDailySums } from './daily-sums';
import { AGENT_INTERVAL_COLUMNS, INTERVAL_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from './entities/interval-actual';

/** Interval rows one upload may carry (the bound is LIST_LIMITS.intervalsPerUpload). */
export const MAX_INTERVALS_PER_CALL = LIST_LIMITS.intervalsPerUpload;
/** As many rows a statement as stay under SQLite's 32,766 bound parameters (about 680). */
const ROWS_PER_STATEMENT = Math.floor(32_766 / AGENT_INTERVAL_COLUMNS.length);
const MAX_PROBLEMS = 50;
/** Interval starts are quarter-hour aligned in UTC; every zone's offset is a multiple of 15 minutes. */
const ALIGNMENT_SECONDS = 900;

/** Count fields are whole contacts of one interval. */
const COUNT_FIELDS = SUM_COLUMNS.filter((c) => c.type === 'int').map((c) => c.field);
/** Duration totals may carry fractions of a second (the API takes them as Float); their range is the bound's. */
const SECONDS_FIELDS = SUM_COLUMNS.filter((c) => c.type === 'double').map((c) => c.field);
const SECONDS_TOTAL: Bound = { ...BOUNDS.secondsPerInterval, integer: false };
const HISTOGRAMS = ['answeredWait', 'abandonedWait'] as const;

export type Attribution = 'QUEUE_ENTRY' | 'CONTACT_END';

/**
 * One uploaded interval as the API receives it: the raw record of shared/METRICS.md. With an
 * `agentRef` it is one agent's share of the queue's interval, stored apart from the queue's own
 * record (see AgentIntervalActualRow).
 */
export interface IntervalUpload extends Omit<IntervalRecord, 'start' | 'bucketBounds'> {
  start: Date;
  /** The agent's pseudonymous reference; absent for the queue's own record. */
  agentRef?: string | null;
}

export interface RecordResult {
  queueId: string;
  received: number;
  inserted: number;
  replaced: number;
  from: Date | null;
  to: Date | null;
}

/** The series a row belongs to: the queue's own record, or one agent's. */
const QUEUE_RECORD = '';
function agentKey(row: IntervalUpload): string {
  return row.agentRef == null ? QUEUE_RECORD : `agent:${String(row.agentRef).trim()}`;
}

function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The domain bounds of one record (metrics/bounds.ts): every count within a queue-interval's
 * contacts, every duration total within its seconds, the start within the hub's window. Checked
 * before the record's own consistency rules, so an absurd number is named with its bound.
 */
function boundProblems(row: IntervalUpload, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const record = row as unknown as Record<string, unknown>;
  // The field's name is spelled out only for a problem: a clean upload of thousands of rows
  // builds no strings here.
  const check = (field: string, value: unknown, bound: Bound, index?: number) => {
    if (value === null || value === undefined) return; // a missing field is the record rules' to name
    const problem = boundProblem(value, bound);
    if (problem) problems.push({ field: index === undefined ? `${at}.${field}` : `${at}.${field}[${index}]`, message: problem });
  };
  for (const field of COUNT_FIELDS) check(field, record[field], BOUNDS.contactsPerInterval);
  for (const field of SECONDS_FIELDS) check(field, record[field], SECONDS_TOTAL);
  for (const c of MAX_COLUMNS) check(c.field, record[c.field], BOUNDS.waitSeconds);
  const agent = record.agentRef;
  if (agent !== null && agent !== undefined) {
    const problem = typeof agent !== 'string' || agent.trim() === '' ? 'must be a non-empty pseudonymous reference; leave it out for the queue record' : textProblem(agent, TEXT_LIMITS.reference);
    if (problem) problems.push({ field: `${at}.agentRef`, message: problem });
  }
  for (const histogram of HISTOGRAMS) {
    const counts = record[histogram];
    if (Array.isArray(counts)) for (let k = 0; k < counts.length; k++) check(histogram, counts[k], BOUNDS.contactsPerInterval, k);
  }
  if (row.start instanceof Date) {
    const problem = instantProblem(row.start.getTime() / 1000);
    if (problem) problems.push({ field: `${at}.start`, message: problem });
  }
  return problems;
}

/** The record fields the interval rules read (metrics/kpi.ts validateInterval), with the hub's standard wait buckets. */
const VALIDATED_FIELDS = ['lengthSeconds', ...SUM_COLUMNS.map((c) => c.field), ...MAX_COLUMNS.map((c) => c.field), 'answeredWait', 'abandonedWait'];
const STANDARD_BOUNDS = [...STANDARD_WAIT_BOUNDS];

/**
 * What validateInterval is given for a row: the fields it reads, copied into an object of one
 * shape for every row (a spread of each row, with its start turned into text, cost more than
 * the checks themselves on a bulk upload), and the standard bucket bounds, shared.
 */
function recordToValidate(row: IntervalUpload): Record<string, unknown> {
  const from = row as unknown as Record<string, unknown>;
  const record: Record<string, unknown> = { bucketBounds: STANDARD_BOUNDS };
  for (const field of VALIDATED_FIELDS) record[field] = from[field];
  return record;
}

/**
 * Checks every interval of an upload on its own (bounds, consistency, alignment, ended by
 * `now`) and against the others: no two may overlap on the queue (the same start twice is the
 * plainest overlap). Overlaps with what is stored are checked when writing.
 */
function validateBatch(intervals: IntervalUpload[], now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const spans: Array<{ start: number; end: number; index: number; agent: string }> = [];
  for (let i = 0; i < intervals.length && problems.length < MAX_PROBLEMS; i++) {
    const row = intervals[i];
    const at = `intervals[${i}]`;
    const bounded = boundProblems(row, at);
    const ruled = validateInterval(recordToValidate(row));
    if (bounded.length > 0 || ruled.length > 0) {
      problems.push(...bounded);
      const named = new Set(bounded.map((p) => p.field.replace(/\[\d+\]$/, '')));
      for (const p of ruled) if (!named.has(`${at}.${p.field}`)) problems.push({ field: `${at}.${p.field}`, message: p.message });
      if (named.has(`${at}.start`)) continue;
    }
    const startMs = row.start.getTime();
    if (startMs % (ALIGNMENT_SECONDS * 1000) !== 0) {
      problems.push({ field: `${at}.start`, message: 'must be on a quarter hour (UTC), e.g. 2026-03-01T08:15:00Z' });
    } else if (startMs + row.lengthSeconds * 1000 > now.getTime()) {
      problems.push({ field: `${at}.start`, message: 'this interval has not ended yet; upload actuals once it has' });
    } else if (Number.isInteger(row.lengthSeconds) && row.lengthSeconds >= BOUNDS.intervalSeconds.min && row.lengthSeconds <= BOUNDS.intervalSeconds.max) {
      spans.push({ start: startMs / 1000, end: startMs / 1000 + row.lengthSeconds, index: i, agent: agentKey(row) });
    }
  }
  overlapProblems(spans, problems, 'intervals');
  return problems;
}

/**
 * Adds a problem for each span that overlaps an earlier one of its series (the queue's record and
 * each agent's are separate series; the same start twice is the plainest overlap). Sorted by
 * series and start, a span overlaps an earlier one exactly when it starts before the latest end
 * seen so far. `list` names the rows in the problems (`intervals[3].start`).
 */
export function overlapProblems(spans: Array<{ start: number; end: number; index: number; agent: string }>, problems: FieldProblem[], list: string): void {
  spans.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0) || a.start - b.start || a.index - b.index);
  let latest: (typeof spans)[number] | null = null;
  for (const span of spans) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (latest && latest.agent !== span.agent) latest = null;
    if (latest && span.start < latest.end) {
      const [first, second] = latest.index < span.index ? [latest, span] : [span, latest];
      const whose = span.agent === QUEUE_RECORD ? 'one queue' : 'one agent of a queue';
      problems.push({
        field: `${list}[${second.index}].start`,
        message:
          first.start === second.start
            ? `the same start as ${list}[${first.index}]${span.agent === QUEUE_RECORD ? '' : ' for the same agent'}`
            : `overlaps ${list}[${first.index}] (${iso(first.start)}, ${first.end - first.start} s); intervals of ${whose} must not overlap`,
      });
    }
    if (!latest || span.end > latest.end) latest = span;
  }
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
const BATCH_FIELDS = new Set([...REQUIRED_BATCH_FIELDS, ...SUM_COLUMNS.filter((c) => c.optional).map((c) => c.field), ...MAX_COLUMNS.map((c) => c.field), 'agentRef']);

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
  const tooMany = new Problems();
  checkList(tooMany, 'batch.rows', b.rows, LIST_LIMITS.intervalsPerUpload, 'intervals; split the upload');
  tooMany.throwIfAny();
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

/** A stored interval: its start (epoch seconds) and length. */
export interface StoredSpan {
  start: number;
  length: number;
}

/** An uploaded interval: start and end (epoch seconds) and its index in the upload. */
export type Span = { start: number; end: number; index: number };

/**
 * The stored intervals an upload touches, compared with it: a stored interval with the same
 * start and length as an uploaded one is replaced; any other overlap is a conflict, handed to
 * `conflict` once per pair (uploaded, stored). `stored` and `spans` are both free of overlaps
 * among themselves, so sorted by start they are sorted by end too: a binary search finds the
 * first uploaded interval that ends after a stored one starts, and the ones after it that start
 * before it ends are all it overlaps. Returns how many stored intervals are replaced.
 */
export function compareWithStored(spans: Span[], stored: StoredSpan[], conflict: (span: Span, stored: StoredSpan) => void): number {
  let replaced = 0;
  for (const s of stored) {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end > s.start) hi = mid;
      else lo = mid + 1;
    }
    for (let k = lo; k < spans.length && spans[k].start < s.start + s.length; k++) {
      const span = spans[k];
      if (span.start === s.start && span.end - span.start === s.length) replaced += 1;
      else conflict(span, s);
    }
  }
  return replaced;
}

/** The message of an uploaded interval that overlaps a stored one of another start or length. */
export function storedOverlapMessage(s: StoredSpan): string {
  return `overlaps the stored interval ${iso(s.start)} (${s.length} s); re-send an interval with the same start and length to replace it`;
}

function checkAgainstStored(spans: Span[], stored: StoredSpan[], problems: FieldProblem[]): number {
  return compareWithStored(spans, stored, (span, s) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field: `intervals[${span.index}].start`, message: storedOverlapMessage(s) });
  });
}

type StoredRow = { start_epoch: number | string; length_seconds: number | string; agent_ref?: string };

/** Agent references read back per statement when checking an upload against the stored rows. */
const AGENTS_PER_READ = 500;

/** What can run SQL: the data source or a transaction's manager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * The stored intervals of a queue that intervals between `range` could overlap, each series
 * sorted by start: the queue's own record (when `queueRecord`) with one indexed range read, and
 * the given agents' with one per 500 agents. `lock` (MySQL, in a writing transaction) locks the
 * range, so a concurrent upload cannot slip an overlapping interval in.
 */
export async function storedSpans(
  q: Queryable,
  queueId: string,
  range: [number, number],
  queueRecord: boolean,
  agents: string[],
  lock: boolean,
): Promise<{ queue: StoredSpan[]; agents: Map<string, StoredSpan[]> }> {
  const forUpdate = lock ? ' FOR UPDATE' : '';
  const toStored = (r: StoredRow): StoredSpan => ({ start: Number(r.start_epoch), length: Number(r.length_seconds) });
  let queue: StoredSpan[] = [];
  if (queueRecord) {
    const rows: StoredRow[] = await q.query(
      `SELECT start_epoch, length_seconds FROM interval_actuals WHERE queue_id = ? AND start_epoch > ? AND start_epoch < ? ORDER BY start_epoch${forUpdate}`,
      [queueId, ...range],
    );
    queue = rows.map(toStored);
  }
  const byAgent = new Map<string, StoredSpan[]>();
  for (let i = 0; i < agents.length; i += AGENTS_PER_READ) {
    const chunk = agents.slice(i, i + AGENTS_PER_READ);
    const rows: StoredRow[] = await q.query(
      `SELECT agent_ref, start_epoch, length_seconds FROM agent_interval_actuals WHERE queue_id = ? AND start_epoch > ? AND start_epoch < ? ` +
        `AND agent_ref IN (${chunk.map(() => '?').join(', ')}) ORDER BY agent_ref, start_epoch${forUpdate}`,
      [queueId, ...range, ...chunk],
    );
    for (const r of rows) {
      const list = byAgent.get(String(r.agent_ref));
      if (list) list.push(toStored(r));
      else byAgent.set(String(r.agent_ref), [toStored(r)]);
    }
  }
  return { queue, agents: byAgent };
}

/** The window a stored interval must start in to overlap one of `spans`: from one longest interval before the first start to the last end. */
export function storedRange(spans: Span[]): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (const s of spans) {
    if (s.start < first) first = s.start;
    if (s.end > last) last = s.end;
  }
  return [first - BOUNDS.intervalSeconds.max, last];
}

/**
 * Writes validated intervals of one queue in one transaction: the queue's own records to
 * interval_actuals, agents' records (with an agentRef) to agent_interval_actuals. One range read
 * per table (per 500 agents) fetches the stored intervals the upload could overlap (from one
 * longest interval before its first start to its last end): those with the same start and length
 * (and agent) are replaced, any other overlap refuses the whole upload before anything is
 * written. Returns the starts written and how many replaced.
 */
export async function writeIntervals(
  db: DataSource,
  queueId: string,
  intervals: IntervalUpload[],
  attribution: Attribution,
  uploadedBy: string,
  uploadedAt: Date,
  /** The queue's zone: the daily sums of the days touched are recomputed in it (daily-sums.ts). */
  timeZone: string,
): Promise<{ starts: number[]; replaced: number }> {
  const at = dateParameter(db, uploadedAt);
  const valueFields = [...SUM_COLUMNS, ...MAX_COLUMNS].map((c) => c.field);
  /**
   * The bound parameters of some rows, in column order, pushed straight into one flat array (a
   * nested array per row, spread and flattened, cost as much as the SQL on a bulk upload).
   */
  const parameters = (indices: number[], lead: (i: number) => Array<string | number>): unknown[] => {
    const out: unknown[] = [];
    for (const i of indices) {
      const row = intervals[i];
      const record = row as unknown as Record<string, number | null | undefined>;
      for (const value of lead(i)) out.push(value);
      out.push(row.lengthSeconds);
      for (const field of valueFields) out.push(record[field] ?? null);
      for (const count of row.answeredWait) out.push(count);
      for (const count of row.abandonedWait) out.push(count);
      out.push(attribution, at, uploadedBy);
    }
    return out;
  };
  const starts = intervals.map((row) => row.start.getTime() / 1000);
  const queueRows: number[] = [];
  const agentRows = new Map<string, number[]>();
  intervals.forEach((row, i) => {
    if (row.agentRef == null) queueRows.push(i);
    else {
      const agent = row.agentRef.trim();
      const rows = agentRows.get(agent);
      if (rows) rows.push(i);
      else agentRows.set(agent, [i]);
    }
  });
  const spansOf = (indices: number[]): Span[] =>
    indices.map((index) => ({ start: starts[index], end: starts[index] + intervals[index].lengthSeconds, index })).sort((a, b) => a.start - b.start);
  const allSpans = spansOf(intervals.map((_, i) => i));
  const range = storedRange(allSpans);
  let replaced = 0;
  await db.transaction(async (tx) => {
    // On MySQL the range is locked, so a concurrent upload cannot slip an overlapping interval in.
    const stored = await storedSpans(tx, queueId, range, queueRows.length > 0, [...agentRows.keys()], db.options.type === 'mysql');
    const problems: FieldProblem[] = [];
    if (queueRows.length > 0) replaced += checkAgainstStored(spansOf(queueRows), stored.queue, problems);
    for (const [agent, rows] of agentRows) replaced += checkAgainstStored(spansOf(rows), stored.agents.get(agent) ?? [], problems);
    if (problems.length > 0) throw badInput(problems);
    for (let i = 0; i < queueRows.length; i += ROWS_PER_STATEMENT) {
      const chunk = queueRows.slice(i, i + ROWS_PER_STATEMENT);
      await tx.query(upsertSql(db, 'interval_actuals', INTERVAL_COLUMNS, ['queue_id', 'start_epoch'], chunk.length), parameters(chunk, (k) => [queueId, starts[k]]));
    }
    // The days these rows fall in, summed again from the raw rows, in this transaction.
    await refreshDailySums(tx, db.options.type === 'mysql', queueId, queueRows.map((i) => starts[i]), timeZone);
    const agentIndices = [...agentRows].flatMap(([agent, rows]) => rows.map((i) => ({ i, agent })));
    const agentOf = new Map(agentIndices.map(({ i, agent }) => [i, agent]));
    for (let i = 0; i < agentIndices.length; i += ROWS_PER_STATEMENT) {
      const chunk = agentIndices.slice(i, i + ROWS_PER_STATEMENT).map((a) => a.i);
      await tx.query(
        upsertSql(db, 'agent_interval_actuals', AGENT_INTERVAL_COLUMNS, ['queue_id', 'start_epoch', 'agent_ref'], chunk.length),
        parameters(chunk, (k) => [queueId, starts[k], agentOf.get(k)!]),
      );
    }
  });
  return { starts, replaced };
}

/**
 * A centre uploads interval actuals for a queue it serves. The whole batch is validated first
 * and written in one transaction; an interval already stored for the same queue, start and
 * length is replaced, never added to, so re-sending a file is harmless. Intervals that overlap
 * otherwise, within the upload or with stored ones, are refused.
 */
export async function recordIntervals(
  ctx: Pick<PerformanceContext, 'viewer' | 'db' | 'contracts' | 'now'>,
  queueId: string,
  intervals: IntervalUpload[],
  attribution: Attribution = 'QUEUE_ENTRY',
): Promise<RecordResult> {
  // The contracts subgraph is asked while the rows are checked here; its answer is awaited
  // first, so a refusal still wins over bad input, as when they ran one after the other.
  const authorized = authorize(ctx, 'queue.upload', queueId);
  authorized.catch(() => undefined);
  // The loader sends its batch once this turn of the event loop ends: let it go out first.
  await new Promise((resolve) => setImmediate(resolve));
  const tooMany = new Problems();
  checkList(tooMany, 'intervals', intervals, LIST_LIMITS.intervalsPerUpload, 'intervals; split the upload');
  const problems = tooMany.empty ? validateBatch(intervals, ctx.now) : [];
  await authorized;
  tooMany.throwIfAny();
  if (problems.length > 0) throw badInput(problems);
  if (intervals.length === 0) return { queueId, received: 0, inserted: 0, replaced: 0, from: null, to: null };

  const { timeZone } = await authorized;
  const { starts, replaced } = await writeIntervals(ctx.db, queueId, intervals, attribution, ctx.viewer.subject, ctx.now, timeZone);
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
