import { badInput, FieldProblem, Problems } from '../platform/errors';
import { checkList } from '../platform/validate';
import { instantProblem, LIST_LIMITS, TEXT_LIMITS, textProblem } from '../metrics/bounds';
import { INTERVAL_LENGTHS } from '../metrics/kpi';
import { authorize } from './access';
import type { PerformanceContext } from './context';
import { compareWithStored, overlapProblems, Span, storedOverlapMessage, storedRange, storedSpans, StoredSpan } from './intervals';

/**
 * Checking intervals against what is stored, without writing: the part of an upload's checks
 * that depends on the stored data (an interval overlapping a stored one of another start or
 * length is refused; one with the same start and length would replace it). A feed that sends a
 * file in several uploads asks it for the whole file first, so that no upload is refused part-way
 * (the exchange subgraph's interval imports do). Authorised and bounded exactly like an upload.
 */
export interface SpanConflict {
  /** The span's index in the batch. */
  index: number;
  agentRef: string | null;
  start: Date;
  lengthSeconds: number;
  /** The first stored interval it overlaps. */
  storedStart: Date;
  storedLengthSeconds: number;
  message: string;
}

export interface SpanCheck {
  queueId: string;
  received: number;
  /** Spans with the same start and length (and agent) as a stored interval: an upload replaces those. */
  replacing: number;
  /** One per span that overlaps a stored interval otherwise, in batch order. */
  conflicts: SpanConflict[];
}

const SPAN_COLUMNS = new Set(['start', 'lengthSeconds', 'agentRef']);
const LENGTHS = new Set(INTERVAL_LENGTHS);
const ALIGNMENT_MS = 900_000;
const MAX_PROBLEMS = 50;

interface ParsedSpan {
  start: number;
  length: number;
  agentRef: string | null;
}

/**
 * Reads a batch `{ "columns": ["start", "lengthSeconds", "agentRef"?], "rows": [[…], …] }`: each
 * start an ISO-8601 instant with a zone on a quarter hour and ended by `now`, each length 900,
 * 1800 or 3600 s, each agentRef (when given) a pseudonymous reference; no two spans of one series
 * (the queue's record, each agent's) overlapping. BAD_USER_INPUT naming the field otherwise.
 */
export function spansFromBatch(batch: unknown, now: Date): ParsedSpan[] {
  const b = batch as { columns?: unknown; rows?: unknown };
  if (!b || typeof b !== 'object' || !Array.isArray(b.columns) || !Array.isArray(b.rows)) {
    throw badInput({ field: 'spans', message: 'expected { "columns": ["start", "lengthSeconds", "agentRef"?], "rows": [[values…], …] }' });
  }
  const columns = b.columns as unknown[];
  const rows = b.rows as unknown[];
  const problems: FieldProblem[] = [];
  columns.forEach((c, i) => {
    if (typeof c !== 'string' || !SPAN_COLUMNS.has(c)) problems.push({ field: `spans.columns[${i}]`, message: `unknown column ${JSON.stringify(c)}: use start, lengthSeconds and agentRef` });
  });
  for (const required of ['start', 'lengthSeconds']) if (!columns.includes(required)) problems.push({ field: 'spans.columns', message: `the column ${required} is required` });
  if (new Set(columns).size !== columns.length) problems.push({ field: 'spans.columns', message: 'a column is named twice' });
  const tooMany = new Problems();
  checkList(tooMany, 'spans.rows', rows, LIST_LIMITS.intervalsPerUpload, 'intervals; split the check');
  tooMany.throwIfAny();
  if (problems.length > 0) throw badInput(problems);

  const at = { start: columns.indexOf('start'), length: columns.indexOf('lengthSeconds'), agent: columns.indexOf('agentRef') };
  const parsed: ParsedSpan[] = [];
  const spans: Array<{ start: number; end: number; index: number; agent: string }> = [];
  for (let i = 0; i < rows.length && problems.length < MAX_PROBLEMS; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== columns.length) {
      problems.push({ field: `spans[${i}]`, message: `expected ${columns.length} values, one per column` });
      continue;
    }
    const rawStart = row[at.start];
    const startMs = typeof rawStart === 'string' && /(Z|[+-]\d{2}:\d{2})$/.test(rawStart) ? Date.parse(rawStart) : NaN;
    const length = row[at.length];
    const agent = at.agent >= 0 ? row[at.agent] : null;
    const startProblem = Number.isNaN(startMs)
      ? 'expected an ISO-8601 instant with a zone, e.g. 2026-03-01T08:15:00Z'
      : (instantProblem(startMs / 1000) ?? (startMs % ALIGNMENT_MS !== 0 ? 'must be on a quarter hour (UTC), e.g. 2026-03-01T08:15:00Z' : null));
    if (startProblem) problems.push({ field: `spans[${i}].start`, message: startProblem });
    let bad = startProblem !== null;
    if (typeof length !== 'number' || !LENGTHS.has(length)) {
      problems.push({ field: `spans[${i}].lengthSeconds`, message: `must be 900, 1800 or 3600 seconds, got ${JSON.stringify(length)}` });
      bad = true;
    } else if (!bad && startMs + length * 1000 > now.getTime()) {
      problems.push({ field: `spans[${i}].start`, message: 'this interval has not ended yet; upload actuals once it has' });
      bad = true;
    }
    if (agent !== null && agent !== undefined) {
      const problem = typeof agent !== 'string' || agent.trim() === '' ? 'must be a non-empty pseudonymous reference; leave it null for the queue record' : textProblem(agent, TEXT_LIMITS.reference);
      if (problem) {
        problems.push({ field: `spans[${i}].agentRef`, message: problem });
        bad = true;
      }
    }
    if (bad) continue;
    const agentRef = typeof agent === 'string' ? agent.trim() : null;
    parsed.push({ start: startMs / 1000, length: length as number, agentRef });
    spans.push({ start: startMs / 1000, end: startMs / 1000 + (length as number), index: i, agent: agentRef === null ? '' : `agent:${agentRef}` });
  }
  if (problems.length === 0) overlapProblems(spans, problems, 'spans');
  if (problems.length > 0) throw badInput(problems);
  return parsed;
}

