/**
 * Performance-subgraph KPIs (shared/METRICS.md) computed from raw interval fields.
 *
 * The formulas take fields already summed over the period (addSums here, or SUM in SQL), never
 * per-interval ratios: a ratio over a period is the sum of numerators over the sum of
 * denominators, and averaging interval ratios would weight a quiet interval like a busy one.
 */
import {
  CANONICAL_VARIANT,
  CATALOGUE,
  DefinitionError,
  MetricDefinition,
  isMetricKey,
  validateDefinition,
} from './catalogue';

/** Raw interval fields summed over a period. The optional fields are null (or absent) when not reported. */
export interface RawSums {
  offered: number;
  answered: number;
  abandoned: number;
  flowedOut?: number | null;
  callbackRequested?: number | null;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  transferred?: number | null;
  resolvedFirstContact?: number | null;
  staffedSeconds?: number | null;
  availableSeconds?: number | null;
  /** Seconds covered by the intervals summed (QUEUE_LENGTH's denominator); absent for sums of no stated length. */
  lengthSeconds?: number | null;
  /** The longest single wait, answered or abandoned: the maximum over intervals, not a sum. */
  longestWaitSeconds?: number | null;
  /** Upper bounds in seconds, strictly increasing; the last may be Infinity (an open bucket). */
  bucketBounds: number[];
  /** Counts per bucket: bucket i holds waits in (bucketBounds[i-1], bucketBounds[i]], the first from 0. */
  answeredWait: number[];
  abandonedWait: number[];
}

/** One uploaded record: the raw fields of a single queue and interval. */
export interface IntervalRecord extends RawSums {
  start: string;
  lengthSeconds: number;
}

export interface Counted {
  count: number;
  approximate: boolean;
}

export interface MetricValue {
  /** null when the figure is undefined: no contacts in the denominator, or a needed field not reported. */
  value: number | null;
  /** True when T or S fell inside a bucket, so a count was interpolated. */
  approximate: boolean;
  /** The summed parts, so a caller can show them or check a figure by hand. */
  numerator?: number;
  denominator?: number;
}

export interface IntervalProblem {
  field: string;
  message: string;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly errors: DefinitionError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'InvalidDefinitionError';
  }
}

/**
 * Contacts with wait <= t. Exact when t is a bucket bound or at or beyond the last finite bound
 * of a closed histogram; otherwise linearly interpolated inside the bucket containing t.
 *
 * A t inside the open last bucket (bound Infinity) has no width to interpolate over, so the
 * count up to the last finite bound is returned, marked approximate: a lower bound, which for a
 * service level errs against the centre rather than flattering it.
 */
export function countWithin(bounds: number[], counts: number[], t: number): Counted {
  if (bounds.length !== counts.length) {
    throw new Error(`histogram has ${counts.length} counts for ${bounds.length} bucket bounds`);
  }
  if (!(t >= 0)) throw new RangeError(`wait threshold must be a non-negative number of seconds, got ${t}`);
  let count = 0;
  for (let i = 0; i < bounds.length; i++) {
    const lower = i === 0 ? 0 : bounds[i - 1];
    const upper = bounds[i];
    if (t >= upper) {
      count += counts[i];
      continue;
    }
    // 0 is not a bound: the first bucket may hold zero-second waits, so t = 0 is a guess too.
    const onBound = i > 0 && t === lower;
    if (upper === Infinity) return { count, approximate: !onBound };
    return { count: count + (counts[i] * (t - lower)) / (upper - lower), approximate: !onBound };
  }
  return { count, approximate: false };
}

function ratio(numerator: number, denominator: number, approximate = false): MetricValue {
  return { value: denominator > 0 ? numerator / denominator : null, approximate, numerator, denominator };
}

/**
 * The figure of a performance metric under its definition. Throws for an invalid definition
 * (InvalidDefinitionError, with the catalogue's messages) and for a metric measured by another
 * subgraph (FCR, CSAT, ...), since interval actuals carry no data for it.
 */
export function computeMetric(definition: MetricDefinition, sums: RawSums): MetricValue {
  checkComputable(definition);
  return formulaOf(definition)(sums);
}

/**
 * computeMetric of one definition for many sums (a year of DAY windows): the definition is
 * checked once, here, with computeMetric's errors; the function computes each figure as
 * computeMetric does.
 */
