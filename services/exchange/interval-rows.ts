import { Bound, boundProblem, BOUNDS, instantProblem } from '../metrics/bounds';
import { validateInterval } from '../metrics/kpi';
import { apportionWaits } from '../metrics/wait-apportion';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { CellValue, HeaderBinding, intervalTime, ReadRow, RowProblem } from './mapping';
import { CanonicalField, ProfileDefinition } from './profile';

/**
 * One row of an interval export turned into the hub's raw interval record (shared/METRICS.md),
 * checked with the rules the performance subgraph applies to an upload (bounds, consistency,
 * quarter-hour starts, ended intervals), so a file refused here would have been refused there and
 * a file accepted here is written without surprise. Sums the source gives as means are rebuilt as
 * mean × count, counts given as percentages as percentage × denominator (rounded to whole
 * contacts); nothing else is filled in.
 */

/** The raw sums of an interval, in the order uploads and exports write them. */
export const SUM_FIELDS = [
  'offered',
  'answered',
  'abandoned',
  'flowedOut',
  'callbackRequested',
  'answeredWaitSeconds',
  'abandonedWaitSeconds',
  'talkSeconds',
  'holdSeconds',
  'wrapSeconds',
  'transferred',
  'resolvedFirstContact',
  'staffedSeconds',
  'availableSeconds',
] as const;

/** recordIntervalBatch's columns: an interval's start and length, its sums, its two wait histograms. */
export const BATCH_COLUMNS = ['start', 'lengthSeconds', ...SUM_FIELDS, 'answeredWait', 'abandonedWait'] as const;

export interface IntervalRow {
  start: number;
  lengthSeconds: number;
  offered: number;
  answered: number;
  abandoned: number;
  flowedOut: number | null;
  callbackRequested: number | null;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  transferred: number | null;
  resolvedFirstContact: number | null;
  staffedSeconds: number | null;
  availableSeconds: number | null;
  answeredWait: number[];
  abandonedWait: number[];
}

/** The row as one line of a recordIntervalBatch batch, in BATCH_COLUMNS order. */
export function batchValues(row: IntervalRow): unknown[] {
  return BATCH_COLUMNS.map((c) => (c === 'start' ? new Date(row.start * 1000).toISOString() : row[c]));
}