/**
 * The centre serving a queue checks intervals against the stored ones before uploading them
 * (queue.upload, like the upload itself). Reads only: one indexed range read of the queue's
 * record and one per 500 agents, the same reads and rule as the upload's own check.
 */
export async function checkIntervalSpans(ctx: Pick<PerformanceContext, 'viewer' | 'db' | 'contracts' | 'now'>, queueId: string, batch: unknown): Promise<SpanCheck> {
  // As an upload does: the contracts subgraph is asked while the batch is read here, and its
  // answer is awaited first, so a refusal wins over bad input.
  const authorized = authorize(ctx, 'queue.upload', queueId);
  authorized.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  let parsed: ParsedSpan[] | null = null;
  let invalid: unknown = null;
  try {
    parsed = spansFromBatch(batch, ctx.now);
  } catch (error) {
    invalid = error;
  }
  await authorized;
  if (invalid) throw invalid;
  const spans = parsed!;
  if (spans.length === 0) return { queueId, received: 0, replacing: 0, conflicts: [] };

  const queueSpans: Span[] = [];
  const agentSpans = new Map<string, Span[]>();
  spans.forEach((s, index) => {
    const span = { start: s.start, end: s.start + s.length, index };
    if (s.agentRef === null) queueSpans.push(span);
    else {
      const list = agentSpans.get(s.agentRef);
      if (list) list.push(span);
      else agentSpans.set(s.agentRef, [span]);
    }
  });
  const all = [...queueSpans, ...[...agentSpans.values()].flat()];
  const stored = await storedSpans(ctx.db, queueId, storedRange(all), queueSpans.length > 0, [...agentSpans.keys()], false);
  const first = new Map<number, StoredSpan>();
  const conflict = (span: Span, s: StoredSpan) => {
    if (!first.has(span.index)) first.set(span.index, s);
  };
  const byStart = (a: Span, b: Span) => a.start - b.start;
  let replacing = compareWithStored(queueSpans.sort(byStart), stored.queue, conflict);
  for (const [agent, list] of agentSpans) replacing += compareWithStored(list.sort(byStart), stored.agents.get(agent) ?? [], conflict);
  const conflicts = [...first.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, s]) => ({
      index,
      agentRef: spans[index].agentRef,
      start: new Date(spans[index].start * 1000),
      lengthSeconds: spans[index].length,
      storedStart: new Date(s.start * 1000),
      storedLengthSeconds: s.length,
      message: storedOverlapMessage(s),
    }));
  return { queueId, received: spans.length, replacing, conflicts };
}