export function metricFormula(definition: MetricDefinition): (sums: RawSums) => MetricValue {
  checkComputable(definition);
  return formulaOf(definition);
}

function checkComputable(definition: MetricDefinition): void {
  const { metric } = definition;
  if (isMetricKey(metric) && CATALOGUE[metric].measuredBy !== 'performance') {
    throw new Error(
      `${metric} is measured by the ${CATALOGUE[metric].measuredBy} subgraph; it is not computed from interval actuals`,
    );
  }
  const errors = validateDefinition(definition);
  if (errors.length > 0) throw new InvalidDefinitionError(errors);
}

/**
 * The formula of a checked definition: its metric and variant are looked up once, so that a
 * formula applied to a year of daily sums allocates nothing per figure but the figure.
 */
function formulaOf(definition: MetricDefinition): (sums: RawSums) => MetricValue {
  const { metric } = definition;
  const variant = definition.variant ?? CANONICAL_VARIANT;
  // validateDefinition has checked that the variant carries the parameters it uses.
  const T = definition.thresholdSeconds as number;
  const S = definition.shortAbandonSeconds as number;
  const A = (sums: RawSums, t: number) => countWithin(sums.bucketBounds, sums.answeredWait, t);
  const B = (sums: RawSums, t: number) => countWithin(sums.bucketBounds, sums.abandonedWait, t);
  const work = (sums: RawSums) => sums.talkSeconds + sums.holdSeconds + sums.wrapSeconds;

  switch (`${metric}/${variant}`) {
    case 'SERVICE_LEVEL/CANONICAL':
      return (sums) => {
        const a = A(sums, T);
        return ratio(a.count, sums.offered, a.approximate);
      };
    case 'SERVICE_LEVEL/EXCLUDE_SHORT_ABANDONS':
      return (sums) => {
        const a = A(sums, T);
        const b = B(sums, S);
        return ratio(a.count, sums.offered - b.count, a.approximate || b.approximate);
      };
    case 'SERVICE_LEVEL/OF_ANSWERED':
      return (sums) => {
        const a = A(sums, T);
        return ratio(a.count, sums.answered, a.approximate);
      };
    case 'SERVICE_LEVEL/ABANDONS_WITHIN_T_COUNT_AS_MET':
      return (sums) => {
        const a = A(sums, T);
        const b = B(sums, T);
        return ratio(a.count + b.count, sums.offered, a.approximate || b.approximate);
      };
    case 'SERVICE_LEVEL/ABANDONS_WITHIN_T_EXCLUDED':
      return (sums) => {
        const a = A(sums, T);
        const b = B(sums, T);
        return ratio(a.count, sums.offered - b.count, a.approximate || b.approximate);
      };
    case 'ABANDONMENT_RATE/CANONICAL':
      return (sums) => ratio(sums.abandoned, sums.offered);
    case 'ABANDONMENT_RATE/EXCLUDE_SHORT_ABANDONS':
      return (sums) => {
        const b = B(sums, S);
        return ratio(sums.abandoned - b.count, sums.offered - b.count, b.approximate);
      };
    case 'ASA/CANONICAL':
      return (sums) => ratio(sums.answeredWaitSeconds, sums.answered);
    case 'ASA/AVERAGE_WAIT_ALL':
      return (sums) => ratio(sums.answeredWaitSeconds + sums.abandonedWaitSeconds, sums.offered);
    case 'AHT/CANONICAL':
      return (sums) => ratio(work(sums), sums.answered);
    case 'AHT/WITHOUT_WRAP':
      return (sums) => ratio(sums.talkSeconds + sums.holdSeconds, sums.answered);
    case 'AHT/TALK_ONLY':
      return (sums) => ratio(sums.talkSeconds, sums.answered);
    case 'OCCUPANCY/CANONICAL':
      return (sums) => (sums.availableSeconds == null ? { value: null, approximate: false } : ratio(work(sums), work(sums) + sums.availableSeconds));
    case 'TRANSFER_RATE/CANONICAL':
      return (sums) => (sums.transferred == null ? { value: null, approximate: false } : ratio(sums.transferred, sums.answered));
    case 'AFTER_CALL_WORK/CANONICAL':
      return (sums) => ratio(sums.wrapSeconds, sums.answered);
    case 'HOLD_TIME/CANONICAL':
      return (sums) => ratio(sums.holdSeconds, sums.answered);
    case 'QUEUE_LENGTH/CANONICAL':
      // Little's law over the time covered: the mean number waiting is the total wait over the span.
      return (sums) =>
        sums.lengthSeconds == null ? { value: null, approximate: false } : ratio(sums.answeredWaitSeconds + sums.abandonedWaitSeconds, sums.lengthSeconds);
    case 'LONGEST_WAIT/CANONICAL':
      return (sums) => ({ value: sums.longestWaitSeconds ?? null, approximate: false });
    default:
      // Reached only if the catalogue gains a performance variant this module does not know yet.
      throw new Error(`no formula for ${metric}/${variant} in services/metrics/kpi.ts`);
  }
}

