import { DataSource } from 'typeorm';
import { badInput, FieldProblem, Problems } from '../platform/errors';
import { validateRange } from '../platform/ranges';
import { checkInstant } from '../platform/validate';
import { bucketBoundaries, Granularity, localDateLabel } from '../metrics/calendar';
import { CANONICAL_VARIANT, MetricDefinition, validateDefinition, CATALOGUE, isMetricKey } from '../metrics/catalogue';
import { computeMetric, metricFormula, MetricValue, RawSums } from '../metrics/kpi';
import { isValidTimeZone } from '../metrics/vocabulary';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { authorize } from './access';
import { BucketSums, sumByBucket } from './aggregate';
import type { PerformanceContext } from './context';

/** What a figure means: returned with every value, so no number is ever unlabelled. */
export interface FigureDefinition extends MetricDefinition {
  variant: string;
  label: string;
  attribution: string;
  timeZone: string;
}

export interface Figure extends MetricValue {
  definition: FigureDefinition;
}

export interface SeriesPoint {
  start: Date;
  end: Date;
  label: string;
  intervals: number;
  sums: RawSums;
  figures: Figure[];
}

/** The figures a series shows when the caller names none. */
export const DEFAULT_DEFINITIONS: MetricDefinition[] = [
  { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 },
  { metric: 'ABANDONMENT_RATE' },
  { metric: 'ASA' },
  { metric: 'AHT' },
  { metric: 'OCCUPANCY' },
];

const MAX_DEFINITIONS = 20;

export function label(def: MetricDefinition): string {
  const parts = [def.metric];
  if (def.thresholdSeconds != null) parts.push(`${def.thresholdSeconds}s`);
  const variant = def.variant ?? CANONICAL_VARIANT;
  if (variant !== CANONICAL_VARIANT) parts.push(variant);
  if (def.shortAbandonSeconds != null) parts.push(`S=${def.shortAbandonSeconds}s`);
  return parts.join(' ');
}

/** Checks the definitions a caller asked for: known, complete, and measurable from interval actuals. */
export function validateDefinitions(defs: MetricDefinition[]): void {
  const problems: FieldProblem[] = [];
  if (defs.length > MAX_DEFINITIONS) problems.push({ field: 'metrics', message: `at most ${MAX_DEFINITIONS} metrics per request` });
  defs.forEach((def, i) => {
    for (const e of validateDefinition(def)) problems.push({ field: `metrics[${i}].${e.field}`, message: e.message });
    if (isMetricKey(def.metric) && CATALOGUE[def.metric].measuredBy !== 'performance') {
      problems.push({ field: `metrics[${i}].metric`, message: `${def.metric} is measured by the ${CATALOGUE[def.metric].measuredBy} subgraph, not from interval actuals` });
    }
  });
  if (problems.length > 0) throw badInput(problems);
}

export function figure(def: MetricDefinition, sums: RawSums, attribution: string, timeZone: string): Figure {
  const definition: FigureDefinition = {
    metric: def.metric,
    variant: def.variant ?? CANONICAL_VARIANT,
    thresholdSeconds: def.thresholdSeconds ?? null,
    shortAbandonSeconds: def.shortAbandonSeconds ?? null,
    label: label(def),
    attribution,
    timeZone,
  };
  return { ...computeMetric(definition, sums), definition };
}

/** `figure` of one definition for many sums, in two steps: the value, then the figure of it. */
export interface FigureMaker {
  /** The value of the figure of these sums and its parts, as computeMetric gives them. */
  measure(sums: RawSums): MetricValue;
  /** The figure of a value `measure` gave, as `figure` makes it. */
  figure(value: MetricValue, attribution: string): Figure;
}

/**
 * `figure` of one definition for many sums (the windows of a compliance range): the definition
 * is checked and labelled once, and its figures share their definition object per attribution;
 * a caller that needs only the values (a verdict) makes no figure. Throws as `figure` does, when made.
 */
export function figureMaker(def: MetricDefinition, timeZone: string): FigureMaker {
  const base = {
    metric: def.metric,
    variant: def.variant ?? CANONICAL_VARIANT,
    thresholdSeconds: def.thresholdSeconds ?? null,
    shortAbandonSeconds: def.shortAbandonSeconds ?? null,
    label: label(def),
  };
  const definitions = new Map<string, FigureDefinition>();
  const definitionFor = (attribution: string): FigureDefinition => {
    let definition = definitions.get(attribution);
    if (!definition) definitions.set(attribution, (definition = { ...base, attribution, timeZone }));
    return definition;
  };
  return { measure: metricFormula(definitionFor('QUEUE_ENTRY')), figure: (value, attribution) => ({ ...value, definition: definitionFor(attribution) }) };
}

export function emptySums(): RawSums {
  return {
    offered: 0, answered: 0, abandoned: 0, flowedOut: null, callbackRequested: null,
    answeredWaitSeconds: 0, abandonedWaitSeconds: 0, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0,
    transferred: null, resolvedFirstContact: null, staffedSeconds: null, availableSeconds: null,
    lengthSeconds: 0, longestWaitSeconds: null,
    bucketBounds: [...STANDARD_WAIT_BOUNDS],
    answeredWait: STANDARD_WAIT_BOUNDS.map(() => 0),
    abandonedWait: STANDARD_WAIT_BOUNDS.map(() => 0),
  };
}

