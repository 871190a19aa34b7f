import { badInput, FieldProblem } from '../platform/errors';
import { bucketBoundaries, Granularity, localDateLabel } from '../metrics/calendar';
import { CANONICAL_VARIANT, MetricDefinition, validateDefinition, CATALOGUE, isMetricKey } from '../metrics/catalogue';
import { computeMetric, MetricValue, RawSums } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { DataSource } from 'typeorm';
import { BucketSums, sumByBucket } from './aggregate';
import { validateRange } from '../platform/ranges';

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

export function emptySums(): RawSums {
  return {
    offered: 0, answered: 0, abandoned: 0, flowedOut: null, callbackRequested: null,
    answeredWaitSeconds: 0, abandonedWaitSeconds: 0, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0,
    transferred: null, resolvedFirstContact: null, staffedSeconds: null, availableSeconds: null,
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

function pointsFrom(args: SeriesArgs, starts: number[], fromEpoch: number, toEpoch: number, rows: BucketSums[]): SeriesPoint[] {
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
 * one statement), otherwise they are added together.
 */
export async function performanceSeries(db: DataSource, args: SeriesArgs): Promise<SeriesPoint[]>;
export async function performanceSeries(db: DataSource, args: SeriesArgs, perQueue: true): Promise<Map<string, SeriesPoint[]>>;
export async function performanceSeries(db: DataSource, args: SeriesArgs, perQueue = false): Promise<SeriesPoint[] | Map<string, SeriesPoint[]>> {
  validateRange(args.from, args.to, args.granularity);
  validateDefinitions(args.definitions);
  const fromEpoch = Math.floor(args.from.getTime() / 1000);
  const toEpoch = Math.floor(args.to.getTime() / 1000);
  const starts = bucketBoundaries(fromEpoch, toEpoch, args.granularity, args.timeZone);
  const rows = await sumByBucket(db, args.queueIds, starts, { from: fromEpoch, to: toEpoch }, { perQueue });
  if (!perQueue) return pointsFrom(args, starts, fromEpoch, toEpoch, rows);
  return new Map(args.queueIds.map((id) => [id, pointsFrom(args, starts, fromEpoch, toEpoch, rows.filter((r) => r.queueId === id))]));
}