/** A field of the sums a figure can read (the bucket bounds are fixed, not read from storage). */
export type SumsField = Exclude<keyof RawSums, 'bucketBounds'>;

/**
 * The fields of the sums each performance definition reads (metric/variant), as computeMetric
 * above reads them: a reader that needs only some figures fetches only these (a year of daily
 * sums is 70 columns a row otherwise). kpi.test.ts computes every definition from sums whose
 * other fields are garbage and checks the figure is unchanged, so this list cannot fall behind.
 */
const SUMS_READ: Record<string, readonly SumsField[]> = {
  'SERVICE_LEVEL/CANONICAL': ['offered', 'answeredWait'],
  'SERVICE_LEVEL/EXCLUDE_SHORT_ABANDONS': ['offered', 'answeredWait', 'abandonedWait'],
  'SERVICE_LEVEL/OF_ANSWERED': ['answered', 'answeredWait'],
  'SERVICE_LEVEL/ABANDONS_WITHIN_T_COUNT_AS_MET': ['offered', 'answeredWait', 'abandonedWait'],
  'SERVICE_LEVEL/ABANDONS_WITHIN_T_EXCLUDED': ['offered', 'answeredWait', 'abandonedWait'],
  'ABANDONMENT_RATE/CANONICAL': ['offered', 'abandoned'],
  'ABANDONMENT_RATE/EXCLUDE_SHORT_ABANDONS': ['offered', 'abandoned', 'abandonedWait'],
  'ASA/CANONICAL': ['answered', 'answeredWaitSeconds'],
  'ASA/AVERAGE_WAIT_ALL': ['offered', 'answeredWaitSeconds', 'abandonedWaitSeconds'],
  'AHT/CANONICAL': ['answered', 'talkSeconds', 'holdSeconds', 'wrapSeconds'],
  'AHT/WITHOUT_WRAP': ['answered', 'talkSeconds', 'holdSeconds'],
  'AHT/TALK_ONLY': ['answered', 'talkSeconds'],
  'OCCUPANCY/CANONICAL': ['talkSeconds', 'holdSeconds', 'wrapSeconds', 'availableSeconds'],
  'TRANSFER_RATE/CANONICAL': ['answered', 'transferred'],
  'AFTER_CALL_WORK/CANONICAL': ['answered', 'wrapSeconds'],
  'HOLD_TIME/CANONICAL': ['answered', 'holdSeconds'],
  'QUEUE_LENGTH/CANONICAL': ['answeredWaitSeconds', 'abandonedWaitSeconds', 'lengthSeconds'],
  'LONGEST_WAIT/CANONICAL': ['longestWaitSeconds'],
};

/** The fields of the sums a performance definition's figure reads; null when not known (read them all). */
export function sumsRead(definition: Pick<MetricDefinition, 'metric' | 'variant'>): readonly SumsField[] | null {
  return SUMS_READ[`${definition.metric}/${definition.variant ?? CANONICAL_VARIANT}`] ?? null;
}

/** A wait histogram of the sums. */
export type WaitHistogram = 'answeredWait' | 'abandonedWait';

/** Of each histogram a figure reads, how many of its leading buckets the figure reads. */
export type WaitBucketsRead = Partial<Record<WaitHistogram, number>>;