export interface SeriesArgs {
  queueIds: string[];
  timeZone: string;
  from: Date;
  to: Date;
  granularity: Granularity;
  definitions: MetricDefinition[];
}

export function pointsFrom(args: Omit<SeriesArgs, 'queueIds'>, starts: number[], fromEpoch: number, toEpoch: number, rows: BucketSums[]): SeriesPoint[] {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  return starts.map((start, i) => {
    const row = byBucket.get(i);
    const sums = row?.sums ?? emptySums();
    const attribution = row?.attribution ?? 'QUEUE_ENTRY';
    return {
      start: new Date(Math.max(start, fromEpoch) * 1000),
      end: new Date(Math.min(starts[i + 1] ?? toEpoch, toEpoch) * 1000),
      label: localDateLabel(start, args.granularity, args.timeZone),
      intervals: row?.intervals ?? 0,
      sums,
      figures: args.definitions.map((def) => figure(def, sums, attribution, args.timeZone)),
    };
  });
}

/**
 * Time series: raw sums per calendar bucket of the time zone (one SQL statement), then each
 * requested figure from the sums. Buckets without data come back with zero counts and null
 * figures, so a chart has no holes to guess about. `perQueue` keeps the queues apart (still
 * one statement), otherwise they are added together. The arguments are checked beforehand
 * (checkSeriesRequest), so one bad request in a batch of loads fails only itself.
 */
export async function computeSeries(db: DataSource, args: SeriesArgs): Promise<SeriesPoint[]>;
export async function computeSeries(db: DataSource, args: SeriesArgs, perQueue: true): Promise<Map<string, SeriesPoint[]>>;
export async function computeSeries(db: DataSource, args: SeriesArgs, perQueue = false): Promise<SeriesPoint[] | Map<string, SeriesPoint[]>> {
  const fromEpoch = Math.floor(args.from.getTime() / 1000);
  const toEpoch = Math.floor(args.to.getTime() / 1000);
  const starts = bucketBoundaries(fromEpoch, toEpoch, args.granularity, args.timeZone);
  const rows = await sumByBucket(db, args.queueIds, starts, { from: fromEpoch, to: toEpoch }, {
    perQueue,
    timeZone: args.timeZone,
    boundariesAtMidnight: args.granularity === 'DAY' || args.granularity === 'WEEK' || args.granularity === 'MONTH',
  });
  if (!perQueue) return pointsFrom(args, starts, fromEpoch, toEpoch, rows);
  return new Map(args.queueIds.map((id) => [id, pointsFrom(args, starts, fromEpoch, toEpoch, rows.filter((r) => r.queueId === id))]));
}

/** A series as a caller asks for it. */
export interface SeriesRequest {
  from: Date;
  to: Date;
  granularity: Granularity;
  /** Catalogue definitions; DEFAULT_DEFINITIONS when none are named. */
  definitions?: MetricDefinition[] | null;
  /** Buckets in this IANA zone instead of the queue's own. */
  timeZone?: string | null;
}

export interface SeriesResult {
  timeZone: string;
  granularity: Granularity;
  points: SeriesPoint[];
}

/**
 * Checks a series request before anything is read: the instants within the hub's window, the
 * range within the granularity's limit, the time zone and the definitions. Returns the series
 * arguments without queues, in the zone asked or else `defaultZone`.
 */
export function checkSeriesRequest(request: SeriesRequest, defaultZone: string): Omit<SeriesArgs, 'queueIds'> {
  const problems = new Problems();
  checkInstant(problems, 'from', request.from);
  checkInstant(problems, 'to', request.to);
  if (request.timeZone != null && !isValidTimeZone(request.timeZone)) problems.add('timeZone', `"${request.timeZone}" is not an IANA time zone`);
  problems.throwIfAny();
  validateRange(request.from, request.to, request.granularity);
  const definitions = (request.definitions ?? DEFAULT_DEFINITIONS).map((d) => ({ ...d }));
  validateDefinitions(definitions);
  return { timeZone: request.timeZone ?? defaultZone, from: request.from, to: request.to, granularity: request.granularity, definitions };
}

/** One queue's series, for the contract's client and centre. */
export async function queuePerformance(ctx: PerformanceContext, queueId: string, request: SeriesRequest): Promise<SeriesResult> {
  const facts = await authorize(ctx, 'queue.read', queueId);
  const args = checkSeriesRequest(request, facts.timeZone);
  const points = await ctx.loaders.queueSeries.load({ owner: queueId, args });
  return { timeZone: args.timeZone, granularity: args.granularity, points };
}

/** All the contract's queues added together; buckets in the first queue's zone unless one is asked. */
export async function contractPerformance(ctx: PerformanceContext, contractId: string, request: SeriesRequest): Promise<SeriesResult> {
  const facts = await authorize(ctx, 'contract.read', contractId);
  const args = checkSeriesRequest(request, facts.queues[0]?.timeZone ?? 'UTC');
  const points = await ctx.loaders.contractSeries.load({ owner: contractId, args: { ...args, queueIds: facts.queues.map((q) => q.id) } });
  return { timeZone: args.timeZone, granularity: args.granularity, points };
}