const ALIGNMENT_SECONDS = 900;
const SECONDS_TOTAL: Bound = { ...BOUNDS.secondsPerInterval, integer: false };
const COUNT_FIELDS = ['offered', 'answered', 'abandoned', 'flowedOut', 'callbackRequested', 'transferred', 'resolvedFirstContact'] as const;
const SECONDS_FIELDS = ['answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'staffedSeconds', 'availableSeconds'] as const;

/** Which canonical fields a record field comes from, to name the source column of a problem. */
const SOURCES: Record<string, CanonicalField[]> = {
  start: ['START', 'DATE', 'END'],
  lengthSeconds: ['LENGTH', 'END', 'START'],
  offered: ['OFFERED'],
  answered: ['ANSWERED'],
  abandoned: ['ABANDONED', 'ABANDON_RATE'],
  flowedOut: ['FLOWED_OUT'],
  callbackRequested: ['CALLBACK_REQUESTED'],
  answeredWaitSeconds: ['ANSWERED_WAIT', 'AVERAGE_ANSWERED_WAIT'],
  abandonedWaitSeconds: ['ABANDONED_WAIT', 'AVERAGE_ABANDONED_WAIT'],
  talkSeconds: ['TALK', 'AVERAGE_TALK'],
  holdSeconds: ['HOLD', 'AVERAGE_HOLD'],
  wrapSeconds: ['WRAP', 'AVERAGE_WRAP'],
  transferred: ['TRANSFERRED'],
  resolvedFirstContact: ['RESOLVED_FIRST_CONTACT'],
  staffedSeconds: ['STAFFED'],
  availableSeconds: ['AVAILABLE'],
  answeredWait: ['ANSWERED_WITHIN', 'ANSWERED_IN_BUCKET', 'SERVICE_LEVEL', 'ANSWERED'],
  abandonedWait: ['ABANDONED_WITHIN', 'ABANDONED_IN_BUCKET', 'ABANDONED'],
};

function columnFor(binding: HeaderBinding, row: ReadRow, field: string): string | null {
  for (const f of SOURCES[field.replace(/\[\d+\]$/, '')] ?? []) {
    const threshold = row.thresholds.find((t) => t.mapping.field === f);
    if (threshold) return threshold.mapping.source;
    const c = binding.columnOf(f);
    if (c) return c;
  }
  return null;
}

/** Cumulative counts within thresholds from …_WITHIN or …_IN_BUCKET columns. */
function withinEvidence(row: ReadRow, kind: 'ANSWERED' | 'ABANDONED'): Array<{ seconds: number; count: number }> {
  const withinField = kind === 'ANSWERED' ? 'ANSWERED_WITHIN' : 'ABANDONED_WITHIN';
  const bucketField = kind === 'ANSWERED' ? 'ANSWERED_IN_BUCKET' : 'ABANDONED_IN_BUCKET';
  const within: Array<{ seconds: number; count: number }> = [];
  const buckets: CellValue[] = [];
  for (const t of row.thresholds) {
    if (t.mapping.field === withinField) within.push({ seconds: t.mapping.seconds!, count: Number(t.value) });
    else if (t.mapping.field === bucketField && t.mapping.seconds != null) buckets.push(t);
  }
  buckets.sort((a, b) => a.mapping.seconds! - b.mapping.seconds!);
  let cumulative = 0;
  for (const b of buckets) {
    cumulative += Number(b.value);
    within.push({ seconds: b.mapping.seconds!, count: cumulative });
  }
  return within;
}

/**
 * Reads one row into an interval record; problems name the row's line and source column. `now`
 * is the instant every interval must have ended by.
 */
export function intervalRow(
  def: ProfileDefinition,
  binding: HeaderBinding,
  row: ReadRow,
  timeZone: string,
  nowEpoch: number,
  out: RowProblem[],
): IntervalRow | null {
  const before = out.length;
  const add = (field: string, reason: string) => out.push({ line: row.line, column: columnFor(binding, row, field), reason });
  const time = intervalTime(def, row, timeZone, out);
  const v = (f: CanonicalField): number | null => {
    const c = row.values.get(f);
    return c ? Number(c.value) : null;
  };
  const offered = v('OFFERED');
  const answered = v('ANSWERED');
  let abandoned = v('ABANDONED');
  if (abandoned === null && v('ABANDON_RATE') !== null && offered !== null) abandoned = Math.round(v('ABANDON_RATE')! * offered);
  for (const [field, value] of [['offered', offered], ['answered', answered], ['abandoned', abandoned]] as const) {
    if (value === null) add(field, `${field} is empty`);
  }
  const total = (sum: CanonicalField, mean: CanonicalField, count: number | null, field: string): number | null => {
    const given = v(sum);
    if (given !== null) return given;
    const average = v(mean);
    if (average === null) {
      add(field, `${field} is empty`);
      return null;
    }
    return count === null ? null : average * count;
  };
  const answeredWaitSeconds = total('ANSWERED_WAIT', 'AVERAGE_ANSWERED_WAIT', answered, 'answeredWaitSeconds');
  const abandonedWaitSeconds = total('ABANDONED_WAIT', 'AVERAGE_ABANDONED_WAIT', abandoned, 'abandonedWaitSeconds');
  const talkSeconds = total('TALK', 'AVERAGE_TALK', answered, 'talkSeconds');
  const holdSeconds = total('HOLD', 'AVERAGE_HOLD', answered, 'holdSeconds');
  const wrapSeconds = total('WRAP', 'AVERAGE_WRAP', answered, 'wrapSeconds');
  if (out.length > before || !time) return null;

  const record: IntervalRow = {
    start: time.start,
    lengthSeconds: time.length,
    offered: offered!,
    answered: answered!,
    abandoned: abandoned!,
    flowedOut: v('FLOWED_OUT'),
    callbackRequested: v('CALLBACK_REQUESTED'),
    answeredWaitSeconds: answeredWaitSeconds!,
    abandonedWaitSeconds: abandonedWaitSeconds!,
    talkSeconds: talkSeconds!,
    holdSeconds: holdSeconds!,
    wrapSeconds: wrapSeconds!,
    transferred: v('TRANSFERRED'),
    resolvedFirstContact: v('RESOLVED_FIRST_CONTACT'),
    staffedSeconds: v('STAFFED'),
    availableSeconds: v('AVAILABLE'),
    answeredWait: [],
    abandonedWait: [],
  };
  // Bounds first, so an absurd number is named with its bound before the consistency rules.
  for (const f of COUNT_FIELDS) {
    const value = record[f];
    if (value === null) continue;
    const p = boundProblem(value, BOUNDS.contactsPerInterval);
    if (p) add(f, `${f} ${p}`);
  }
  for (const f of SECONDS_FIELDS) {
    const value = record[f];
    if (value === null) continue;
    const p = boundProblem(value, SECONDS_TOTAL);
    if (p) add(f, `${f} ${p}`);
  }
  if (out.length > before) return null;

  const abandonedWithin = withinEvidence(row, 'ABANDONED');
  const answeredWithin = withinEvidence(row, 'ANSWERED');
  const level = v('SERVICE_LEVEL');
  if (level !== null && def.serviceLevel) {
    const t = def.serviceLevel.thresholdSeconds;
    const b = abandonedWithin.find((w) => w.seconds === t)?.count ?? null;
    const flowed = record.flowedOut ?? 0;
    const rebuilt = (() => {
      switch (def.serviceLevel.formula) {
        case 'OF_OFFERED':
          return level * record.offered;
        case 'OF_ANSWERED':
          return level * record.answered;
        case 'OF_ANSWERED_AND_ABANDONED':
          return level * (record.answered + record.abandoned);
        case 'OF_ANSWERED_ABANDONED_AND_FLOWED_OUT':
          return level * (record.answered + record.abandoned + flowed);
        case 'ABANDONS_WITHIN_T_COUNT_AS_MET':
          return b === null ? null : level * record.offered - b;
        case 'ABANDONS_WITHIN_T_EXCLUDED':
          return b === null ? null : level * (record.offered - b);
      }
    })();
    if (rebuilt !== null) {
      const count = Math.round(rebuilt);
      if (count < 0 || count > record.answered) add('answeredWait', `a service level of ${(level * 100).toFixed(2)} % gives ${count} answered within ${t} s, not between 0 and the ${record.answered} answered`);
      else if (!answeredWithin.some((w) => w.seconds === t)) answeredWithin.push({ seconds: t, count });
    }
  }
  for (const [kind, totalCount] of [
    ['ANSWERED', record.answered],
    ['ABANDONED', record.abandoned],
  ] as const) {
    const field = kind === 'ANSWERED' ? 'ANSWERED_IN_BUCKET' : 'ABANDONED_IN_BUCKET';
    let sum = 0;
    let open = false;
    for (const b of row.thresholds) {
      if (b.mapping.field !== field) continue;
      sum += Number(b.value);
      if (b.mapping.seconds == null) open = true;
    }
    if (open && sum !== totalCount) {
      add(kind === 'ANSWERED' ? 'answeredWait' : 'abandonedWait', `the wait buckets sum to ${sum} but ${kind.toLowerCase()} is ${totalCount}`);
    }
  }
  for (const [kind, totalCount, wait, evidence] of [
    ['answeredWait', record.answered, record.answeredWaitSeconds, answeredWithin],
    ['abandonedWait', record.abandoned, record.abandonedWaitSeconds, abandonedWithin],
  ] as const) {
    const result = apportionWaits({ total: totalCount, waitSeconds: wait, within: evidence });
    if (!result.ok) add(kind, result.problem);
    else record[kind] = result.histogram.counts;
  }
  if (out.length > before) return null;

  const problems = validateInterval({ ...record, start: new Date(record.start * 1000).toISOString(), bucketBounds: [...STANDARD_WAIT_BOUNDS] });
  for (const p of problems) add(p.field, p.message);
  const instant = instantProblem(record.start);
  if (instant) add('start', `the interval start ${instant}`);
  else if (record.start % ALIGNMENT_SECONDS !== 0) add('start', `${new Date(record.start * 1000).toISOString()} is not on a quarter hour (UTC)`);
  else if (record.start + record.lengthSeconds > nowEpoch) add('start', `the interval starting ${new Date(record.start * 1000).toISOString()} has not ended yet`);
  return out.length > before ? null : record;
}

/**
 * Which quarter hours of each queue the rows of a file cover, to find two rows that overlap, and
 * afterwards to walk the file's intervals queue by queue in time order (to check them against the
 * stored ones without reading the file again). Pages of one year of quarter hours each, made when
 * first touched, holding the line of the row that covers each quarter hour: memory grows with the
 * years a file spans (at most the hub's century), never with its rows.
 */
export class SlotMap {
  private readonly queues = new Map<string, Map<number, Int32Array>>();
  private static readonly PAGE = 366 * 96;

  /** Marks the interval's quarter hours with `line`; the line of an earlier row it overlaps, or 0. */
  claim(queueId: string, start: number, length: number, line: number): number {
    const first = Math.floor(start / ALIGNMENT_SECONDS);
    const count = Math.max(1, Math.ceil(length / ALIGNMENT_SECONDS));
    for (let s = first; s < first + count; s++) {
      const page = this.page(queueId, Math.floor(s / SlotMap.PAGE));
      const at = s % SlotMap.PAGE;
      if (page[at] !== 0) return page[at];
    }
    for (let s = first; s < first + count; s++) this.page(queueId, Math.floor(s / SlotMap.PAGE))[s % SlotMap.PAGE] = line;
    return 0;
  }

  /**
   * The claimed intervals, queue by queue, each queue's in time order: a run of quarter hours
   * marked with one line is that line's interval (a line claims one interval, and two rows never
   * share a quarter hour).
   */
  *intervals(): Generator<{ queueId: string; start: number; lengthSeconds: number; line: number }> {
    for (const [queueId, pages] of this.queues) {
      let run: { line: number; first: number; count: number } | null = null;
      for (const index of [...pages.keys()].sort((a, b) => a - b)) {
        const page = pages.get(index)!;
        const base = index * SlotMap.PAGE;
        for (let at = 0; at < page.length; at++) {
          const line = page[at];
          if (run && line === run.line && base + at === run.first + run.count) {
            run.count += 1;
            continue;
          }
          if (run) yield { queueId, start: run.first * ALIGNMENT_SECONDS, lengthSeconds: run.count * ALIGNMENT_SECONDS, line: run.line };
          run = line === 0 ? null : { line, first: base + at, count: 1 };
        }
      }
      if (run) yield { queueId, start: run.first * ALIGNMENT_SECONDS, lengthSeconds: run.count * ALIGNMENT_SECONDS, line: run.line };
    }
  }

  private page(queueId: string, index: number): Int32Array {
    let pages = this.queues.get(queueId);
    if (!pages) this.queues.set(queueId, (pages = new Map()));
    let page = pages.get(index);
    if (!page) {
      page = new Int32Array(SlotMap.PAGE);
      pages.set(index, page);
    }
    return page;
  }
}