/** The parameter whose threshold each performance definition counts each histogram up to (countWithin). */
const WAITS_COUNTED: Record<string, Partial<Record<WaitHistogram, 'thresholdSeconds' | 'shortAbandonSeconds'>>> = {
  'SERVICE_LEVEL/CANONICAL': { answeredWait: 'thresholdSeconds' },
  'SERVICE_LEVEL/EXCLUDE_SHORT_ABANDONS': { answeredWait: 'thresholdSeconds', abandonedWait: 'shortAbandonSeconds' },
  'SERVICE_LEVEL/OF_ANSWERED': { answeredWait: 'thresholdSeconds' },
  'SERVICE_LEVEL/ABANDONS_WITHIN_T_COUNT_AS_MET': { answeredWait: 'thresholdSeconds', abandonedWait: 'thresholdSeconds' },
  'SERVICE_LEVEL/ABANDONS_WITHIN_T_EXCLUDED': { answeredWait: 'thresholdSeconds', abandonedWait: 'thresholdSeconds' },
  'ABANDONMENT_RATE/EXCLUDE_SHORT_ABANDONS': { abandonedWait: 'shortAbandonSeconds' },
};

/**
 * Of each wait histogram a definition's figure reads (sumsRead), how many leading buckets of
 * `bounds` it reads: countWithin(t) adds up the buckets whose bound is at most t, and reads the
 * bucket t falls in only to interpolate inside it (not when t is that bucket's lower bound, where
 * it counts none of it, nor in an open last bucket); never a later one. A histogram read whole,
 * or not read, is absent. kpi.test.ts computes every definition with the other buckets garbage
 * and checks the figure is unchanged.
 */
export function waitBucketsRead(definition: MetricDefinition, bounds: readonly number[]): WaitBucketsRead {
  const counted = WAITS_COUNTED[`${definition.metric}/${definition.variant ?? CANONICAL_VARIANT}`] ?? {};
  const read: WaitBucketsRead = {};
  for (const [histogram, parameter] of Object.entries(counted) as Array<[WaitHistogram, 'thresholdSeconds' | 'shortAbandonSeconds']>) {
    const t = definition[parameter];
    if (t == null) continue;
    const within = bounds.findIndex((upper) => upper > t);
    if (within < 0) continue;
    const interpolated = t !== (within === 0 ? 0 : bounds[within - 1]) && bounds[within] !== Infinity;
    const leading = interpolated ? within + 1 : within;
    if (leading < bounds.length) read[histogram] = leading;
  }
  return read;
}

/** The sums of no interval, for the given bucket bounds: the identity of addSums. */
export function emptySums(bounds: number[]): RawSums {
  const zeros = () => bounds.map(() => 0);
  // Optional fields start at 0, not null: null would make every later sum null.
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    flowedOut: 0,
    callbackRequested: 0,
    answeredWaitSeconds: 0,
    abandonedWaitSeconds: 0,
    talkSeconds: 0,
    holdSeconds: 0,
    wrapSeconds: 0,
    transferred: 0,
    resolvedFirstContact: 0,
    staffedSeconds: 0,
    availableSeconds: 0,
    // lengthSeconds and longestWaitSeconds stay absent: addSums takes an absent one as no interval.
    bucketBounds: [...bounds],
    answeredWait: zeros(),
    abandonedWait: zeros(),
  };
}

/**
 * Sums two periods. An optional field is null in the result if either side lacks it: a partial
 * sum would bias a figure (occupancy over half the available time) rather than leave it unknown.
 */
export function addSums(a: RawSums, b: RawSums): RawSums {
  const bounds = a.bucketBounds;
  if (bounds.length !== b.bucketBounds.length || bounds.some((x, i) => x !== b.bucketBounds[i])) {
    throw new Error(`cannot add histograms with different bucket bounds: [${bounds}] and [${b.bucketBounds}]`);
  }
  const counts = (x: number[], y: number[], field: string) => {
    if (x.length !== bounds.length || y.length !== bounds.length) {
      throw new Error(`${field} must have one count per bucket bound (${bounds.length})`);
    }
    return x.map((c, i) => c + y[i]);
  };
  const optional = (x?: number | null, y?: number | null) => (x == null || y == null ? null : x + y);
  // Fields sums of old callers leave absent (undefined) combine as no data; null is "not reported",
  // and a partial maximum would understate the longest wait, so it is unknown unless both report it.
  const combined = (x: number | null | undefined, y: number | null | undefined, f: (p: number, q: number) => number) =>
    x === undefined ? y : y === undefined ? x : x === null || y === null ? null : f(x, y);
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    flowedOut: optional(a.flowedOut, b.flowedOut),
    callbackRequested: optional(a.callbackRequested, b.callbackRequested),
    answeredWaitSeconds: a.answeredWaitSeconds + b.answeredWaitSeconds,
    abandonedWaitSeconds: a.abandonedWaitSeconds + b.abandonedWaitSeconds,
    talkSeconds: a.talkSeconds + b.talkSeconds,
    holdSeconds: a.holdSeconds + b.holdSeconds,
    wrapSeconds: a.wrapSeconds + b.wrapSeconds,
    transferred: optional(a.transferred, b.transferred),
    resolvedFirstContact: optional(a.resolvedFirstContact, b.resolvedFirstContact),
    staffedSeconds: optional(a.staffedSeconds, b.staffedSeconds),
    availableSeconds: optional(a.availableSeconds, b.availableSeconds),
    lengthSeconds: combined(a.lengthSeconds, b.lengthSeconds, (p, q) => p + q),
    longestWaitSeconds: combined(a.longestWaitSeconds, b.longestWaitSeconds, Math.max),
    bucketBounds: [...bounds],
    answeredWait: counts(a.answeredWait, b.answeredWait, 'answeredWait'),
    abandonedWait: counts(a.abandonedWait, b.abandonedWait, 'abandonedWait'),
  };
}

export const INTERVAL_LENGTHS = [900, 1800, 3600];
const COUNTS = ['offered', 'answered', 'abandoned'];
const OPTIONAL_COUNTS = ['flowedOut', 'callbackRequested', 'transferred', 'resolvedFirstContact'];
const DURATIONS = ['answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'];
const OPTIONAL_DURATIONS = ['staffedSeconds', 'availableSeconds', 'longestWaitSeconds'];
const LEAVING = ['answered', 'abandoned', 'flowedOut', 'callbackRequested'];
const HISTOGRAMS = [
  { histogram: 'answeredWait', total: 'answered', waitSeconds: 'answeredWaitSeconds' },
  { histogram: 'abandonedWait', total: 'abandoned', waitSeconds: 'abandonedWaitSeconds' },
];

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isDuration = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Problems of one uploaded interval record, each naming the record field it concerns. Takes
 * unknown because it is the gate for parsed upload data. A check that depends on a field already
 * reported as malformed is skipped, so one mistake gives one problem.
 */
export function validateInterval(record: unknown): IntervalProblem[] {
  if (typeof record !== 'object' || record === null) {
    return [{ field: 'record', message: 'an interval record must be an object' }];
  }
  const r = record as Record<string, unknown>;
  const problems: IntervalProblem[] = [];
  if (!INTERVAL_LENGTHS.includes(r.lengthSeconds as number)) {
    problems.push({ field: 'lengthSeconds', message: `lengthSeconds must be 900, 1800 or 3600, got ${r.lengthSeconds}` });
  }
  return [...problems, ...validateSums(record)];
}

/**
 * The rules a record's fields must satisfy whatever period it covers: an interval, or raw
 * fields already summed over a longer period (a bid's past performance).
 */
export function validateSums(record: unknown): IntervalProblem[] {
  if (typeof record !== 'object' || record === null) {
    return [{ field: 'record', message: 'a record of raw fields must be an object' }];
  }
  const r = record as Record<string, unknown>;
  const problems: IntervalProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  const check = (f: string, ok: (v: unknown) => boolean, what: string, optional: boolean) => {
    if (optional && r[f] == null) return;
    if (!ok(r[f])) fail(f, `${f} must be ${what}${optional ? ' or null if not reported' : ''}, got ${r[f]}`);
  };
  for (const f of COUNTS) check(f, isCount, 'a non-negative integer', false);
  for (const f of OPTIONAL_COUNTS) check(f, isCount, 'a non-negative integer', true);
  for (const f of DURATIONS) check(f, isDuration, 'a non-negative number of seconds', false);
  for (const f of OPTIONAL_DURATIONS) check(f, isDuration, 'a non-negative number of seconds', true);

  const leaving = LEAVING.map((f) => r[f] ?? 0);
  if (isCount(r.offered) && leaving.every(isCount)) {
    const total = (leaving as number[]).reduce((s, c) => s + c, 0);
    if (total > r.offered) {
      fail('offered', `answered + abandoned + flowedOut + callbackRequested = ${total} exceeds offered = ${r.offered}`);
    }
  }

  const bounds = checkBounds(r.bucketBounds, fail);
  const checked: number[][] = [];
  for (const { histogram, total, waitSeconds } of HISTOGRAMS) {
    const counts = r[histogram];
    if (!Array.isArray(counts)) {
      fail(histogram, `${histogram} must be an array of counts, one per bucket bound`);
      continue;
    }
    const bad = counts.findIndex((c) => !isCount(c));
    if (bad >= 0) {
      fail(histogram, `${histogram}[${bad}] must be a non-negative integer, got ${counts[bad]}`);
      continue;
    }
    const sum = counts.reduce((s, c) => s + c, 0);
    if (isCount(r[total]) && sum !== r[total]) {
      fail(histogram, `${histogram} counts sum to ${sum} but ${total} is ${r[total]}`);
    }
    if (!bounds) continue;
    if (counts.length !== bounds.length) {
      fail(histogram, `${histogram} has ${counts.length} counts for ${bounds.length} bucket bounds`);
      continue;
    }
    checked.push(counts);
    const wait = r[waitSeconds];
    if (!isDuration(wait)) continue;
    const [min, max] = waitRange(bounds, counts);
    // The tolerance only absorbs floating-point error in totals reported with decimals.
    if (wait < min - 1e-6 || wait > max + 1e-6) {
      const upper = max === Infinity ? 'upwards' : `to ${max}`;
      const message = `${waitSeconds} = ${wait} is inconsistent with ${histogram}: its buckets allow ${min} ${upper}`;
      fail(waitSeconds, message);
    }
  }
  if (bounds && checked.length === HISTOGRAMS.length && isDuration(r.longestWaitSeconds)) {
    const [min, max] = longestWaitRange(bounds, checked);
    const longest = r.longestWaitSeconds;
    if (longest < min || longest > max) {
      const range = max === Infinity ? `${min} upwards` : min === max ? `${min}` : `${min} to ${max}`;
      fail('longestWaitSeconds', `longestWaitSeconds = ${longest} is inconsistent with the wait buckets: the longest wait lies in ${range} s`);
    }
  }
  return problems;
}

/**
 * Where the longest wait can lie: in the highest bucket that holds a contact of either
 * histogram (above its lower bound, up to its upper bound); 0 when no contact waited at all.
 */
function longestWaitRange(bounds: number[], histograms: number[][]): [number, number] {
  for (let i = bounds.length - 1; i >= 0; i--) {
    if (histograms.some((counts) => counts[i] > 0)) return [i === 0 ? 0 : bounds[i - 1], bounds[i]];
  }
  return [0, 0];
}

function checkBounds(value: unknown, fail: (field: string, message: string) => void): number[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    fail('bucketBounds', 'bucketBounds must be a non-empty array of upper bounds in seconds');
    return null;
  }
  for (let i = 0; i < value.length; i++) {
    const b = value[i];
    if (typeof b !== 'number' || Number.isNaN(b) || b <= 0) {
      fail('bucketBounds', `bucketBounds[${i}] must be a positive number of seconds, got ${b}`);
      return null;
    }
    if (i > 0 && b <= value[i - 1]) {
      fail('bucketBounds', `bucketBounds must strictly increase, but [${i}] = ${b} follows ${value[i - 1]}`);
      return null;
    }
  }
  return value as number[];
}

/** Least and greatest total wait the buckets allow: every contact at its bucket's lower or upper edge. */
function waitRange(bounds: number[], counts: number[]): [number, number] {
  let min = 0;
  let max = 0;
  counts.forEach((c, i) => {
    if (c === 0) return; // 0 * Infinity would be NaN for an empty open bucket
    min += c * (i === 0 ? 0 : bounds[i - 1]);
    max += c * bounds[i];
  });
  return [min, max];
}
